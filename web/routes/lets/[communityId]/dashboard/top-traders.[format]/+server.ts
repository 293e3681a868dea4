import { TOP_TRADERS } from "$lib/dashboard/figures.ts";
import { daysParam } from "$lib/server/dashboard.ts";
import { traderAccounts, traderColumns } from "$lib/server/dashboard-csv.ts";
import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** The top traders of the last `days` (7, 30 or 365), as the dashboard lists them: the indexer's JSON, or CSV with amounts in the community's units and names. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const days = daysParam(url);
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const path = `/communities/${communityId}/dashboard/top-traders`;
  const name = `top-traders-${days}d-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, path, { days, limit: TOP_TRADERS }, format, name);
  const rows = async () => (await indexer.topTraders(communityId, { days, limit: TOP_TRADERS })).items;
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, rows, traderColumns, name, traderAccounts);
};
