import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** Who paid whom (an edge list) over the range in the URL: the trade network graph's data, as a file. */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const { fromHeight, toHeight, fromTime, toTime } = paymentsQuery(url);
  return passThrough(indexerFor(locals), `community ${communityId}`, `/communities/${communityId}/network`, { fromHeight, toHeight, fromTime, toTime }, downloadFormat(params.format), `network-${communityId.slice(0, 8)}`);
};
