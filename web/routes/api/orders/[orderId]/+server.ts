/**
 * `/api/orders/{orderId}`: what became of one payment order (pending, submitted, settled, void,
 * expired) and its batch, for the pay screen's receipt, which asks again until it settles.
 */
import { json } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { getOrder } from "$lib/server/orders.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, locals }) => {
  const orderId = requireHexId(params.orderId, "payment order");
  const o = await fromIndexer(`payment order ${orderId}`, () => getOrder(indexerFor(locals), orderId));
  return json({ orderId: o.orderId, status: o.status, txId: o.txId, height: o.height, reason: o.reason }, { headers: { "cache-control": "no-store" } });
};
