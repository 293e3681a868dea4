/** `/api/node/...`: the narrow node proxy (see `$lib/server/node-proxy.ts`). */
import type { RequestHandler } from "./$types";
import { decideNodeRequest, forwardToNode, nodeError } from "$lib/server/node-proxy.ts";

const handle: RequestHandler = async ({ request, params, url, locals }) => {
  const decision = decideNodeRequest(request.method, `/${params.path}`, url.searchParams, locals.config.network);
  if (!decision.ok) return nodeError(decision.status, decision.reason);
  return forwardToNode(request, locals.config.nodeUrl, decision);
};

export const GET = handle;
export const POST = handle;
