/**
 * An account's history from its payment legs: its balance after each transaction and the members
 * it traded with. Exact (bigint); legs must come oldest first.
 */
import type { Payment } from "../../server/indexer-types.ts";

/** What a leg did to `accountId`'s balance. */
export const legDelta = (accountId: string, leg: Payment): bigint =>
  (leg.payee === accountId ? leg.amount : 0n) - (leg.payer === accountId ? leg.amount : 0n);

export interface BalancePoint {
  txId: string;
  height: number;
  timestamp: number;
  balance: bigint;
}

/** The balance after each transaction, from 0 at the join. */
export function balanceSeries(accountId: string, legsOldestFirst: readonly Payment[]): BalancePoint[] {
  const points: BalancePoint[] = [];
  let balance = 0n;
  for (const leg of legsOldestFirst) {
    balance += legDelta(accountId, leg);
    const last = points.at(-1);
    if (last?.txId === leg.txId) last.balance = balance;
    else points.push({ txId: leg.txId, height: leg.height, timestamp: leg.timestamp, balance });
  }
  return points;
}

export interface Counterparty {
  accountId: string;
  /** Units this account paid them. */
  paid: bigint;
  /** Units they paid this account. */
  received: bigint;
  /** received - paid. */
  net: bigint;
  /** Legs between the two. */
  payments: number;
  lastHeight: number;
}

export const COUNTERPARTY_SORTS = ["payments", "paid", "received", "net", "lastHeight"] as const;
export type CounterpartySort = (typeof COUNTERPARTY_SORTS)[number];

/** Everyone `accountId` paid or was paid by, with the totals each way. */
export function counterparties(accountId: string, legs: readonly Payment[]): Counterparty[] {
  const byId = new Map<string, Counterparty>();
  for (const leg of legs) {
    const other = leg.payer === accountId ? leg.payee : leg.payer;
    if (other === accountId) continue;
    let row = byId.get(other);
    if (!row) byId.set(other, (row = { accountId: other, paid: 0n, received: 0n, net: 0n, payments: 0, lastHeight: 0 }));
    const delta = legDelta(accountId, leg);
    if (delta < 0n) row.paid -= delta;
    else row.received += delta;
    row.net += delta;
    row.payments++;
    row.lastHeight = Math.max(row.lastHeight, leg.height);
  }
  return [...byId.values()];
}

/** Sorted by `key` in `order`, ties by accountId so pages are stable. */
export function sortCounterparties(rows: readonly Counterparty[], key: CounterpartySort, order: "asc" | "desc"): Counterparty[] {
  const sign = order === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const byKey = x < y ? -1 : x > y ? 1 : 0;
    return byKey !== 0 ? sign * byKey : a.accountId < b.accountId ? -1 : 1;
  });
}
