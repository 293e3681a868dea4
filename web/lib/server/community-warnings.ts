/**
 * What the community page warns about: compromise flags (a unit outside the community's boxes, a
 * forged account, a storage-rent spend of one of its boxes) and R6 metadata that is not valid, with
 * its raw text. A sound community with readable metadata has neither, and the page shows nothing.
 */
import type { IndexerClient } from "./indexer.ts";
import type { Community, Compromise } from "./indexer-types.ts";

/** Flags the banner lists at most; it counts the rest. */
export const LISTED_COMPROMISES = 100;

/** The warnings of one community; null where there is nothing to warn about. */
export interface CommunityWarnings {
  compromises: { total: number; items: Compromise[]; imbalance: bigint; boxSpentHeight: number | null } | null;
  metadata: { problem: string; rawText: string } | null;
}

/** Reads the flags of `community` (one more request, made only when it has any). */
export async function communityWarnings(indexer: IndexerClient, community: Community): Promise<CommunityWarnings> {
  const flags = community.compromises > 0 ? await indexer.compromises(community.communityId, { limit: LISTED_COMPROMISES }) : undefined;
  return {
    compromises: flags ? { total: flags.total, items: flags.items, imbalance: community.imbalance, boxSpentHeight: community.boxSpentHeight } : null,
    metadata: community.metadataProblem === null ? null : { problem: community.metadataProblem, rawText: community.metadata.description },
  };
}
