import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { enumParam } from "$lib/server/paging.ts";
import type { RequestHandler } from "./$types";

/** The most rows one file holds: the indexer's largest page. */
const ALL_ROWS = 1_000;

/** The community's post-factum orders (`?status=open|settled`) as the indexer lists them, CSV or JSON. */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const status = enumParam(url, "status", ["all", "open", "settled"] as const, "all");
  const query = { limit: ALL_ROWS, status: status === "all" ? undefined : status };
  const name = `escrow-orders-${status === "all" ? "" : `${status}-`}${communityId.slice(0, 8)}`;
  return passThrough(indexerFor(locals), `post-factum orders of ${communityId}`, `/communities/${communityId}/escrow-orders`, query, downloadFormat(params.format), name);
};
