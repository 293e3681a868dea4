/**
 * Editing EIP-12 unsigned transactions in attack and property tests: copy, find the LETS outputs
 * and the fee, read and write registers, move ERG between outputs; and the verdicts both
 * interpreters must agree on. Edits keep the transaction's ERG balanced: ergo-lib checks ERG
 * preservation, mock-chain does not, so an unbalanced edit would be rejected by one interpreter
 * for a reason that is not a script's.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { estimateBoxSize } from "@fleet-sdk/serializer";
import { expect } from "vitest";
import { LONG_MAX, LONG_MIN } from "../long.ts";
import { readBytes } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { agreed, type Member, type World } from "./world.ts";

export type Tx = EIP12UnsignedTransaction;
export type Output = Tx["outputs"][number];
export type RegisterName = "R4" | "R5" | "R6" | "R7" | "R8" | "R9";

/** nanoERG per byte a box must hold (mainnet `minValuePerByte`). */
export const VALUE_PER_BYTE = 360n;

/** A deep copy: edits never touch the base transaction. */
export const cloneTx = (tx: Tx): Tx => structuredClone(tx);

/** A deep copy of `tx` changed by `change`. */
export function edit(tx: Tx, change: (draft: Tx) => void): Tx {
  const draft = cloneTx(tx);
  change(draft);
  return draft;
}

export const isLets = (output: Output): boolean =>
  output.ergoTree === ACCOUNT_ERGO_TREE || output.ergoTree === COMMUNITY_ERGO_TREE;

export function output(tx: Tx, index: number): Output {
  const out = tx.outputs[index];
  if (!out) throw new Error(`no output ${index}`);
  return out;
}

/** The account output with `accountId`. */
export function accountOut(tx: Tx, accountId: string): Output {
  const out = tx.outputs.find((o) => o.ergoTree === ACCOUNT_ERGO_TREE && readBytes("R7", o.additionalRegisters.R7) === accountId);
  if (!out) throw new Error(`no output for account ${accountId}`);
  return out;
}

/** The community output. */
export function communityOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
  if (!out) throw new Error("no community output");
  return out;
}

/** Index of the miner-fee output. */
export function feeIndex(tx: Tx): number {
  const index = tx.outputs.findIndex((o) => o.ergoTree === FEE_CONTRACT);
  if (index < 0) throw new Error("no fee output");
  return index;
}

/** The miner-fee output. */
export const feeOut = (tx: Tx): Output => output(tx, feeIndex(tx));

/** Index of the richest output that is neither a LETS box nor the fee (the wallet change), if any. */
export function changeIndex(tx: Tx): number | undefined {
  let best: number | undefined;
  tx.outputs.forEach((o, i) => {
    if (isLets(o) || o.ergoTree === FEE_CONTRACT) return;
    if (best === undefined || BigInt(o.value) > BigInt(tx.outputs[best]!.value)) best = i;
  });
  return best;
}

export const valueOf = (out: Output): bigint => BigInt(out.value);

export function setValue(out: Output, value: bigint): void {
  out.value = value.toString();
}

/** The least ERG `out` may hold under the dust rule. */
export function dustOf(out: Output): bigint {
  const size = estimateBoxSize(out);
  return BigInt(size) * VALUE_PER_BYTE;
}

/** Moves `nanoErg` from output `from` to output `to`, keeping ERG balanced. */
export function moveErg(from: Output, to: Output, nanoErg: bigint): void {
  setValue(from, valueOf(from) - nanoErg);
  setValue(to, valueOf(to) + nanoErg);
}

/** Puts whatever ERG the inputs hold beyond the outputs (or takes what they lack) into the output of `changeTree`. */
export function rebalance(tx: Tx, changeTree: string): void {
  const total = (boxes: { value: string | bigint }[]) => boxes.reduce((sum, b) => sum + BigInt(b.value), 0n);
  const change = tx.outputs.find((o) => o.ergoTree === changeTree);
  if (!change) throw new Error(`no output to ${changeTree}`);
  setValue(change, valueOf(change) + total(tx.inputs) - total(tx.outputs));
}

/** Lowers output `index` to `value` and gives the difference to the fee, keeping ERG balanced. */
export function lowerValue(tx: Tx, index: number, value: bigint): void {
  const out = output(tx, index);
  const freed = valueOf(out) - value;
  if (freed <= 0n) throw new Error("lowerValue must lower");
  setValue(out, value);
  const fee = feeOut(tx);
  setValue(fee, valueOf(fee) + freed);
}

/** Removes output `index` and gives its ERG to the fee (its tokens are burnt). */
export function dropOutput(tx: Tx, index: number): void {
  const [removed] = tx.outputs.splice(index, 1);
  if (!removed) throw new Error(`no output ${index}`);
  const fee = feeOut(tx);
  setValue(fee, valueOf(fee) + valueOf(removed));
}

/**
 * Appends `extra` with just enough ERG for the dust rule (plus a margin), paid by the change
 * output when there is one, else by the fee; the payer of the ERG must stay above its own dust.
 */
export function appendFunded(tx: Tx, extra: Output): void {
  const value = dustOf(extra) + 10_000n;
  setValue(extra, value);
  const sourceIndex = changeIndex(tx) ?? feeIndex(tx);
  const source = output(tx, sourceIndex);
  if (valueOf(source) - value < dustOf(source)) throw new Error(`output ${sourceIndex} cannot fund ${value} nanoERG`);
  setValue(source, valueOf(source) - value);
  tx.outputs.push(extra);
}

/** Register `name` of `out` (serialized constant, hex) or throws. */
export function register(out: Output, name: RegisterName): string {
  const value = out.additionalRegisters[name];
  if (value === undefined) throw new Error(`${name} is empty`);
  return value;
}

export function setRegister(out: Output, name: RegisterName, value: string): void {
  out.additionalRegisters = { ...out.additionalRegisters, [name]: value };
}

/** The highest non-empty register of `out`. */
export function lastRegister(out: Output): RegisterName {
  const names: RegisterName[] = ["R9", "R8", "R7", "R6", "R5", "R4"];
  const name = names.find((n) => out.additionalRegisters[n] !== undefined);
  if (!name) throw new Error("no registers");
  return name;
}

/** Removes register `name` (and nothing else). */
export function removeRegister(out: Output, name: RegisterName): void {
  const registers = { ...out.additionalRegisters };
  delete registers[name];
  out.additionalRegisters = registers;
}

/** Clamps to the Long range. */
export const clampLong = (x: bigint): bigint => (x < LONG_MIN ? LONG_MIN : x > LONG_MAX ? LONG_MAX : x);

/** Asserts both interpreters accept `tx` signed by `signers`. */
export function expectAccepted(world: World, tx: Tx, signers: Member[]): void {
  const verdict = world.judge(tx, signers);
  const reason = verdict.ergoLib.ok ? "" : verdict.ergoLib.reason;
  expect(agreed(verdict), `expected acceptance, got: ${reason}`).toBe(true);
}

/** Asserts both interpreters reject `tx` signed by `signers`. */
export function expectRejected(world: World, tx: Tx, signers: Member[]): void {
  expect(agreed(world.judge(tx, signers)), "expected both interpreters to reject").toBe(false);
}

/** Asserts both interpreters reject `tx` because a script reduced to false, not for a ledger rule. */
export function expectScriptRefuses(world: World, tx: Tx, signers: Member[]): void {
  const verdict = world.judge(tx, signers);
  expect(agreed(verdict), "expected both interpreters to reject").toBe(false);
  expect(verdict.mock.reason).toMatch(/reduced to false/);
  expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign", reason: expect.stringMatching(/reduced to false/) });
}
