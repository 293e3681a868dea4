/**
 * The market search as a URL says it (`/market?q=&category=&kind=&near=&radiusKm=&offset=`): read
 * strictly into the indexer's `/listings` filters, so a bad value is said on the page rather than
 * sent to the indexer.
 */
import { CATEGORIES } from "$contracts/market/listing.ts";
import { readNear } from "./words.ts";

/** Listings a search page shows at once. */
export const LISTINGS_PER_PAGE = 50;
/** The search radius around `near` when none is given, and the largest. */
export const DEFAULT_RADIUS_KM = 25;
export const MAX_RADIUS_KM = 500;

/** A search as the form has it, every field text (as typed back into the form). */
export interface MarketSearch {
  q: string;
  category: string;
  kind: string;
  near: string;
  radiusKm: string;
  offset: number;
}

/** The indexer's filters for a search, or why the search cannot be made. */
export type MarketFilters =
  | { filters: { q?: string; category?: string; kind?: "offer" | "want"; near?: string; radiusKm?: number; limit: number; offset: number } }
  | { error: string };

/** The search the URL names; unknown values are kept as typed, for `marketFilters` to refuse. */
export function readMarketSearch(url: URL): MarketSearch {
  const text = (name: string, max = 200) => (url.searchParams.get(name) ?? "").trim().slice(0, max);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  return { q: text("q"), category: text("category", 40), kind: text("kind", 10), near: text("near", 60), radiusKm: text("radiusKm", 10), offset: Number.isSafeInteger(offset) && offset >= 0 ? offset : 0 };
}

/** The `/listings` filters of a search, or the first thing wrong with it in a sentence. */
export function marketFilters(search: MarketSearch): MarketFilters {
  if (search.category !== "" && !(CATEGORIES as readonly string[]).includes(search.category)) return { error: `There is no category “${search.category}”.` };
  if (search.kind !== "" && search.kind !== "offer" && search.kind !== "want") return { error: "A listing is an offer or a want." };
  const near = readNear(search.near);
  if (near && "error" in near) return { error: near.error };
  let radiusKm: number | undefined;
  if (near) {
    radiusKm = search.radiusKm === "" ? DEFAULT_RADIUS_KM : Number(search.radiusKm);
    if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) return { error: `The distance is more than 0 and at most ${MAX_RADIUS_KM} km.` };
  }
  return {
    filters: {
      q: search.q || undefined,
      category: search.category || undefined,
      kind: (search.kind || undefined) as "offer" | "want" | undefined,
      near: near ? `${near.lat},${near.lon}` : undefined,
      radiusKm,
      limit: LISTINGS_PER_PAGE,
      offset: search.offset,
    },
  };
}
