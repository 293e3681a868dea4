/**
 * What the community dashboard (`/lets/{communityId}/dashboard`, docs/web.md) reads: the
 * marketplace's trade by listing category and its share of each week's trade, active and new
 * members per week, the top traders of a window with their names, and the shops. Its downloads
 * read the same parameters here, so a file holds what the page shows.
 */
import { error } from "@sveltejs/kit";
import { TOP_TRADERS, TRADER_DAYS, type TraderDays } from "../dashboard/figures.ts";
import { fromIndexer, settledFromIndexer } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";
import { communityShops } from "./market.ts";
import { namesFor, namesOf } from "./names.ts";

/** How many shops the page lists (all are counted, and all are on the map page and in the download). */
export const SHOPS_LISTED = 10;

/** The top traders' window, `days`: 7, 30 (when absent) or 365; anything else is a 400 page saying which values it takes. */
export function daysParam(url: URL): TraderDays {
  const text = url.searchParams.get("days");
  if (text === null || text === "") return 30;
  const days = TRADER_DAYS.find((d) => String(d) === text);
  if (days === undefined) error(400, `days must be one of ${TRADER_DAYS.join(", ")}, got ${JSON.stringify(text.slice(0, 20))}`);
  return days;
}

/** Everything the page shows, read together; an unknown community is a 404 before any other failure is looked at. */
export async function loadDashboard(indexer: IndexerClient, communityId: string, days: TraderDays) {
  const results = await Promise.allSettled([
    indexer.community(communityId),
    indexer.dashboardCategories(communityId),
    indexer.marketShare(communityId, "week"),
    indexer.stats(communityId, "week"),
    indexer.topTraders(communityId, { days, limit: TOP_TRADERS }),
    communityShops(indexer, communityId, { limit: SHOPS_LISTED }),
  ]);
  const community = await settledFromIndexer(`community ${communityId}`, results[0]);
  const categories = await settledFromIndexer("trade by category", results[1]);
  const share = await settledFromIndexer("market share", results[2]);
  const stats = await settledFromIndexer("weekly statistics", results[3]);
  const traders = await settledFromIndexer("top traders", results[4]);
  const shops = await settledFromIndexer("shops", results[5]);
  const traderIds = traders.items.map((t) => t.accountId);
  const names = await fromIndexer("profiles", () => namesFor(indexer, communityId, traderIds));
  const { name, symbol, decimals } = community.metadata;
  return {
    community: { communityId, name, symbol, decimals },
    categories,
    share,
    members: stats.map(({ start, end, activeMembers, newMembers }) => ({ start, end, activeMembers, newMembers })),
    traders: { ...traders, names: namesOf(names, traderIds) },
    shops,
  };
}

/** The dashboard's page data. */
export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
