/**
 * Test and benchmark harness around a second, independent interpreter.
 *
 * `signAndValidate` signs an EIP-12 unsigned transaction with ergo-lib-wasm (sigma-rust) and checks
 * it with ergo-lib's `validate_tx`, which verifies every input's script and proof and also ERG
 * preservation, token preservation, dust (box bytes * 360 nanoERG), output creation height
 * (<= HEIGHT, >= every input's) and box/script size. It does NOT count cost; use `estimateCost`.
 * It does not check that inputs are distinct either, so the harness refuses a box spent twice
 * itself (the node's `txInputsUnique`, see ledger-rules.ts) before ergo-lib sees it.
 * See chain-context.ts for what "height" means (the HEIGHT scripts see).
 *
 * `estimateCost` follows the Ergo node's `ErgoTransaction.validateStateful`
 * (ergoplatform/ergo, ergo-core/.../modifiers/mempool/ErgoTransaction.scala) with mainnet
 * parameters (also @fleet-sdk/mock-chain BLOCKCHAIN_PARAMETERS):
 *   base       = interpreterInitCost 10000 (ErgoInterpreter.interpreterInitCost)
 *              + inputs * inputCost 2407 + dataInputs * dataInputCost 100 + outputs * outputCost 197
 *   tokens     = tokenAccessCost 100 * (token entries in inputs + token entries in outputs
 *                + distinct token ids in inputs + distinct token ids in outputs)
 *                (verifyAssets -> ErgoBoxAssetExtractor.totalAssetsAccessCost)
 *   scripts[i] = cost of reducing input i's ErgoTree, from sigmastate-js
 *                `SigmaProver.reduceTransactionInput` (its context has initCost 0, like the node's
 *                verifyInput, so the value is the script alone: 5 for a P2PK tree)
 *   signatures = sum over inputs of the proof-verification cost of the reduced proposition
 *                (sigmastate `Interpreter.verify` -> `addCryptoCost`; see sigma-cost.ts; 398 per P2PK)
 *   total      = base + tokens + sum(scripts) + signatures
 * The reduction cost holds no init/input/token cost and no crypto cost, so nothing is counted twice.
 * The node's block limit is maxBlockCost 8001091.
 */
import type { EIP12UnsignedTransaction, SignedTransaction, TokenAmount } from "@fleet-sdk/common";
import { Network } from "@fleet-sdk/core";
import { BLOCKCHAIN_PARAMETERS } from "@fleet-sdk/mock-chain";
import {
  ErgoBoxes,
  SecretKey,
  SecretKeys,
  Transaction,
  UnsignedTransaction,
  Wallet,
  validate_tx,
} from "ergo-lib-wasm-nodejs";
import { ProverBuilder$, type SigmaProver } from "sigmastate-js/main";
import { ergoStateContext, sigmaStateContext, type NodeHeader } from "./chain-context.ts";
import { signatureCost } from "./sigma-cost.ts";
import { duplicateInputRefusal } from "./ledger-rules.ts";
import { withOwned, type Own } from "../../ergo/wasm.ts";

export { ergoStateContext, sigmaStateContext, headerJson, lastHeadersJson } from "./chain-context.ts";
export type { NodeHeader } from "./chain-context.ts";

/** A DLog secret key: a bigint scalar or its 32-byte big-endian encoding (`party.key.privateKey`). */
export type Secret = bigint | Uint8Array;

/** Options for signing and validating: secrets to sign with and the HEIGHT the scripts see. */
export interface SignOptions {
  secrets: Secret[];
  height: number;
  /** Ten node-API headers, newest first, instead of the generated ones. */
  headers?: NodeHeader[];
}

/** Outcome of signing and validating: the signed transaction, or the stage that refused it. */
export type HarnessResult =
  | { ok: true; signed: SignedTransaction; bytes: number }
  | { ok: false; stage: "sign" | "validate"; reason: string };

/** The boxes a transaction spends and reads, as in an EIP-12 unsigned transaction. */
export type TxBoxes = Pick<EIP12UnsignedTransaction, "inputs" | "dataInputs">;

/** A transaction's cost as an Ergo node counts it, with its parts. */
export interface CostEstimate {
  total: number;
  base: number;
  scripts: number[];
  signatures: number;
  tokens: number;
}

/** The node's cost of creating the interpreter and context, added once per transaction. */
export const INTERPRETER_INIT_COST = 10_000;

/** Mainnet blockchain parameters used for cost (inputCost 2407, outputCost 197, ...). */
export const MAINNET_PARAMETERS = BLOCKCHAIN_PARAMETERS;

/** JSON for ergo-lib: bigints as decimal strings, which its parsers accept for values and amounts. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function secretBytes(secret: Secret): Uint8Array {
  if (secret instanceof Uint8Array) return secret;
  return Buffer.from(secret.toString(16).padStart(64, "0"), "hex");
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The inputs and data inputs of `tx` as ergo-lib boxes, freed with `own`. */
export function boxesOf(tx: TxBoxes, own: Own): { inputs: ErgoBoxes; data: ErgoBoxes } {
  return {
    inputs: own(ErgoBoxes.from_boxes_json(JSON.parse(toJson(tx.inputs)) as unknown[])),
    data: own(ErgoBoxes.from_boxes_json(JSON.parse(toJson(tx.dataInputs)) as unknown[])),
  };
}

