import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { edgeAccounts, edgeColumns } from "$lib/server/csv-tables.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** Who paid whom (an edge list) over the range in the URL: the trade network graph's data, as a file (CSV amounts in the community's units too). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const { fromHeight, toHeight, fromTime, toTime } = paymentsQuery(url);
  const range = { fromHeight, toHeight, fromTime, toTime };
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const name = `network-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, `/communities/${communityId}/network`, range, format, name);
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, () => indexer.network(communityId, range), edgeColumns, name, edgeAccounts);
};
