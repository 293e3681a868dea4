/**
 * `/api/requests/{requestId}?community=…&payee=…`: whether a payment request is paid, for the till
 * (which polls it until the payment lands) and the pay screen (which asks again just before
 * signing): its payments to that payee in blocks and in the mempool (`request-status.ts`).
 * A malformed id or account is a 400; an indexer or node that does not answer, a 503.
 */
import { error, json } from "@sveltejs/kit";
import { NodeRequestError } from "$ergo/node-client.ts";
import { isHexId } from "$lib/server/http-errors.ts";
import { IndexerUnreachable } from "$lib/server/indexer.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { requestStatus, requestStatusJson } from "$lib/server/request-status.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, url, locals }) => {
  if (!/^[0-9a-fA-F]{32}$/.test(params.requestId)) error(400, "A payment request id is 32 hexadecimal digits");
  const communityId = url.searchParams.get("community") ?? "";
  const payeeAccountId = url.searchParams.get("payee") ?? "";
  if (!isHexId(communityId) || !isHexId(payeeAccountId)) error(400, "community and payee are ids of 64 hexadecimal digits");
  const ref = { communityId: communityId.toLowerCase(), payeeAccountId: payeeAccountId.toLowerCase(), requestId: params.requestId.toLowerCase() };
  try {
    const status = await requestStatus(indexerFor(locals), nodeFor(locals), ref);
    return json(requestStatusJson(status), { headers: { "cache-control": "no-store" } });
  } catch (cause) {
    if (cause instanceof IndexerUnreachable) error(503, "The indexer does not answer; try again in a moment");
    if (cause instanceof NodeRequestError) error(503, `The node could not say what is in its mempool (${cause.detail.slice(0, 120)})`);
    throw cause;
  }
};
