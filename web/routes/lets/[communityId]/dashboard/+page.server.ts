import { daysParam, loadDashboard } from "$lib/server/dashboard.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/dashboard`: the community's marketplace and activity at a glance, every
 * table rendered here (the charts draw the same rows after hydration).
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const days = daysParam(url);
  return loadDashboard(indexerFor(locals), communityId, days);
};
