/**
 * What an account's page and its downloads read: the account (a 404 unless it belongs to the
 * community in the URL), all its legs for the balance history, and its counterparties table.
 */
import { error } from "@sveltejs/kit";
import { COUNTERPARTY_SORTS, counterparties, sortCounterparties, type Counterparty, type CounterpartySort } from "../components/explorer/account-history.ts";
import { allPages } from "./all-pages.ts";
import { fromIndexer, requireHexId } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Order, Page, Payment } from "./indexer-types.ts";
import { enumParam, pageParams } from "./paging.ts";
import { ORDERS } from "./tables.ts";

/** The community and account of a URL; 404 for an unknown id or an account of another community. */
export async function accountOf(indexer: IndexerClient, params: { communityId: string; accountId: string }) {
  const communityId = requireHexId(params.communityId, "community");
  const accountId = requireHexId(params.accountId, "account");
  const [community, account] = await Promise.all([
    fromIndexer(`community ${communityId}`, () => indexer.community(communityId)),
    fromIndexer(`account ${accountId}`, () => indexer.account(accountId)),
  ]);
  if (account.communityId !== communityId) error(404, `No account ${accountId} in community ${communityId}`);
  return { community, account };
}

/** Every leg of the account, oldest first. */
export const accountLegs = (indexer: IndexerClient, accountId: string): Promise<Payment[]> =>
  fromIndexer(`account ${accountId}`, () => allPages((limit, offset) => indexer.accountPayments(accountId, { order: "asc", limit, offset })));

/** The counterparties table's parameters: `cpSort`, `cpOrder`, `cpLimit`, `cpOffset`. */
export function counterpartiesQuery(url: URL): { sort: CounterpartySort; order: Order; limit: number; offset: number } {
  return { sort: enumParam(url, "cpSort", COUNTERPARTY_SORTS, "payments"), order: enumParam(url, "cpOrder", ORDERS, "desc"), ...pageParams(url, "cp", 25) };
}

/** One page of the account's counterparties, sorted as asked. */
export function counterpartyPage(accountId: string, legs: readonly Payment[], q: ReturnType<typeof counterpartiesQuery>): Page<Counterparty> {
  const rows = sortCounterparties(counterparties(accountId, legs), q.sort, q.order);
  return { total: rows.length, limit: q.limit, offset: q.offset, items: rows.slice(q.offset, q.offset + q.limit) };
}
