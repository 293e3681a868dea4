import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { unitsOf } from "$lib/server/lines.ts";
import { allShops } from "$lib/server/market.ts";
import type { PageServerLoad } from "./$types";

/** The most shops the map shows. */
const SHOPS_SHOWN = 1000;

/** `/shops`: every community's shops on one map and in a list, each named with its community. */
export const load: PageServerLoad = async ({ locals }) => {
  const indexer = indexerFor(locals);
  const shops = await fromIndexer("shops", () => allShops(indexer, { limit: SHOPS_SHOWN }));
  const units = await fromIndexer("communities", () => unitsOf(indexer, shops.items.map((s) => s.communityId)));
  const communities = Object.fromEntries(Object.values(units).map((u) => [u.communityId, u.name]));
  return { shops, communities, tiles: locals.config.mapTiles };
};
