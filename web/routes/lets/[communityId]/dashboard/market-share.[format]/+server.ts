import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { shareColumns } from "$lib/server/dashboard-csv.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { enumParam } from "$lib/server/paging.ts";
import { INTERVALS } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/**
 * The marketplace's share of the community's payments and volume per `interval` (week unless
 * given, as the dashboard shows it): the indexer's JSON, or CSV with the shares and amounts as the
 * page writes them and the raw values beside.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const interval = enumParam(url, "interval", INTERVALS, "week");
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const path = `/communities/${communityId}/dashboard/market-share`;
  const name = `market-share-${interval}-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, path, { interval }, format, name);
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, () => indexer.marketShare(communityId, interval), shareColumns, name);
};
