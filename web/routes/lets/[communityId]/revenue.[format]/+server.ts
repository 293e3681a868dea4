import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { revenueColumns } from "$lib/server/csv-tables.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { intervalParam } from "$lib/server/tables.ts";
import { REVENUE_BUCKET_BLOCKS } from "$lib/economics/revenue.ts";
import type { RequestHandler } from "./$types";

/**
 * An economics community's revenue per period of blocks (a day, a week or a month of blocks, as
 * the charts' interval): what the revenue chart draws, as a file. The JSON is the indexer's answer;
 * the CSV has the amounts in the community's units too.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const interval = intervalParam(url);
  const bucket = REVENUE_BUCKET_BLOCKS[interval];
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const name = `revenue-${interval}-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, `/communities/${communityId}/revenue`, { bucket }, format, name);
  const rows = async () => (await indexer.revenue(communityId, { bucket })).items;
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, rows, revenueColumns, name);
};
