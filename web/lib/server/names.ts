/**
 * Members' names for the explorer's pages and downloads. A page names a few dozen accounts (a
 * payments table, a transaction), so it reads the community's current profiles in one indexer
 * list (page by page when there are more than a thousand), never one call per account, and sends
 * the browser the names of the accounts it shows only.
 */
import { allPages } from "./all-pages.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Profile } from "./indexer-types.ts";

/** Account id to the name its owner set last. */
export type Names = ReadonlyMap<string, string>;

/** The current name of every account of `communityId` that set one. */
export async function communityNames(indexer: IndexerClient, communityId: string): Promise<Names> {
  const profiles: Profile[] = await allPages((limit, offset) => indexer.profiles(communityId, { limit, offset }));
  return new Map(profiles.map((p) => [p.accountId, p.name]));
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
