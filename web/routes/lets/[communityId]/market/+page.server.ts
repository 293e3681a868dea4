import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { loadMarket } from "$lib/server/market-page.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/market`: the community's listings, searched like `/market`, and the chain's
 * height the publish form counts a listing's days from.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const [community, status] = await Promise.all([fromIndexer(`community ${communityId}`, () => indexer.community(communityId)), fromIndexer("status", () => indexer.status())]);
  const { name, symbol, decimals } = community.metadata;
  return { community: { communityId, name, symbol, decimals }, height: status.height, ...(await loadMarket(indexer, url, communityId)) };
};
