/**
 * Full validation of a submitted transaction, as a node does it: parse, inputs and data inputs
 * present and not double spent, a fee output, box and transaction size, then ergo-lib's
 * `validate_tx` (scripts and proofs, ERG and token conservation, minimum box value, creation
 * heights). Refusals are `NodeError`s with the node's 400 body.
 */
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox, serializeTransaction } from "@fleet-sdk/serializer";
import {
  BlockHeader,
  BlockHeaders,
  ErgoBox,
  ErgoBoxes,
  ErgoStateContext,
  Parameters,
  PreHeader,
  Transaction,
  validate_tx,
} from "ergo-lib-wasm-nodejs";
import { sourceText, stringifyJson } from "./json.ts";
import { GENESIS_PARENT_ID, makeHeader } from "./headers.ts";
import { badRequest, type NodeBox, type NodeHeader, type NodeTransaction } from "./types.ts";

/** Largest box the node accepts, in bytes. */
export const MAX_BOX_BYTES = 4_096;
/** Largest transaction the node's mempool accepts, in bytes (`maxTransactionSize`). */
export const MAX_TRANSACTION_BYTES = 98_304;

/** Where validation looks boxes up: confirmed UTXO plus mempool outputs, and mempool spends. */
export interface BoxView {
  box(boxId: string): NodeBox | undefined;
  spentBy(boxId: string): string | undefined;
}

/** Headers in a script context. */
const CONTEXT_HEADERS = 10;

/**
 * The validation (and signing) context of the block at `height`, from up to ten last headers,
 * newest first. A chain younger than ten blocks is padded with copies of its oldest header, or of
 * a placeholder before the first block.
 */
export class BlockContext {
  readonly context: ErgoStateContext;

  constructor(readonly height: number, last: readonly NodeHeader[], timestamp: number) {
    const lastHeaders = last.slice(0, CONTEXT_HEADERS);
    const oldest = lastHeaders.at(-1) ?? makeHeader({ parentId: GENESIS_PARENT_ID, height: 0, timestamp, transactionIds: [], stateDigest: "0".repeat(64) });
    while (lastHeaders.length < CONTEXT_HEADERS) lastHeaders.push(oldest);
    const parentId = last[0]?.id ?? GENESIS_PARENT_ID;
    const pre = { ...(lastHeaders[0] ?? {}), id: "0".repeat(64), parentId, height, timestamp };
    const preHeader = PreHeader.from_block_header(BlockHeader.from_json(stringifyJson(pre)));
    const headers = BlockHeaders.from_json(lastHeaders.map((h) => JSON.parse(stringifyJson(h))));
    this.context = new ErgoStateContext(preHeader, headers, Parameters.default_parameters());
  }

  free(): void {
    this.context.free();
  }
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

type OutputJson = { value: string | bigint; assets: { tokenId: string; amount: string | bigint }[] } & Omit<NodeBox, "value" | "assets">;

/** A parsed transaction in the devnet's form, with its serialized size and each output's. */
export interface Normalized {
  tx: NodeTransaction;
  outputBytes: number[];
}

function toNodeBox(json: OutputJson): NodeBox {
  return {
    boxId: json.boxId,
    value: BigInt(json.value),
    ergoTree: json.ergoTree,
    assets: json.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })),
    creationHeight: json.creationHeight,
    additionalRegisters: { ...json.additionalRegisters },
    transactionId: json.transactionId,
    index: json.index,
  };
}

