import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { statsColumns } from "$lib/server/csv-tables.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { intervalParam } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/**
 * Activity and money supply per interval: what the charts draw, as a file. The JSON is the
 * indexer's answer (the charts read it); the CSV has the amounts in the community's units too.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const interval = intervalParam(url);
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const name = `stats-${interval}-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, `/communities/${communityId}/stats`, { interval }, format, name);
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, () => indexer.stats(communityId, interval), statsColumns, name);
};
