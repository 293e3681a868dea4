import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/** Proposing a trade line: this community (side A) and every other community it could propose one to. */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const [community, all] = await Promise.all([
    fromIndexer(`community ${communityId}`, () => indexer.community(communityId)),
    fromIndexer("communities", () => indexer.communities({ limit: 1000 })),
  ]);
  const unitsOf = (c: typeof community) => ({ communityId: c.communityId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals });
  return {
    community: { ...unitsOf(community), committee: community.committee },
    partners: all.items.filter((c) => c.communityId !== communityId).map(unitsOf).sort((x, y) => x.name.localeCompare(y.name)),
  };
};
