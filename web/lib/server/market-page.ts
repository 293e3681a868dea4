/**
 * What a market search page loads (`/market` and `/lets/{communityId}/market`): the search read
 * from the URL, the listings the indexer finds for it, and the units of each listing's community
 * for its price; a search the page can tell is wrong is said, not sent.
 */
import { marketFilters, readMarketSearch, type MarketSearch } from "../market/query.ts";
import type { ListingView } from "../market/types.ts";
import { fromIndexer } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Page } from "./indexer-types.ts";
import { unitsOf } from "./lines.ts";
import { accountListings, accountMatches, accountReputation, accountReviews, searchListings } from "./market.ts";

/** A search page's data: the search as typed, and either its listings or why it was not made. */
export interface MarketPage {
  search: MarketSearch;
  error: string | null;
  listings: Page<ListingView> | null;
  units: Record<string, { name: string; symbol: string; decimals: number }>;
}

/** Loads the listings the URL's search finds, in `communityId` only when given. */
export async function loadMarket(indexer: IndexerClient, url: URL, communityId?: string): Promise<MarketPage> {
  const search = readMarketSearch(url);
  const read = marketFilters(search);
  if ("error" in read) return { search, error: read.error, listings: null, units: {} };
  const listings = await fromIndexer("listings", () => searchListings(indexer, { ...read.filters, community: communityId }));
  const units = await fromIndexer("communities", () => unitsOf(indexer, listings.items.map((l) => l.communityId)));
  return { search, error: null, listings, units };
}

/** How many of a member's listings and reviews its page shows (all are in the downloads). */
const MEMBER_ROWS = 50;

/** A member's marketplace: its score, the reviews of it, its own listings, and other members' listings that answer them. */
export async function memberMarket(indexer: IndexerClient, accountId: string) {
  const [reputation, reviews, listings, matches] = await Promise.all([
    fromIndexer("reputation", () => accountReputation(indexer, accountId)),
    fromIndexer("reviews", () => accountReviews(indexer, accountId, { limit: MEMBER_ROWS })),
    fromIndexer("listings", () => accountListings(indexer, accountId, { limit: MEMBER_ROWS })),
    fromIndexer("matches", () => accountMatches(indexer, accountId, { limit: MEMBER_ROWS })),
  ]);
  return { reputation, reviews, listings, matches };
}
