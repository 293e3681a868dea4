/** Payments: account boxes spent and recreated without the community box, grouped by community. */
import type { AccountRecord, EventSite, LetsEvent, PaymentLeg } from "./lets-events.ts";

/**
 * One payment event per community touched. The payer is the account whose balance fell (a
 * transaction with several falling balances names the largest as payer and lists the others as
 * payees with negative amounts, so the legs still sum to zero).
 */
export function paymentEvents(site: EventSite, accountsIn: AccountRecord[], accountsOut: AccountRecord[]): LetsEvent[] {
  const byCommunity = new Map<string, PaymentLeg[]>();
  for (const before of accountsIn) {
    const after = accountsOut.find((a) => a.accountId === before.accountId);
    if (!after) continue;
    const delta = after.balance - before.balance;
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
