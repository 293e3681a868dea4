/**
 * Full validation of a submitted transaction, as a node does it: parse, inputs and data inputs
 * present and not double spent, a fee output, box and transaction size, then ergo-lib's
 * `validate_tx` (scripts and proofs, ERG and token conservation, minimum box value, creation
 * heights). Refusals are `NodeError`s with the node's 400 body.
 */
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { ErgoBox, ErgoBoxes, Transaction, validate_tx } from "ergo-lib-wasm-nodejs";
import type { BlockContext } from "../ergo/block-context.ts";
import { sourceText, stringifyJson } from "../ergo/json.ts";
import { badRequest } from "./types.ts";
import type { NodeBox, NodeTransaction } from "../ergo/types.ts";
import { normalizeFromJson, normalizeWithErgoLib, type Normalized } from "./normalize.ts";
import { parsedBoxes } from "./parsed-boxes.ts";
import { withOwned, type Own } from "../ergo/wasm.ts";

/** Largest box the node accepts, in bytes. */
export const MAX_BOX_BYTES = 4_096;
/** Largest transaction the node's mempool accepts, in bytes (`maxTransactionSize`). */
export const MAX_TRANSACTION_BYTES = 98_304;

/** Where validation looks boxes up: confirmed UTXO plus mempool outputs, and mempool spends. */
export interface BoxLookup {
  box(boxId: string): NodeBox | undefined;
  spentBy(boxId: string): string | undefined;
}

function parseTransaction(input: unknown): Transaction {
  if (typeof input !== "object" || input === null || !Array.isArray((input as { inputs?: unknown }).inputs)) {
    throw badRequest("Malformed transaction: expected a JSON object with inputs, dataInputs and outputs");
  }
  try {
    return Transaction.from_json(sourceText.get(input) ?? stringifyJson(input));
  } catch (error) {
    throw badRequest(`Malformed transaction: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Looks the boxes up; `spender` is the transaction itself, which may be in the pool already. */
function resolve(ids: string[], view: BoxLookup, what: string, spender?: string): NodeBox[] {
  if (new Set(ids).size !== ids.length) throw badRequest(`Malformed transaction: a ${what} appears twice`);
  return ids.map((id) => {
    const box = view.box(id);
    if (!box) throw badRequest(`Malformed transaction: ${what} ${id} is not in the UTXO set or the mempool`);
    const spentBy = spender === undefined ? undefined : view.spentBy(id);
    if (spentBy !== undefined && spentBy !== spender) {
      throw badRequest(`Double spending attempt: box ${id} is already spent by unconfirmed transaction ${spentBy}`);
    }
    return box;
  });
}
function ergoBoxes(boxes: NodeBox[], own: Own): ErgoBoxes {
  const all = own(ErgoBoxes.empty());
  for (const box of boxes) {
    let parsed = parsedBoxes.get(box.boxId);
    if (!parsed) {
      parsed = ErgoBox.from_json(stringifyJson(box));
      parsedBoxes.set(box.boxId, parsed);
    }
    all.add(parsed);
  }
  return all;
}

/** Keeps a valid transaction's outputs parsed: the next transactions spend them. */
function keepOutputs(tx: Transaction, json: NodeTransaction, own: Own): void {
  const outputs = own(tx.outputs());
  json.outputs.forEach((output, i) => parsedBoxes.set(output.boxId, outputs.get(i)));
}

function checkSizes({ tx, outputBytes }: Normalized): void {
  if (tx.size > MAX_TRANSACTION_BYTES) throw badRequest(`Transaction is ${tx.size} bytes, more than ${MAX_TRANSACTION_BYTES}`);
  outputBytes.forEach((size, i) => {
    if (size > MAX_BOX_BYTES) throw badRequest(`Output ${i} is ${size} bytes, more than ${MAX_BOX_BYTES}`);
  });
}

/** Validates `input` (node transaction JSON) for inclusion in the next block; returns it normalized. */
export function validateTransaction(input: unknown, view: BoxLookup, block: BlockContext): NodeTransaction {
  return withOwned((own) => {
    const tx = own(parseTransaction(input));
    const normalized = normalizeFromJson(input, own(tx.id()).to_str()) ?? normalizeWithErgoLib(tx);
    const json = normalized.tx;
    const inputs = resolve(json.inputs.map((i) => i.boxId), view, "input box", json.id);
    const dataInputs = resolve(json.dataInputs.map((d) => d.boxId), view, "data input box");
    if (!json.outputs.some((o) => o.ergoTree === FEE_CONTRACT)) throw badRequest("Transaction has no fee output (miner fee box)");
    checkSizes(normalized);
    try {
      validate_tx(tx, block.context, ergoBoxes(inputs, own), ergoBoxes(dataInputs, own));
    } catch (error) {
      throw badRequest(`Transaction validation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    keepOutputs(tx, json, own);
    // Revalidation (mining at another height, reorgs) reads the text ergo-lib read: see `sourceText`.
    const text = sourceText.get(input as object);
    if (text !== undefined) sourceText.set(json, text);
    return json;
  });
}