/** An ergo-lib wallet holding `secrets`, freed with `own`. */
export function ergoWallet(secrets: Secret[], own: Own): Wallet {
  const keys = own(new SecretKeys());
  for (const secret of secrets) keys.add(own(SecretKey.dlog_from_bytes(secretBytes(secret))));
  return own(Wallet.from_secrets(keys));
}

function sign(tx: EIP12UnsignedTransaction, opts: SignOptions, own: Own): Transaction {
  const { inputs, data } = boxesOf(tx, own);
  const unsigned = own(UnsignedTransaction.from_json(toJson(tx)));
  const context = own(ergoStateContext(opts.height, opts.headers));
  return own(ergoWallet(opts.secrets, own).sign_transaction(context, unsigned, inputs, data));
}

function check(signed: Transaction, tx: TxBoxes, opts: Omit<SignOptions, "secrets">, own: Own): HarnessResult {
  try {
    const { inputs, data } = boxesOf(tx, own);
    validate_tx(signed, own(ergoStateContext(opts.height, opts.headers)), inputs, data);
  } catch (error) {
    return { ok: false, stage: "validate", reason: reasonOf(error) };
  }
  const json = signed.to_js_eip12() as SignedTransaction;
  return { ok: true, signed: json, bytes: signed.sigma_serialize_bytes().length };
}

/** Signs `tx` with ergo-lib and checks it with `validate_tx` at `opts.height`; never throws for a bad tx. */
export function signAndValidate(tx: EIP12UnsignedTransaction, opts: SignOptions): HarnessResult {
  const duplicate = duplicateInputRefusal(tx.inputs);
  if (duplicate) return { ok: false, stage: "validate", reason: duplicate };
  return withOwned((own) => {
    let signed: Transaction;
    try {
      signed = sign(tx, opts, own);
    } catch (error) {
      return { ok: false, stage: "sign", reason: reasonOf(error) };
    }
    return check(signed, tx, opts, own);
  });
}

/** Checks an already signed transaction (EIP-12 or node JSON) against the boxes it spends and reads. */
export function validateSigned(
  signed: SignedTransaction,
  boxes: TxBoxes,
  opts: Omit<SignOptions, "secrets">,
): HarnessResult {
  const duplicate = duplicateInputRefusal(signed.inputs);
  if (duplicate) return { ok: false, stage: "validate", reason: duplicate };
  return withOwned((own) => {
    let parsed: Transaction;
    try {
      parsed = own(Transaction.from_json(toJson(signed)));
    } catch (error) {
      return { ok: false, stage: "validate", reason: reasonOf(error) };
    }
    return check(parsed, boxes, opts, own);
  });
}

let reducer: SigmaProver | undefined;

function sigmaReducer(): SigmaProver {
  reducer ??= ProverBuilder$.create(MAINNET_PARAMETERS, Network.Mainnet).build();
  return reducer;
}

function tokenTotals(boxes: { assets: TokenAmount<string | bigint>[] }[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const { tokenId, amount } of boxes.flatMap((b) => b.assets)) {
    totals.set(tokenId, (totals.get(tokenId) ?? 0n) + BigInt(amount));
  }
  return totals;
}

/** Tokens the inputs hold beyond what the outputs hold: what the transaction burns. */
export function burnedTokens(tx: EIP12UnsignedTransaction): TokenAmount<string>[] {
  const outputs = tokenTotals(tx.outputs);
  return [...tokenTotals(tx.inputs)]
    .map(([tokenId, amount]) => ({ tokenId, amount: amount - (outputs.get(tokenId) ?? 0n) }))
    .filter((t) => t.amount > 0n)
    .map((t) => ({ tokenId: t.tokenId, amount: t.amount.toString() }));
}

function tokenAccessCost(tx: EIP12UnsignedTransaction): number {
  const entries = (boxes: { assets: unknown[] }[]) => boxes.reduce((n, b) => n + b.assets.length, 0);
  const accesses =
    entries(tx.inputs) + entries(tx.outputs) + tokenTotals(tx.inputs).size + tokenTotals(tx.outputs).size;
  return accesses * MAINNET_PARAMETERS.tokenAccessCost;
}

function baseCost(tx: EIP12UnsignedTransaction): number {
  const p = MAINNET_PARAMETERS;
  return (
    INTERPRETER_INIT_COST +
    tx.inputs.length * p.inputCost +
    tx.dataInputs.length * p.dataInputCost +
    tx.outputs.length * p.outputCost
  );
}

/** Estimates `tx`'s cost as a node would count it in block `opts.height`; throws if a script errors. */
export function estimateCost(tx: EIP12UnsignedTransaction, opts: { height: number }): CostEstimate {
  const context = sigmaStateContext(opts.height);
  const burn = burnedTokens(tx);
  const reduced = tx.inputs.map(
    (_, i) =>
      sigmaReducer().reduceTransactionInput(context, tx, tx.inputs, tx.dataInputs, burn, i)
        .reductionResult,
  );
  const scripts = reduced.map((r) => r.cost);
  const signatures = reduced.reduce((sum, r) => sum + signatureCost(r.value), 0);
  const base = baseCost(tx);
  const tokens = tokenAccessCost(tx);
  const total = base + tokens + scripts.reduce((a, b) => a + b, 0) + signatures;
  return { total, base, scripts, signatures, tokens };
}
