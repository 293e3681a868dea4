/** Payments: account boxes spent and recreated without the community box, grouped by community. */
import type { AccountRecord, EventSite, LetsEvent, PaymentLeg } from "./lets-events.ts";

/** Each account whose balance changed: accountId -> after - before. */
export function balanceDeltas(accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[]): Map<string, bigint> {
  const deltas = new Map<string, bigint>();
  for (const before of accountsIn) {
    const after = accountsOut.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);
    if (after && after.balance !== before.balance) deltas.set(before.accountId, after.balance - before.balance);
  }
  return deltas;
}


/**
 * One payment event per community touched. The payer is the account whose balance fell (a
 * transaction with several falling balances names the largest as payer and lists the others as
 * payees with negative amounts, so the legs still sum to zero). `remaining`, when given, holds each
 * account's balance change less what cross payments explain (`crossPayments`).
 */
export function paymentEvents(site: EventSite, accountsIn: AccountRecord[], accountsOut: AccountRecord[], remaining?: ReadonlyMap<string, bigint>): LetsEvent[] {
  const byCommunity = new Map<string, PaymentLeg[]>();
  for (const before of accountsIn) {
    const after = accountsOut.find((a) => a.accountId === before.accountId);
    if (!after) continue;
    const delta = remaining?.get(before.accountId) ?? after.balance - before.balance;
    if (delta === 0n) continue;
    const legs = byCommunity.get(before.communityId) ?? [];
    legs.push({ accountId: before.accountId, amount: delta });
    byCommunity.set(before.communityId, legs);
  }
  const events: LetsEvent[] = [];
  for (const [communityId, legs] of byCommunity) {
    legs.sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0));
    const [payer, ...payees] = legs;
    if (!payer || payer.amount >= 0n) continue;
    const accounts = accountsOut.filter((a) => a.communityId === communityId);
    events.push({ kind: "payment", site, communityId, payer: payer.accountId, payees, accounts });
  }
  return events;
}
