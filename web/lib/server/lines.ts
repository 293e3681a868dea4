/**
 * What the trade-line pages read besides the lines: the name, symbol and decimals of each
 * community a line names (one indexer call per community, a handful per page).
 */
import type { Units } from "../lines/words.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";

/** A community as the line pages name it, with its id. */
export interface CommunityUnits extends Units {
  communityId: string;
  /** The committee's SigmaProp (register hex): who signs the community's line actions. */
  committee: string;
}

/**
 * The units of every community in `ids` (each asked once) that the indexer knows, by id. One it
 * does not know (a line's partner of another contract version, or one it never synced) is left
 * out, so a page that names it falls back to its id instead of failing as a 404; any other
 * failure is thrown.
 */
export async function unitsOf(indexer: IndexerClient, ids: Iterable<string>): Promise<Record<string, CommunityUnits>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => indexer.community(id).catch((cause: unknown) => {
    if (cause instanceof IndexerNotFound) return undefined;
    throw cause;
  })));
  return Object.fromEntries(
    found.filter((c) => c !== undefined)
      .map((c) => [c.communityId, { communityId: c.communityId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals, committee: c.committee }]),
  );
}
