import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { categoryColumns } from "$lib/server/dashboard-csv.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** Trade through the marketplace by listing category, as the dashboard's table: the indexer's JSON, or CSV with amounts in the community's units too. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const communityId = requireHexId(params.communityId, "community");
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const path = `/communities/${communityId}/dashboard/categories`;
  const name = `categories-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, path, {}, format, name);
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, () => indexer.dashboardCategories(communityId), categoryColumns, name);
};
