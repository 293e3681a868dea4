/** `/lets/{communityId}/leave`: closing one's account at balance 0; the community's units from the indexer. */
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const c = await fromIndexer(`community ${communityId}`, () => indexerFor(locals).community(communityId));
  return {
    community: { communityId, boxId: c.boxId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals },
    accountId: url.searchParams.get("account") ?? "",
  };
};
