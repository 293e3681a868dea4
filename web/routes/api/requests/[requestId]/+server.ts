/**
 * `/api/requests/{requestId}?community=…&payee=…&amount=…`: how far a payment request of `amount`
 * units is paid, for the till (which polls it until the payment lands) and the pay screen (which
 * asks again just before signing): the payments that carried its id to that payee, in blocks and in
 * the mempool (`request-status.ts`). A malformed id, account or amount is a 400; an indexer or node
 * that does not answer, a 503.
 */
import { error, json } from "@sveltejs/kit";
import { LONG_MAX } from "$contracts/long.ts";
import { NodeRequestError } from "$ergo/node-client.ts";
import { isHexId } from "$lib/server/http-errors.ts";
import { IndexerUnreachable } from "$lib/server/indexer.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { requestStatus } from "$lib/server/request-status.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, url, locals }) => {
  if (!/^[0-9a-fA-F]{32}$/.test(params.requestId)) error(400, "A payment request id is 32 hexadecimal digits");
  const communityId = url.searchParams.get("community") ?? "";
  const payeeAccountId = url.searchParams.get("payee") ?? "";
  if (!isHexId(communityId) || !isHexId(payeeAccountId)) error(400, "community and payee are ids of 64 hexadecimal digits");
  const amount = url.searchParams.get("amount") ?? "";
  if (!/^[1-9][0-9]{0,18}$/.test(amount) || BigInt(amount) > LONG_MAX) error(400, "amount is the request's amount in whole units, more than 0");
  const asked = { communityId: communityId.toLowerCase(), payeeAccountId: payeeAccountId.toLowerCase(), requestId: params.requestId.toLowerCase(), amountUnits: BigInt(amount) };
  try {
    const status = await requestStatus(indexerFor(locals), nodeFor(locals), asked);
    return json(status, { headers: { "cache-control": "no-store" } });
  } catch (cause) {
    if (cause instanceof IndexerUnreachable) error(503, "The indexer does not answer; try again in a moment");
    if (cause instanceof NodeRequestError) error(503, `The node could not say what is in its mempool (${cause.detail.slice(0, 120)})`);
    throw cause;
  }
};
