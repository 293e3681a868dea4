/**
 * `/api/orders`: payment orders for the pay screen (docs/batches.md).
 * - `GET ?account={accountId}`: the orders still waiting (pending, or submitted in a batch in the
 *   mempool) that the account pays or receives, amounts as decimal strings; the pay screen plans
 *   the next order's number and both balances from them.
 * - `POST` an order's JSON (`orderToJson`): read strictly (`orderFromJson`), then handed to the
 *   indexer's settlement service; answers `{ orderId, accepted, reason }`. The order is signed in the
 *   browser: no key reaches this server.
 */
import { error, json } from "@sveltejs/kit";
import { InvalidOrder, orderFromJson, orderToJson } from "$contracts/orders.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { listOrders, postOrder } from "$lib/server/orders.ts";
import type { RequestHandler } from "./$types";

const NO_STORE = { "cache-control": "no-store" };
/** More waiting orders than this for one account is beyond what the pay screen plans with. */
const MAX_WAITING = 1000;

export const GET: RequestHandler = async ({ url, locals }) => {
  const account = requireHexId(url.searchParams.get("account") ?? "", "account");
  const indexer = indexerFor(locals);
  const pages = await Promise.all(
    (["pending", "submitted"] as const).map((status) => fromIndexer("orders", () => listOrders(indexer, { account, status, limit: MAX_WAITING }))),
  );
  const items = pages.flatMap((p) => p.items).map((o) => ({
    orderId: o.orderId, payer: o.payer, payee: o.payee, amount: o.amount.toString(), seq: o.seq.toString(), expiry: o.expiry.toString(), status: o.status,
  }));
  return json(items, { headers: NO_STORE });
};

export const POST: RequestHandler = async ({ request, locals }) => {
  let order;
  try {
    order = orderFromJson(await request.json());
  } catch (cause) {
    if (cause instanceof InvalidOrder) error(400, cause.message);
    error(400, "the body must be a payment order's JSON");
  }
  const intake = await fromIndexer("orders", () => postOrder(indexerFor(locals), orderToJson(order)));
  return json(intake, { headers: NO_STORE });
};
