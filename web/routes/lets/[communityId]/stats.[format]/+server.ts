import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { intervalParam } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** Activity and money supply per interval: what the charts draw, as a file (and the charts' data). */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const interval = intervalParam(url);
  return passThrough(indexerFor(locals), `community ${communityId}`, `/communities/${communityId}/stats`, { interval }, downloadFormat(params.format), `stats-${interval}-${communityId.slice(0, 8)}`);
};
