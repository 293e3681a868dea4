/** Editing EIP-12 transactions for attack tests: copy, find LETS outputs, change one field. */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { expect } from "vitest";
import { readBytes } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { agreed, type Member, type World } from "./world.ts";

type Output = EIP12UnsignedTransaction["outputs"][number];

/** A deep copy of `tx` changed by `change`. */
export function edit(tx: EIP12UnsignedTransaction, change: (draft: EIP12UnsignedTransaction) => void): EIP12UnsignedTransaction {
  const draft = structuredClone(tx);
  change(draft);
  return draft;
}

/** The account output with `accountId`. */
export function accountOut(tx: EIP12UnsignedTransaction, accountId: string): Output {
  const out = tx.outputs.find((o) => o.ergoTree === ACCOUNT_ERGO_TREE && readBytes("R7", o.additionalRegisters.R7) === accountId);
  if (!out) throw new Error(`no output for account ${accountId}`);
  return out;
}

/** The community output. */
export function communityOut(tx: EIP12UnsignedTransaction): Output {
  const out = tx.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
  if (!out) throw new Error("no community output");
  return out;
}

/** The miner fee output. */
export function feeOut(tx: EIP12UnsignedTransaction): Output {
  const out = tx.outputs.find((o) => o.ergoTree === FEE_CONTRACT);
  if (!out) throw new Error("no fee output");
  return out;
}

/** Moves `nanoErg` from output `from` to output `to`, keeping ERG balanced. */
export function moveErg(from: Output, to: Output, nanoErg: bigint): void {
  from.value = (BigInt(from.value) - nanoErg).toString();
  to.value = (BigInt(to.value) + nanoErg).toString();
}

/** Puts whatever ERG the inputs hold beyond the outputs (or takes what they lack) into the output of `changeTree`. */
export function rebalance(tx: EIP12UnsignedTransaction, changeTree: string): void {
  const total = (boxes: { value: string | bigint }[]) => boxes.reduce((sum, b) => sum + BigInt(b.value), 0n);
  const change = tx.outputs.find((o) => o.ergoTree === changeTree);
  if (!change) throw new Error(`no output to ${changeTree}`);
  change.value = (BigInt(change.value) + total(tx.inputs) - total(tx.outputs)).toString();
}

/** Asserts both interpreters accept `tx` signed by `signers`. */
export function expectAccepted(world: World, tx: EIP12UnsignedTransaction, signers: Member[]): void {
  const verdict = world.judge(tx, signers);
  const reason = verdict.ergoLib.ok ? "" : verdict.ergoLib.reason;
  expect(agreed(verdict), `expected acceptance, got: ${reason}`).toBe(true);
}

/** Asserts both interpreters reject `tx` signed by `signers`. */
export function expectRejected(world: World, tx: EIP12UnsignedTransaction, signers: Member[]): void {
  expect(agreed(world.judge(tx, signers)), "expected both interpreters to reject").toBe(false);
}

/** Asserts both interpreters reject `tx` because a script reduced to false, not for a ledger rule. */
export function expectScriptRefuses(world: World, tx: EIP12UnsignedTransaction, signers: Member[]): void {
  const verdict = world.judge(tx, signers);
  expect(agreed(verdict), "expected both interpreters to reject").toBe(false);
  expect(verdict.mock.reason).toMatch(/reduced to false/);
  expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign", reason: expect.stringMatching(/reduced to false/) });
}
