/**
 * The indexer's marketplace routes for the web server (docs/indexer-api.md): listings searched and
 * one by one, a member's listings, matches, reviews and score, and the shops. Errors are the
 * indexer client's own (`IndexerNotFound`, `IndexerUnreachable`, `IndexerRequestError`), so pages
 * map them in the one place they map every indexer error (`http-errors.ts`).
 */
import { parseJson } from "$ergo/json.ts";
import type { AccountReputation, ListingView, MatchView, ReviewView, ShopView } from "../market/types.ts";
import { IndexerRequestError, type IndexerClient } from "./indexer.ts";
import type { Page, PageQuery } from "./indexer-types.ts";

/** `GET /listings` filters: words, community, category, kind, author, near a place, status. */
export interface ListingsQuery extends PageQuery {
  q?: string;
  community?: string;
  category?: string;
  kind?: "offer" | "want";
  author?: string;
  /** "lat,lon" */
  near?: string;
  radiusKm?: number;
  status?: "active" | "all";
}

type Query = Record<string, string | number | undefined>;

async function getJson<T>(indexer: IndexerClient, path: string, query: Query = {}): Promise<T> {
  const response = await indexer.raw(path, query);
  try {
    return parseJson(await response.text(), "refuse") as T;
  } catch (cause) {
    throw new IndexerRequestError(response.status, "unreadable", (cause as Error).message, response.url, { cause });
  }
}

const id = encodeURIComponent;

/** Listings as search finds them: ranked by the words, nearest first near a place, else newest first. */
export const searchListings = (indexer: IndexerClient, q: ListingsQuery): Promise<Page<ListingView>> => getJson(indexer, "/listings", { ...q });

/** One listing, withdrawn or expired ones too (404: `IndexerNotFound`). */
export const getListing = (indexer: IndexerClient, listingId: string): Promise<ListingView> => getJson(indexer, `/listings/${id(listingId)}`);

/** A member's own listings, every status. */
export const accountListings = (indexer: IndexerClient, accountId: string, q: PageQuery = {}): Promise<Page<ListingView>> =>
  getJson(indexer, `/accounts/${id(accountId)}/listings`, { ...q });

/** Other members' active listings that answer a member's active wants and offers. */
export const accountMatches = (indexer: IndexerClient, accountId: string, q: PageQuery = {}): Promise<Page<MatchView>> =>
  getJson(indexer, `/accounts/${id(accountId)}/matches`, { ...q });

/** The reviews of a member, newest first. */
export const accountReviews = (indexer: IndexerClient, accountId: string, q: PageQuery = {}): Promise<Page<ReviewView>> =>
  getJson(indexer, `/accounts/${id(accountId)}/reviews`, { ...q });

/** A member's score from the reviews of it. */
export const accountReputation = (indexer: IndexerClient, accountId: string): Promise<AccountReputation> => getJson(indexer, `/accounts/${id(accountId)}/reputation`);

/** A community's shops (its members' own, and those of other communities that take its units). */
export const communityShops = (indexer: IndexerClient, communityId: string, q: PageQuery = {}): Promise<Page<ShopView>> =>
  getJson(indexer, `/communities/${id(communityId)}/shops`, { ...q });

/** Every community's shops. */
export const allShops = (indexer: IndexerClient, q: PageQuery = {}): Promise<Page<ShopView>> => getJson(indexer, "/shops", { ...q });
