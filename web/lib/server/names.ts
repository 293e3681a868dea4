/**
 * Members' names for the explorer's pages and downloads. A page names a few dozen accounts (a
 * payments table, a transaction): it asks the indexer for those accounts' profiles in one call
 * (`/communities/{id}/profiles?accounts=...`), never one call per account, and sends the browser
 * their names only. More accounts than one call takes (a download of a thousand payments) read
 * the community's whole list instead, a thousand profiles a page.
 */
import { allPages } from "./all-pages.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Profile } from "./indexer-types.ts";

/** Account id to the name its owner set last. */
export type Names = ReadonlyMap<string, string>;

/** How many account ids the indexer takes in one profiles call (its `accounts` parameter, `MAX_PROFILE_ACCOUNTS`). */
export const ACCOUNTS_PER_CALL = 100;

/** The current name of every account of `communityId` that set one. */
export async function communityNames(indexer: IndexerClient, communityId: string): Promise<Names> {
  const profiles: Profile[] = await allPages((limit, offset) => indexer.profiles(communityId, { limit, offset }));
  return new Map(profiles.map((p) => [p.accountId, p.name]));
}

/** The names of those of `accountIds` (accounts of `communityId`) that have one: one indexer call, or the whole list for more than it takes. */
export async function namesFor(indexer: IndexerClient, communityId: string, accountIds: Iterable<string>): Promise<Names> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map();
  if (ids.length > ACCOUNTS_PER_CALL) return communityNames(indexer, communityId);
  const page = await indexer.profiles(communityId, { accounts: ids, limit: ACCOUNTS_PER_CALL });
  return new Map(page.items.map((p) => [p.accountId, p.name]));
}

/** The names of `accountIds` that have one, as page data (a plain object: it crosses to the browser). */
export function namesOf(names: Names, accountIds: Iterable<string>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const id of accountIds) {
    const name = names.get(id);
    if (name !== undefined) picked[id] = name;
  }
  return picked;
}
