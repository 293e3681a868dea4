/**
 * Mutations of a batch's legs with everything that follows from them rewritten to match, as a
 * careful attacker would: every context variable (the builder's own `batchExtension`) and each
 * successor's balance, sequence and activity. Only the orders' signatures stay as the payers made
 * them. A leg's amount, payee or payer changed, a leg repeated, dropped or moved within its
 * payer's, an idle account added, an extra amount absorbed by unchecked claims: the contract must
 * refuse each, except dropping a payer's last leg, which is a smaller valid batch (the outcome
 * model says so).
 */
import type { Account } from "../account/account.ts";
import { payeeActivity } from "../builders/pay.ts";
import { batchExtension, type PlannedLeg } from "../builders/settle.ts";
import { longConstant, readLong } from "../registers.ts";
import { output, setRegister, type Tx } from "../testing/tx-edit.ts";
import type { BatchDraw } from "./batch-draw.ts";
import type { BatchBase } from "./batch-pool.ts";
import type { BatchMutation } from "./batch-var-mutations.ts";
import { readVar, setExtension, writeVar } from "./batch-vars.ts";

/** The batch rewritten for `legs` (each payer's together, payers in account order). */
export function rederive(tx: Tx, base: BatchBase, legs: PlannedLeg[]): void {
  const plan = { ...base.plan, legs };
  setExtension(tx, batchExtension(plan));
  const height = BigInt(base.expectation.height - 1);
  plan.accounts.forEach((account, a) => {
    const paid = legs.filter((l) => l.payer === a);
    const sent = paid.reduce((s, l) => s + l.order.amount, 0n);
    const received = legs.filter((l) => l.payee === a).reduce((s, l) => s + l.order.amount, 0n);
    const out = output(tx, a);
    setRegister(out, "R5", longConstant(account.balance + received - sent));
    setRegister(out, "R9", longConstant(account.nextSeq! + BigInt(paid.length)));
    setRegister(out, "R8", longConstant(paid.length > 0 ? height : payeeActivity(account, height)));
  });
}

const byPayer = (legs: PlannedLeg[]) => legs.map((leg, j) => ({ leg, j })).sort((x, y) => x.leg.payer - y.leg.payer || x.j - y.j).map((x) => x.leg);

function legMutation(name: string, applies: (base: BatchBase) => boolean, change: (legs: PlannedLeg[], base: BatchBase, d: BatchDraw) => PlannedLeg[]): BatchMutation {
  return { name, applies, apply: (tx, base, d) => rederive(tx, base, change(base.plan.legs.map((l) => ({ ...l })), base, d)) };
}

const always = () => true;
const accountsAtLeast = (n: number) => (base: BatchBase) => base.plan.accounts.length >= n;

const amount = legMutation("legs: an amount, re-derived", always, (legs, _base, d) => {
  const j = d.int(0, legs.length - 1);
  const old = legs[j]!.order.amount;
  const next = d.chance(50) || old <= 3n ? old + d.big(1n, 3n) : old - d.big(1n, 3n);
  legs[j] = { ...legs[j]!, order: { ...legs[j]!.order, amount: next } };
  return legs;
});

const payee = legMutation("legs: a payee, re-derived", accountsAtLeast(3), (legs, base, d) => {
  const j = d.int(0, legs.length - 1);
  const others = base.plan.accounts.map((_, a) => a).filter((a) => a !== legs[j]!.payer && a !== legs[j]!.payee);
  legs[j] = { ...legs[j]!, payee: d.pick(others) };
  return legs;
});

/** Another account as a leg's payer: the order is then signed by a key not its payer's. */
const payer = legMutation("legs: a payer, re-derived", accountsAtLeast(3), (legs, base, d) => {
  const j = d.int(0, legs.length - 1);
  const others = base.plan.accounts.map((_, a) => a).filter((a) => a !== legs[j]!.payer && a !== legs[j]!.payee);
  legs[j] = { ...legs[j]!, payer: d.pick(others) };
  return byPayer(legs);
});

/** The same order twice (as its payer's next): an order settled twice. */
const repeated = legMutation("legs: one repeated, re-derived", always, (legs, _base, d) => {
  const j = d.int(0, legs.length - 1);
  const last = legs.map((l) => l.payer).lastIndexOf(legs[j]!.payer);
  legs.splice(last + 1, 0, { ...legs[j]! });
  return legs;
});

const dropped = legMutation("legs: one dropped, re-derived", always, (legs, _base, d) => {
  legs.splice(d.int(0, legs.length - 1), 1);
  return legs;
});