/** The transaction as ergo-lib reads it. Exact, but slow: it re-serializes every ErgoTree three times. */
export function normalizeWithErgoLib(tx: Transaction): Normalized {
  return withOwned((own) => {
    const json = tx.to_js_eip12() as Omit<NodeTransaction, "outputs" | "size"> & { outputs: OutputJson[] };
    const outputs = own(tx.outputs());
    const outputBytes: number[] = [];
    for (let i = 0; i < outputs.len(); i++) outputBytes.push(own(outputs.get(i)).sigma_serialize_bytes().length);
    const size = tx.sigma_serialize_bytes().length;
    return { tx: { id: json.id, inputs: json.inputs, dataInputs: json.dataInputs, outputs: json.outputs.map(toNodeBox), size }, outputBytes };
  });
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const ID = /^[0-9a-fA-F]{64}$/;

function hexField(value: unknown, pattern = HEX): string {
  if (typeof value !== "string" || !pattern.test(value)) throw new Error("not plain hex");
  return value.toLowerCase();
}

/**
 * The same as `normalizeWithErgoLib`, read from the submitted JSON with Fleet's serializer, when
 * that is provably what ergo-lib parsed: the id of the JSON's bytes to sign equals `id`, ergo-lib's
 * id of the transaction (the bytes to sign hold everything but the proofs, which are plain hex
 * here). Returns undefined for anything else (extensions, unusual encodings); callers then ask
 * ergo-lib. Saves about a millisecond per payment.
 */
export function normalizeFromJson(input: unknown, id: string): Normalized | undefined {
  try {
    const body = input as { inputs: unknown[]; dataInputs?: unknown[]; outputs: unknown[] };
    const inputs = body.inputs.map((raw) => {
      const { boxId, spendingProof } = raw as { boxId: unknown; spendingProof?: { proofBytes?: unknown; extension?: unknown } };
      const extension = spendingProof?.extension;
      if (extension !== undefined && (typeof extension !== "object" || extension === null || Object.keys(extension).length > 0)) {
        throw new Error("an extension: leave it to ergo-lib");
      }
      return { boxId: hexField(boxId, ID), spendingProof: { proofBytes: hexField(spendingProof?.proofBytes), extension: {} } };
    });
    const dataInputs = (body.dataInputs ?? []).map((raw) => ({ boxId: hexField((raw as { boxId: unknown }).boxId, ID) }));
    const candidates = body.outputs.map((raw) => {
      const o = raw as { value: unknown; ergoTree: unknown; creationHeight: unknown; assets?: unknown[]; additionalRegisters?: Record<string, unknown> };
      if (!Number.isSafeInteger(o.creationHeight)) throw new Error("creationHeight is not an integer");
      const additionalRegisters: Record<string, string> = {};
      for (const [key, value] of Object.entries(o.additionalRegisters ?? {})) additionalRegisters[key] = hexField(value);
      return {
        value: BigInt(o.value as string | number | bigint),
        ergoTree: hexField(o.ergoTree),
        assets: (o.assets ?? []).map((raw) => {
          const a = raw as { tokenId: unknown; amount: unknown };
          return { tokenId: hexField(a.tokenId, ID), amount: BigInt(a.amount as string | number | bigint) };
        }),
        creationHeight: o.creationHeight as number,
        additionalRegisters,
      };
    });
    const toSign = serializeTransaction({ inputs: inputs.map((i) => ({ boxId: i.boxId, extension: {} })), dataInputs, outputs: candidates });
    if (hex.encode(blake2b256(toSign.toBytes())) !== id) return undefined;
    const outputBytes: number[] = [];
    const outputs = candidates.map((candidate, index) => {
      const bytes = serializeBox({ ...candidate, transactionId: id, index }).toBytes();
      outputBytes.push(bytes.length);
      const { value, ergoTree, assets, creationHeight, additionalRegisters } = candidate;
      return { boxId: hex.encode(blake2b256(bytes)), value, ergoTree, assets, creationHeight, additionalRegisters, transactionId: id, index };
    });
    const size = serializeTransaction({ id, inputs, dataInputs, outputs }).toBytes().length;
    return { tx: { id, inputs, dataInputs, outputs, size }, outputBytes };
  } catch {
    return undefined;
  }
}

function resolve(ids: string[], view: BoxView, what: string, checkSpent: boolean): NodeBox[] {
  if (new Set(ids).size !== ids.length) throw badRequest(`Malformed transaction: a ${what} appears twice`);
  return ids.map((id) => {
    const box = view.box(id);
    if (!box) throw badRequest(`Malformed transaction: ${what} ${id} is not in the UTXO set or the mempool`);
    const spender = checkSpent ? view.spentBy(id) : undefined;
    if (spender) throw badRequest(`Double spending attempt: box ${id} is already spent by unconfirmed transaction ${spender}`);
    return box;
  });
}

/** Collects ergo-lib wasm objects to free them at once: a long-running server must not wait for GC. */
type Own = <T extends { free(): void }>(value: T) => T;

function withOwned<R>(body: (own: Own) => R): R {
  const owned: { free(): void }[] = [];
  try {
    return body((value) => (owned.push(value), value));
  } finally {
    for (const value of owned) value.free();
  }
}

/**
 * Parsed boxes by id, the most recently used last. Parsing a box from JSON costs ergo-lib ~0.2 ms
 * (its ErgoTree); taking a validated transaction's outputs and handing a parsed box to `validate_tx`
 * costs ~0.01 ms. A box id is the hash of the box's bytes, so a cached box is always the right
 * one, for any chain in the process. Evicted boxes are freed.
 */
class ParsedBoxes {
  private readonly boxes = new Map<string, ErgoBox>();

  constructor(private readonly capacity: number) {}

  get(boxId: string): ErgoBox | undefined {
    const box = this.boxes.get(boxId);
    if (box) {
      this.boxes.delete(boxId);
      this.boxes.set(boxId, box);
    }
    return box;
  }

  set(boxId: string, box: ErgoBox): void {
    this.boxes.get(boxId)?.free();
    this.boxes.delete(boxId);
    this.boxes.set(boxId, box);
    for (const [oldest, evicted] of this.boxes) {
      if (this.boxes.size <= this.capacity) break;
      this.boxes.delete(oldest);
      evicted.free();
    }
  }
}

const parsedBoxes = new ParsedBoxes(1_024);

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
export function validateTransaction(input: unknown, view: BoxView, block: BlockContext): NodeTransaction {
  return withOwned((own) => {
    const tx = own(parseTransaction(input));
    const normalized = normalizeFromJson(input, own(tx.id()).to_str()) ?? normalizeWithErgoLib(tx);
    const json = normalized.tx;
    const inputs = resolve(json.inputs.map((i) => i.boxId), view, "input box", true);
    const dataInputs = resolve(json.dataInputs.map((d) => d.boxId), view, "data input box", false);
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
