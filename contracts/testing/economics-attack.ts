/**
 * Helpers for the economics attack specs (contracts/attacks/economics*.spec.ts): an economics
 * community with members, and edits of the economics registers of a builder's transaction (an
 * account's balance, its R9 state [accrued, chargedHeight, received, allowance, carry] and R6
 * terms, the community's R4 policy and R7 state), so each attack is the honest transaction with
 * one field changed.
 */
import type { Box } from "@fleet-sdk/common";
import { expect } from "vitest";
import type { Account } from "../account/account.ts";
import { pay, type PayIntent } from "../builders/pay.ts";
import type { Policy } from "../community/community.ts";
import { demurrageDue, type AccountEconomy, type Economics } from "../economics.ts";
import { longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE } from "../scripts.ts";
import { Fixture } from "./community-fixture.ts";
import { econPolicy } from "./policy.ts";
import type { Output, Tx } from "./tx-edit.ts";
import { agreed, type Member, type World } from "./world.ts";

/** An economics community (levers `levers`, policy `overrides`) with alice, bob and carol. */
export function econSetup(levers: Partial<Economics> = {}, overrides: Partial<Policy> = {}, members = ["alice", "bob", "carol"]) {
  const f = new Fixture({ policy: econPolicy(levers, overrides), members });
  const w = f.world;
  const ctx = (m: Member) => ({ height: w.height, wallet: w.wallet(m) });
  /** The builder's payment from `payer` to each `payees` entry, at the tip. */
  const payment = (payer: string, payees: [string, bigint][], extra: Partial<PayIntent> = {}): Tx =>
    pay({ payer: f.account(payer).box, payees: payees.map(([n, amountUnits]) => ({ account: f.account(n).box, amountUnits })), ...extra }, { height: w.height });
  return { f, w, ctx, payment, signer: (name: string) => [f.member(name)] };
}

/** The economics account output of `tx` with `accountId`. */
export function econOut(tx: Tx, accountId: string): Output {
  const out = tx.outputs.find((o) => o.ergoTree === ACCOUNT_ECON_ERGO_TREE && readBytes("R7", o.additionalRegisters.R7) === accountId);
  if (!out) throw new Error(`no economics account output for ${accountId}`);
  return out;
}

/** The economics community output of `tx`. */
export function econCommunityOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === COMMUNITY_ECON_ERGO_TREE);
  if (!out) throw new Error("no economics community output");
  return out;
}

/** R9 of an economics account box or output. */
export function economyOf(box: { additionalRegisters: Record<string, string | undefined> }): AccountEconomy {
  const [accrued, chargedHeight, received, allowance, carry] = readLongs("R9", box.additionalRegisters.R9, 5) as [bigint, bigint, bigint, bigint, bigint];
  return { accrued, chargedHeight, received, allowance, carry };
}

/** Writes R9 of `out` with `change` applied to its current state. */
export function setEconomy(out: Output, change: Partial<AccountEconomy>): void {
  out.additionalRegisters = { ...out.additionalRegisters, R9: economyRegister({ ...economyOf(out), ...change }) };
}

/** The balance (R5) of an account box or output. */
export const balanceOf = (box: { additionalRegisters: Record<string, string | undefined> }): bigint => readLong("R5", box.additionalRegisters.R5);

/** Adds `delta` to the balance of `out`. */
export function addBalance(out: Output, delta: bigint): void {
  out.additionalRegisters = { ...out.additionalRegisters, R5: longConstant(balanceOf(out) + delta) };
}

/** The Long list in register `name` (policy R4, terms R6, state R7). */
export const longsOf = (box: { additionalRegisters: Record<string, string | undefined> }, name: "R4" | "R6" | "R7", length: number): bigint[] =>
  readLongs(name, box.additionalRegisters[name], length);

/** Sets value `index` of the Long list in register `name` of `out`. */
export function setLongAt(out: Output, name: "R4" | "R6" | "R7", length: number, index: number, value: bigint): void {
  const values = longsOf(out, name, length);
  values[index] = value;
  out.additionalRegisters = { ...out.additionalRegisters, [name]: longsConstant(values) };
}

/** Index of each lever in the community policy (R4) and, for the first nine, in account terms (R6 = index - 1). */
export const POLICY_INDEX = {
  demurragePpm: 6, demurragePeriod: 7, feeBps: 8, feeMin: 9, turnoverPpm: 10, stepUnits: 11, stepBlocks: 12,
  maxCreditLimit: 13, newcomerBlocks: 14, allowance: 15, sweepMin: 16,
} as const;

/** The communityBalance (R7[1]) of a community box or output. */
export const communityBalanceOf = (box: { additionalRegisters: Record<string, string | undefined> }): bigint => longsOf(box, "R7", 2)[1]!;

/** Adds `delta` to the communityBalance of the community output of `tx`. */
export function addCommunityBalance(tx: Tx, delta: bigint): void {
  const out = econCommunityOut(tx);
  setLongAt(out, "R7", 2, 1, communityBalanceOf(out) + delta);
}

/**
 * Replaces `box` in the UTXO set by a copy (a new id) whose registers `change` rewrites: a state
 * the contracts could have reached by a history too long to replay (received near 2^62, say).
 */
export function restate(w: World, box: Box<string>, change: (registers: Record<string, string>) => void): Box<string> {
  const registers = { ...(box.additionalRegisters as Record<string, string>) };
  change(registers);
  w.utxos.delete(box.boxId);
  const assets = box.assets.map((t) => ({ tokenId: t.tokenId, amount: BigInt(t.amount) }));
  return w.addBox({ ergoTree: box.ergoTree, value: BigInt(box.value), assets, additionalRegisters: registers, creationHeight: box.creationHeight });
}

/** `economy` as R9 holds it. */
export const economyRegister = (e: AccountEconomy): string => longsConstant([e.accrued, e.chargedHeight, e.received, e.allowance, e.carry]);

/**
 * `out` (the successor of `account` in a builder's transaction) with demurrage charged up to
 * `to` instead: accrued, balance and carry follow, exactly as the contracts compute them (the
 * fee and the amount moved are kept).
 */
export function chargeUpTo(out: Output, account: Account, to: bigint): void {
  const terms = account.terms.economics!;
  const before = account.economy!;
  const built = economyOf(out);
  const { due: builtDue } = demurrageDue(terms, account.balance, before.carry, before.chargedHeight, built.chargedHeight);
  const { due, carry } = demurrageDue(terms, account.balance, before.carry, before.chargedHeight, to);
  setEconomy(out, { accrued: built.accrued - builtDue + due, chargedHeight: to, carry });
  addBalance(out, builtDue - due);
}

/** Moves `units` of `out`'s balance into its accrued charges (a larger charge; negative: smaller). */
export function charge(out: Output, units: bigint): void {
  setEconomy(out, { accrued: economyOf(out).accrued + units });
  addBalance(out, -units);
}

/** The input index ergo-lib names when both interpreters refuse `tx` (it proves inputs in order). */
export function refusingInput(w: World, tx: Tx, signers: Member[]): number | undefined {
  const verdict = w.judge(tx, signers);
  expect(agreed(verdict), "expected both interpreters to refuse").toBe(false);
  const match = !verdict.ergoLib.ok && /input index (\d+)/.exec(verdict.ergoLib.reason);
  return match ? Number(match[1]) : undefined;
}
