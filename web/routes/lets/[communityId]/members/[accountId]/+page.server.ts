import { accountOf, balanceHistory, counterpartiesQuery, counterpartyPage, profileHistory } from "$lib/server/account-data.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { unitsOf } from "$lib/server/lines.ts";
import { namesFor, namesOf } from "$lib/server/names.ts";
import { escrowsOf } from "$lib/server/escrows.ts";
import { backingOf } from "$lib/server/underwriting.ts";
import { paymentsParams, paymentsQuery } from "$lib/server/tables.ts";
import { accountEconomicsOf } from "$lib/server/economics.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { accountOrders, ordersTableQuery } from "$lib/server/account-orders.ts";
import { memberMarket } from "$lib/server/market-page.ts";
import type { PageServerLoad } from "./$types";

/**
 * An account: its profile and the profiles it set before, its figures, balance over time, payments
 * and counterparties (with their names); in a plain community its payment orders and what
 * revoking would void (docs/batches.md); its listings, matches, reviews and score (docs/marketplace.md).
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const indexer = indexerFor(locals);
  const { community, account } = await accountOf(indexer, params);
  const payments = paymentsQuery(url);
  const cp = counterpartiesQuery(url);
  const ordersQuery = ordersTableQuery(url);
  const [paymentPage, series, counterparties, profiles, economics, orders, market, escrows, backing] = await Promise.all([
    fromIndexer("payments", () => indexer.accountPayments(account.accountId, payments)),
    balanceHistory(indexer, account.accountId),
    counterpartyPage(indexer, account.accountId, cp),
    profileHistory(indexer, account),
    // An economics account's earned limit, charges and allowance, from its box (docs/economics.md).
    account.economics ? accountEconomicsOf(nodeFor(locals), account.boxId, community.metadata) : ({ kind: "none" } as const),
    // Payment orders are for plain accounts (an economics one has no order sequence: nextSeq null).
    account.nextSeq === null ? null : fromIndexer("payment orders", () => accountOrders(indexer, account.accountId, ordersQuery)),
    memberMarket(indexer, account.accountId),
    // Escrows are counterparties of commits and settlements: named as such, not as unknown accounts.
    fromIndexer("escrows", () => escrowsOf(indexer, community.communityId)),
    // Its backing by underwriters (docs/underwriting.md): plain accounts only.
    account.economics ? null : fromIndexer("backing", () => backingOf(indexer, account.accountId)),
  ]);
  const paymentAccounts = paymentPage.items.flatMap((p) => [p.payer, p.payee]);
  const others = counterparties.items.map((c) => c.accountId);
  const orderAccounts = orders?.page.items.flatMap((o) => [o.payer, o.payee]) ?? [];
  // Cross payments name the other community of each (its name on the leg's badge).
  const crossCommunities = paymentPage.items.flatMap((p) => (p.cross ? [p.cross.otherCommunityId] : []));
  const [names, communities] = await Promise.all([
    fromIndexer("profiles", () => namesFor(indexer, community.communityId, [...paymentAccounts, ...others, ...orderAccounts])),
    fromIndexer("communities of cross payments", () => unitsOf(indexer, crossCommunities)),
  ]);
  return {
    community: { communityId: community.communityId, metadata: community.metadata, maxMembers: community.policy.maxMembers },
    account: { ...account, ownerAddress: ownerAddress(account.owner, locals.config.network) },
    profiles,
    economics,
    payments: { query: payments, params: paymentsParams(payments), page: paymentPage, names: namesOf(names, paymentAccounts), communities, escrowIds: escrows.map((e) => e.escrowId) },
    counterparties: { query: cp, page: counterparties, names: namesOf(names, others) },
    market,
    backing,
    orders: orders && { query: ordersQuery, page: orders.page, revocable: orders.revocable, names: namesOf(names, orderAccounts) },
    // For the chart only: seconds and balances in units (numbers are fine for drawing).
    balanceSeries: { times: series.map((p) => p.timestamp / 1000), balances: series.map((p) => Number(p.balance)), exact: series.map((p) => p.balance) },
  };
};
