/**
 * What a batch transaction may do, decided from the signed orders alone (for the mutation
 * property, batch-mutations.spec.ts): every account it spends comes back once, the same account
 * (script, unit, owner, terms, id), having settled a prefix of its payer's signed orders from its
 * nextSeq, with exactly the balance those orders give, within its floor and cap, its activity as
 * the rules say (docs/batches.md), its ERG kept, not back-dated, and at least one order of its own
 * or to it.
 * `breaches` lists every way a transaction departs from that; an accepted transaction with a
 * breach is a hole.
 */
import { decodeAccount, type Account } from "../account/account.ts";
import type { SettlementPlan } from "../builders/settle.ts";
import { readBytes, readLong } from "../registers.ts";
import { BATCH_AGE_BLOCKS, MAX_AGE_BLOCKS } from "../scripts.ts";
import type { Output, Tx } from "../testing/tx-edit.ts";

/** The orders the payers of a batch signed (each payer's from its nextSeq, in sequence). */
export interface Expectation {
  communityId: string;
  /** HEIGHT the scripts see. */
  height: number;
  ordersOf: Map<string, { payee: string; amount: bigint }[]>;
}

export function expectationOf(plan: SettlementPlan, height: number): Expectation {
  const ordersOf = new Map<string, { payee: string; amount: bigint }[]>();
  for (const { order } of plan.legs) {
    const orders = ordersOf.get(order.payer) ?? [];
    if (order.seq !== plan.accounts.find((a) => a.accountId === order.payer)!.nextSeq! + BigInt(orders.length)) {
      throw new Error("expectation: a payer's orders must follow its nextSeq");
    }
    ordersOf.set(order.payer, [...orders, { payee: order.payee, amount: order.amount }]);
  }
  return { communityId: plan.communityId, height, ordersOf };
}

const long = (out: Output, name: "R5" | "R8" | "R9"): bigint | undefined => {
  try {
    return readLong(name, out.additionalRegisters[name]);
  } catch {
    return undefined;
  }
};

const idOf = (out: Output): string | undefined => {
  try {
    return readBytes("R7", out.additionalRegisters.R7);
  } catch {
    return undefined;
  }
};

/** The accounts of the community that `tx` spends. */
function spent(tx: Tx, communityId: string): Account[] {
  return tx.inputs.flatMap((input) => {
    const decoded = decodeAccount(input);
    return decoded.ok && decoded.value.communityId === communityId ? [decoded.value] : [];
  });
}

/** The successor of each account, or a breach when it has none or several, or a unit sits elsewhere. */
function successors(tx: Tx, exp: Expectation, accounts: Account[], found: string[]): Map<string, Output> {
  const holders = tx.outputs.filter((o) => o.assets.some((t) => t.tokenId === exp.communityId));
  const byId = new Map<string, Output>();
  for (const out of holders) {
    const id = idOf(out);
    const account = accounts.find((a) => a.accountId === id);
    if (!account) found.push(`a unit of the community in an output that is no spent account (${id ?? "no id"})`);
    else if (byId.has(account.accountId)) found.push(`account ${account.accountId.slice(0, 8)} comes back twice`);
    else byId.set(account.accountId, out);
  }
  for (const a of accounts) if (!byId.has(a.accountId)) found.push(`account ${a.accountId.slice(0, 8)} does not come back`);
  return byId;
}

/** Every way `tx` departs from a settlement of the signed orders; empty when it is one. */
export function breaches(tx: Tx, exp: Expectation): string[] {
  const found: string[] = [];
  const accounts = spent(tx, exp.communityId);
  const outs = successors(tx, exp, accounts, found);
  const moved = new Map(accounts.map((a) => [a.accountId, 0n]));
  const legs = new Map(accounts.map((a) => [a.accountId, 0]));
  const settled = new Map<string, bigint>();
  for (const account of accounts) {
    const out = outs.get(account.accountId);
    if (!out) continue;
    const next = long(out, "R9");
    if (next === undefined) {
      found.push(`${account.accountId.slice(0, 8)}: R9 is no Long`);
      continue;
    }
    const count = next - account.nextSeq!;
    const orders = exp.ordersOf.get(account.accountId) ?? [];
    if (count < 0n || count > BigInt(orders.length)) {
      found.push(`${account.accountId.slice(0, 8)}: nextSeq moved by ${count}, it signed ${orders.length} orders`);
      continue;
    }
    settled.set(account.accountId, count);
    for (const order of orders.slice(0, Number(count))) {
      moved.set(account.accountId, moved.get(account.accountId)! - order.amount);
      legs.set(account.accountId, legs.get(account.accountId)! + 1);
      if (!moved.has(order.payee)) found.push(`an order to ${order.payee.slice(0, 8)}, which is not in the batch`);
      else {
        moved.set(order.payee, moved.get(order.payee)! + order.amount);
        legs.set(order.payee, legs.get(order.payee)! + 1);
      }
    }
  }
  for (const account of accounts) {
    const out = outs.get(account.accountId);
    if (out) found.push(...accountBreaches(account, out, exp, moved.get(account.accountId)!, (settled.get(account.accountId) ?? 0n) > 0n, legs.get(account.accountId)!));
  }
  return found;
}

function accountBreaches(account: Account, out: Output, exp: Expectation, moved: bigint, paid: boolean, legs: number): string[] {
  const found: string[] = [];
  const who = account.accountId.slice(0, 8);
  const r = account.box.additionalRegisters;
  const h = BigInt(exp.height);
  if (out.ergoTree !== account.box.ergoTree) found.push(`${who}: script changed`);
  if (out.assets.length !== 1 || out.assets[0]!.tokenId !== exp.communityId || BigInt(out.assets[0]!.amount) !== 1n) found.push(`${who}: tokens changed`);
  for (const name of ["R4", "R6", "R7"] as const) if (out.additionalRegisters[name] !== r[name]) found.push(`${who}: ${name} changed`);
  const balance = long(out, "R5");
  if (balance !== account.balance + moved) found.push(`${who}: balance ${balance}, the orders give ${account.balance + moved}`);
  else if (balance + account.terms.creditLimit < 0n || balance > account.terms.positiveCap) found.push(`${who}: balance ${balance} past its floor or cap`);
  // The settler writes activity: about now (batchAgeBlocks) and never below the last recorded,
  // for a payer and for a payee in debt (a credit to it is activity); kept otherwise.
  const active = long(out, "R8");
  const was = account.lastActiveHeight;
  const activityOk = active !== undefined && (paid || account.balance < 0n
    ? active >= was && active >= h - BigInt(BATCH_AGE_BLOCKS) && active <= h
    : active === was);
  if (!activityOk) found.push(`${who}: lastActive ${active} (was ${was}, ${paid ? "paid" : "credited"})`);
  if (legs === 0) found.push(`${who}: spent with no order of its own or to it`);
  if (BigInt(out.value) < account.valueNanoErg) found.push(`${who}: ERG taken`);
  if (out.creationHeight < exp.height - MAX_AGE_BLOCKS || out.creationHeight > exp.height) found.push(`${who}: created at ${out.creationHeight}`);
  const extra = Object.keys(out.additionalRegisters).filter((k) => !["R4", "R5", "R6", "R7", "R8", "R9"].includes(k));
  if (extra.length > 0) found.push(`${who}: registers ${extra.join(", ")}`);
  return found;
}
