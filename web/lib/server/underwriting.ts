/**
 * Underwriting (docs/underwriting.md) as the wallet, the underwriter's screen and the explorer read
 * it from the indexer: an account's backing (its limit split, offers waiting, stakes), an
 * underwriter's offers and stakes in a community, and a community's backed and unbacked credit. An
 * indexer that serves no underwriting (an older one answers 404) has none: null, never an error page.
 */
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { AccountBacking, CommunityUnderwriting, Stake } from "../underwriting/types.ts";

/** The most of an underwriter's offers and stakes the screen lists, newest first. */
export const UNDERWRITER_STAKES = 200;

const orNull = (error: unknown): null => {
  if (error instanceof IndexerNotFound) return null;
  throw error;
};

/** The backing of `accountId`, or null when the indexer knows none. */
export const backingOf = (indexer: IndexerClient, accountId: string): Promise<AccountBacking | null> => indexer.accountBacking(accountId).catch(orNull);

/** The backing of each account, by account id; accounts without any are left out. */
export async function walletBacking(indexer: IndexerClient, accountIds: string[]): Promise<Record<string, AccountBacking>> {
  const found = await Promise.all(accountIds.map((id) => backingOf(indexer, id)));
  return Object.fromEntries(found.flatMap((b, i) => (b && (b.backed > 0n || b.offers.length > 0 || b.pastStakes.length > 0) ? [[accountIds[i]!, b]] : [])));
}

/** A community's underwriting figures, or null when the indexer serves none. */
export const communityUnderwritingOf = (indexer: IndexerClient, communityId: string): Promise<CommunityUnderwriting | null> =>
  indexer.communityUnderwriting(communityId).catch(orNull);

/** The offers and stakes of `underwriter` (a serialized SigmaProp) in `communityId`, newest first. */
export async function underwriterStakes(indexer: IndexerClient, communityId: string, underwriter: string): Promise<Stake[]> {
  const page = await indexer.underwriting({ communityId, underwriter, limit: UNDERWRITER_STAKES }).catch(orNull);
  return page?.items ?? [];
}