const hasPayerWithTwo = (base: BatchBase) => base.plan.legs.some((l, j) => base.plan.legs.findIndex((m) => m.payer === l.payer) !== j);

const reordered = legMutation("legs: two of a payer swapped, re-derived", hasPayerWithTwo, (legs, _base, d) => {
  const payers = legs.map((l) => l.payer).filter((p, j, all) => all.indexOf(p) !== j);
  const p = d.pick(payers);
  const mine = legs.flatMap((l, j) => (l.payer === p ? [j] : []));
  const i = d.pick(mine);
  const k = d.pick(mine.filter((m) => m !== i));
  [legs[i], legs[k]] = [legs[k]!, legs[i]!];
  return legs;
});

/**
 * `idle` accounts spent and recreated beside the batch (after its accounts, before the settler's
 * inputs and other outputs), each successor as its box but dated `height` and marked active at
 * `active(account)`; the variables say n + idle.length, with the claims `batchExtension` gives (0
 * for each idle account) unless `claims` replaces them. Returns nothing: `tx` is changed.
 */
export function addIdle(
  tx: Tx, base: BatchBase, idle: Account[], height: number,
  active: (account: Account) => bigint = (a) => a.lastActiveHeight,
  claims?: (vars: Record<string, string>) => Record<string, string>,
): void {
  const n = base.plan.accounts.length;
  idle.forEach((account, k) => {
    const box = account.box;
    tx.inputs.splice(n + 1 + k, 0, { ...(box as Tx["inputs"][number]), extension: {} });
    tx.outputs.splice(n + k, 0, {
      value: String(box.value), ergoTree: box.ergoTree, creationHeight: height,
      assets: box.assets.map((t) => ({ tokenId: t.tokenId, amount: String(t.amount) })),
      additionalRegisters: { ...box.additionalRegisters, R8: longConstant(active(account)) },
    });
  });
  const plan = { ...base.plan, accounts: [...base.plan.accounts, ...idle], balances: [...base.plan.balances, ...idle.map((a) => a.balance)] };
  const vars = batchExtension(plan);
  setExtension(tx, claims ? claims(vars) : vars);
}

/** An account with no leg spent and recreated unchanged beside the batch: nobody may re-spend a box for nothing. */
const idle: BatchMutation = {
  name: "accounts: an idle one added",
  applies: (base) => base.idle.length > 0,
  apply: (tx, base, d, env) => addIdle(tx, base, [d.pick(base.idle)], env.height - 1),
};

/** Accounts whose sent claim no leg checks (they pay nothing) and whose received claim none does (they receive nothing). */
function unchecked(base: BatchBase): { payNothing: number[]; receiveNothing: number[] } {
  const all = base.plan.accounts.map((_, a) => a);
  return {
    payNothing: all.filter((a) => !base.plan.legs.some((l) => l.payer === a)),
    receiveNothing: all.filter((a) => !base.plan.legs.some((l) => l.payee === a)),
  };
}

/**
 * An amount past the last leg (the totals grow by it) absorbed by claims no leg checks: an account
 * that pays nothing claims to have sent it, one that receives nothing claims to have received it,
 * their balances to match. Units move with no order (the adversary specs found it before every
 * leg column was bound to the number of legs).
 */
const absorbed: BatchMutation = {
  name: "claims: a trailing amount absorbed",
  applies: (base) => {
    const { payNothing, receiveNothing } = unchecked(base);
    return payNothing.some((x) => receiveNothing.some((y) => y !== x));
  },
  apply(tx, base, d) {
    const { payNothing, receiveNothing } = unchecked(base);
    const x = d.pick(payNothing.filter((a) => receiveNothing.some((y) => y !== a)));
    const y = d.pick(receiveNothing.filter((a) => a !== x));
    const units = d.big(1n, 5n);
    const add = (id: number, index: number) => writeVar(tx, id, readVar(tx, id).map((v, i) => (i === index ? (v as bigint) + units : v)));
    writeVar(tx, 3, [...readVar(tx, 3), units]);
    add(12, x);
    add(13, y);
    const balance = (a: number) => readLong("R5", output(tx, a).additionalRegisters.R5);
    setRegister(output(tx, x), "R5", longConstant(balance(x) - units));
    setRegister(output(tx, y), "R5", longConstant(balance(y) + units));
  },
};

export const LEG_MUTATIONS: readonly BatchMutation[] = [amount, payee, payer, repeated, dropped, reordered, idle, absorbed];
