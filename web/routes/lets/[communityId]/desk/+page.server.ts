import { loadDeskPage } from "$lib/server/desk-page.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/desk`: the community's exchange desk (docs/desk.md): its terms in words, an
 * announced change, reserve and cover, the chart of both over time, its trades and events.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  return loadDeskPage(indexerFor(locals), communityId);
};
