/**
 * A pool of valid economics transactions, built by the builders against one community state that
 * the model (economics-model.ts) followed step by step, for the economics mutation property: every
 * lever on, a history that left positive balances with demurrage carried, negative ones, accrued
 * charges, allowances partly spent inside the newcomer window, and a debtor past its inactivity.
 */
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { sweep } from "../builders/sweep.ts";
import { topUp } from "../builders/top-up.ts";
import type { Tx } from "../testing/tx-edit.ts";
import { econPolicy } from "../testing/policy.ts";
import type { Member } from "../testing/world.ts";
import { EconomicsRun } from "./economics-run.ts";

export interface EconBase {
  name: string;
  kind: "pay" | "top-up" | "sweep" | "join" | "exit";
  tx: Tx;
  /** The keys the valid transaction needs, and only those. */
  signers: Member[];
  /** The accountId whose owner signs (a payment's payer, a top-up's account). */
  signer?: string;
}

export interface EconPool {
  name: string;
  run: EconomicsRun;
  bases: EconBase[];
  /** HEIGHT the bases are judged at. */
  height: bigint;
}

const LEVERS = {
  demurragePpm: 20_000n, demurragePeriod: 7n, feeBps: 300n, feeMin: 1n, turnoverPpm: 20_000n, stepUnits: 2n, stepBlocks: 10n,
  maxCreditLimit: 60n, newcomerBlocks: 500n, allowance: 20n, sweepMin: 2n,
};
const BASE = { creditLimit: 30n, positiveCap: 100n, maxMembers: 8n, inactivityBlocks: 5n };

/**
 * The pools' policies: every lever on (a wide newcomer window, demurrage that shows within tens of
 * blocks), and the same without demurrage (no carry, any recent clock), sweeping any charge.
 */
export const POOL_POLICIES = {
  "every lever": econPolicy(LEVERS, BASE),
  "no demurrage": econPolicy({ ...LEVERS, demurragePpm: 0n, sweepMin: 0n }, BASE),
} as const;

/**
 * erin pays early and goes quiet in debt; alice spends most of her allowance; bob and carol hold
 * positive balances long enough to carry demurrage remainders; dave never trades (balance 0).
 */
export function buildEconPool(name: keyof typeof POOL_POLICIES): EconPool {
  const run = new EconomicsRun(POOL_POLICIES[name], new Map(), ["alice", "bob", "carol", "dave", "erin"]);
  const pays = (payer: number, offset: number, amounts: bigint[]) => run.run({ kind: "pay", payer, offset, amounts, allowance: { kind: "most" } });
  // Payees are the other members in joining order, rotated by `offset`.
  pays(4, 2, [15n]); // erin -> carol
  pays(0, 0, [30n]); // alice -> bob
  run.run({ kind: "mine", blocks: 25 });
  pays(1, 1, [6n]); // bob -> carol
  run.run({ kind: "mine", blocks: 37 });
  run.check();
  const { f, model } = run;
  const w = f.world;
  const box = (name: string) => f.account(name).box;
  const id = (name: string) => f.account(name).accountId;
  const ctx = (m?: Member) => (m ? { height: w.height, wallet: w.wallet(m) } : { height: w.height });
  const payTx = (payer: string, payees: [string, bigint][], allowanceUnits?: bigint): EconBase => ({
    name: `${payer} pays ${payees.map(([n, a]) => `${n} ${a}`).join(", ")}${allowanceUnits === undefined ? "" : ` (allowance ${allowanceUnits})`}`,
    kind: "pay",
    tx: pay({ payer: box(payer), payees: payees.map(([n, a]) => ({ account: box(n), amountUnits: a })), ...(allowanceUnits === undefined ? {} : { allowanceUnits }) }, ctx()),
    signers: [f.member(payer)],
    signer: id(payer),
  });
  const frank = w.member("frank");
  const outsider = run.outsider;
  const swept = model.live().filter((n) => model.collectable(n) >= model.sweepMinimum);
  const bases: EconBase[] = [
    // alice has less allowance left than half of this purchase: all of it is spent.
    payTx("alice", [["bob", 25n]]),
    payTx("alice", [["carol", 4n]], 0n),
    payTx("bob", [["alice", 3n], ["carol", 4n], ["dave", 5n]]),
    payTx("carol", [["erin", 2n], ["bob", 1n]]),
    { name: "bob tops up", kind: "top-up", tx: topUp({ account: box("bob"), addNanoErg: 5_000_000n }, ctx(f.member("bob"))), signers: [f.member("bob")], signer: id("bob") },
    { name: `sweep ${swept.join(", ")}`, kind: "sweep", tx: sweep({ community: f.communityBox(), accounts: swept.map(box) }, ctx(outsider)), signers: [outsider] },
    { name: "frank joins", kind: "join", tx: join({ community: f.communityBox(), owner: frank.owner }, ctx(frank)), signers: [frank] },
    { name: "dave leaves", kind: "exit", tx: leave({ community: f.communityBox(), account: box("dave") }, ctx(f.member("dave"))), signers: [f.member("dave")] },
    { name: "erin defaults", kind: "exit", tx: closeDefaulted({ community: f.communityBox(), accounts: [box("erin")] }, ctx(outsider)), signers: [outsider] },
  ];
  return { name, run, bases, height: BigInt(w.height + 1) };
}
