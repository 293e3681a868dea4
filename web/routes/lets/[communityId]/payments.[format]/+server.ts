import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** The payments table as shown (same range, order and page) as a file. */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  return passThrough(indexerFor(locals), `community ${communityId}`, `/communities/${communityId}/payments`, { ...paymentsQuery(url) }, downloadFormat(params.format), `payments-${communityId.slice(0, 8)}`);
};
