import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { membersQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** The members table as shown (same sort, filter and page) as a file. */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  return passThrough(indexerFor(locals), `community ${communityId}`, `/communities/${communityId}/accounts`, { ...membersQuery(url) }, downloadFormat(params.format), `members-${communityId.slice(0, 8)}`);
};
