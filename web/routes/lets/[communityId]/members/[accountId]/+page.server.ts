import { accountOf, balanceHistory, counterpartiesQuery, counterpartyPage } from "$lib/server/account-data.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsParams, paymentsQuery } from "$lib/server/tables.ts";
import type { PageServerLoad } from "./$types";

/** An account: its figures, balance over time, payments and counterparties. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const indexer = indexerFor(locals);
  const { community, account } = await accountOf(indexer, params);
  const payments = paymentsQuery(url);
  const cp = counterpartiesQuery(url);
  const [paymentPage, series, counterparties] = await Promise.all([
    fromIndexer("payments", () => indexer.accountPayments(account.accountId, payments)),
    balanceHistory(indexer, account.accountId),
    counterpartyPage(indexer, account.accountId, cp),
  ]);
  return {
    community: { communityId: community.communityId, metadata: community.metadata, maxMembers: community.policy.maxMembers },
    account: { ...account, ownerAddress: ownerAddress(account.owner, locals.config.network) },
    payments: { query: payments, params: paymentsParams(payments), page: paymentPage },
    counterparties: { query: cp, page: counterparties },
    // For the chart only: seconds and balances in units (numbers are fine for drawing).
    balanceSeries: { times: series.map((p) => p.timestamp / 1000), balances: series.map((p) => Number(p.balance)), exact: series.map((p) => p.balance) },
  };
};
