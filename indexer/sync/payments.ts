/**
 * Payments: account boxes spent and recreated without the community box, grouped by community.
 * What a payment moved is each account's change of worth (`worth` in contracts/economics.ts): its
 * balance for a plain account; for an economics account balance + accrued charges + unused
 * allowance, so a leg is what the payer sent and the payee received, the charges apart
 * (`economics.ts`), exactly as the account contract reads it.
 */
import { worth } from "../../contracts/economics.ts";
import type { AccountRecord, EventSite, LetsEvent, PaymentLeg } from "./lets-events.ts";

/** What an account's box is worth in its community's books. */
export const worthOf = (a: AccountRecord): bigint => worth(a.balance, a.economy);

/** Each account whose worth changed: accountId -> after - before (its balance change, for a plain account). */
export function worthDeltas(accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[]): Map<string, bigint> {
  const deltas = new Map<string, bigint>();
  for (const before of accountsIn) {
    const after = accountsOut.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);
    if (after && worthOf(after) !== worthOf(before)) deltas.set(before.accountId, worthOf(after) - worthOf(before));
  }
  return deltas;
}


/**
 * One payment event per community touched. The payer is the account whose worth fell (a
 * transaction with several falling worths names the largest as payer and lists the others as
 * payees with negative amounts, so the legs still sum to zero). `remaining`, when given, holds each
 * account's change less what cross payments explain (`crossPayments`).
 */
export function paymentEvents(site: EventSite, accountsIn: AccountRecord[], accountsOut: AccountRecord[], remaining?: ReadonlyMap<string, bigint>): LetsEvent[] {
  const byCommunity = new Map<string, PaymentLeg[]>();
  for (const before of accountsIn) {
    const after = accountsOut.find((a) => a.accountId === before.accountId);
    if (!after) continue;
    const delta = remaining?.get(before.accountId) ?? worthOf(after) - worthOf(before);
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
