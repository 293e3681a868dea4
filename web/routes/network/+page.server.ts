import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/** Every community and every trade line (the first thousand of each), for the network drawing. */
export const load: PageServerLoad = async ({ locals }) => {
  const indexer = indexerFor(locals);
  const [communities, lines] = await Promise.all([
    fromIndexer("communities", () => indexer.communities({ limit: 1000 })),
    fromIndexer("trade lines", () => indexer.lines({ limit: 1000 })),
  ]);
  return {
    communities: communities.items.map((c) => ({ communityId: c.communityId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals })),
    lines: lines.items,
    totals: { communities: communities.total, lines: lines.total },
  };
};
