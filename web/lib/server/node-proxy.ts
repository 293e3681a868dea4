/**
 * The web server's narrow proxy to the Ergo node: the browser cannot call the node itself (no
 * CORS, and the node may listen on a private address), so the wallet screens read the few routes
 * they need through `/api/node/...`. Only these routes pass, with only paging query parameters;
 * the routes the development wallet needs to spend (wallet boxes by address, submitting) pass
 * only on the devnet, where that wallet exists.
 */
import type { NetworkName } from "$ergo/network.ts";

const ID = "[0-9a-fA-F]{64}";
const READS: RegExp[] = [
  /^\/info$/,
  /^\/blocks\/lastHeaders\/(10|[1-9])$/,
  new RegExp(`^/blockchain/box/unspent/byTokenId/${ID}$`),
  new RegExp(`^/utxo/withPool/byId/${ID}$`),
];
const DEVNET_POSTS: RegExp[] = [/^\/blockchain\/box\/unspent\/byAddress$/, /^\/transactions$/];
const QUERY: Record<string, RegExp> = {
  offset: /^[0-9]{1,9}$/,
  limit: /^[0-9]{1,4}$/,
  includeUnconfirmed: /^(true|false)$/,
  excludeMempoolSpent: /^(true|false)$/,
  sortDirection: /^(asc|desc)$/,
};
/** A signed transaction of the largest size a node accepts (98,304 bytes) fits easily as JSON. */
export const MAX_BODY_BYTES = 512 * 1024;

/** What may pass: the node path with its query, or why not. */
export type ProxyDecision = { ok: true; path: string } | { ok: false; status: 400 | 404 | 405; reason: string };

/** Decides whether `method path?search` may go to the node for a server on `network`. */
export function decideNodeRequest(method: string, path: string, search: URLSearchParams, network: NetworkName): ProxyDecision {
  const posts = network === "devnet" ? DEVNET_POSTS : [];
  const isRead = READS.some((route) => route.test(path));
  const isPost = posts.some((route) => route.test(path));
  if (!isRead && !isPost) return { ok: false, status: 404, reason: `${path} is not available through this proxy` };
  if ((isRead && method !== "GET") || (isPost && method !== "POST")) return { ok: false, status: 405, reason: `${method} ${path} is not allowed` };
  const query = new URLSearchParams();
  for (const [key, value] of search) {
    const pattern = QUERY[key];
    if (!pattern || !pattern.test(value)) return { ok: false, status: 400, reason: `query parameter ${key} is not allowed here` };
    query.set(key, value);
  }
  const text = query.toString();
  return { ok: true, path: text ? `${path}?${text}` : path };
}

/** Forwards an allowed request to the node and passes its answer (status, JSON body) back. */
export async function forwardToNode(request: Request, nodeUrl: string, decision: { path: string }, fetcher: typeof fetch = fetch): Promise<Response> {
  let body: string | undefined;
  if (request.method === "POST") {
    body = await request.text();
    if (new TextEncoder().encode(body).length > MAX_BODY_BYTES) return nodeError(413, "the request body is too large");
  }
  let upstream: Response;
  try {
    upstream = await fetcher(`${nodeUrl}${decision.path}`, {
      method: request.method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return nodeError(502, "the node does not answer");
  }
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** An error body shaped like the node's own, so clients read one format. */
export function nodeError(status: number, detail: string): Response {
  return new Response(JSON.stringify({ error: status, reason: status === 404 ? "not-found" : "bad.request", detail }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
