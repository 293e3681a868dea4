import { requireHexId, settledFromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { communityShops } from "$lib/server/market.ts";
import type { PageServerLoad } from "./$types";

/** The most shops a map shows; past it the page says how many more there are. */
const SHOPS_SHOWN = 1000;

/**
 * `/lets/{communityId}/shops`: the community's shops on a map and in a list (its members' own and
 * those that take its units), the map's tile template, and the member's own shop for its form.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const [communityResult, shopsResult] = await Promise.allSettled([indexer.community(communityId), communityShops(indexer, communityId, { limit: SHOPS_SHOWN })]);
  const community = await settledFromIndexer(`community ${communityId}`, communityResult);
  const shops = await settledFromIndexer("shops", shopsResult);
  const { name, symbol } = community.metadata;
  return { community: { communityId, name, symbol }, shops, tiles: locals.config.mapTiles };
};
