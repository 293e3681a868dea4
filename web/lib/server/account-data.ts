/**
 * What an account's page and its downloads read: the account (a 404 unless it belongs to the
 * community in the URL), its balance history, its counterparties table and the profiles its
 * owner set, each from the indexer's own aggregate.
 */
import { error } from "@sveltejs/kit";
import { allPages } from "./all-pages.ts";
import { fromIndexer, requireHexId } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";
import { COUNTERPARTY_SORTS, type BalancePoint, type CounterpartySort, type Order, type Page, type Profile } from "./indexer-types.ts";
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

/** The account's balance after each block that changed it, oldest first. */
export const balanceHistory = (indexer: IndexerClient, accountId: string): Promise<BalancePoint[]> =>
  fromIndexer(`account ${accountId}`, () => allPages((limit, offset) => indexer.balanceHistory(accountId, { limit, offset })));

export type CounterpartiesTableQuery = { sort: CounterpartySort; order: Order; limit: number; offset: number };

/** The counterparties table's parameters: `cpSort`, `cpOrder`, `cpLimit`, `cpOffset`. */
export function counterpartiesQuery(url: URL): CounterpartiesTableQuery {
  return { sort: enumParam(url, "cpSort", COUNTERPARTY_SORTS, "payments"), order: enumParam(url, "cpOrder", ORDERS, "desc"), ...pageParams(url, "cp", 25) };
}

/** One page of the account's counterparties, sorted as asked, by the indexer. */
export const counterpartyPage = (indexer: IndexerClient, accountId: string, q: CounterpartiesTableQuery) =>
  fromIndexer("counterparties", () => indexer.counterparties(accountId, q));

/** How many of an account's profiles its page lists, newest first. */
export const PROFILES_SHOWN = 20;

/** The profiles the account's owner set, newest first (the first is the current one); none asked for when it has no name. */
export async function profileHistory(indexer: IndexerClient, account: { accountId: string; name: string | null }): Promise<Page<Profile>> {
  if (account.name === null) return { total: 0, limit: PROFILES_SHOWN, offset: 0, items: [] };
  return fromIndexer(`profiles of ${account.accountId}`, () => indexer.accountProfiles(account.accountId, { limit: PROFILES_SHOWN }));
}
