/** `POST /orders`, `GET /orders` and `GET /orders/{orderId}`: payment orders (contract version 5, docs/batches.md). */
import type { FastifyPluginAsync } from "fastify";
import { getOrder, listOrders, ORDER_STATUSES, type OrderStatus, type OrderView } from "../../db/queries/orders.ts";
import type { ApiContext } from "../context.ts";
import { sendList, type Column } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import { MAX_ORDERS, takeOrders } from "../order-intake.ts";
import { amount, count, format, hexId, height, idParams, jsonResponses, listResponses, nullable, order, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

export const signatureSchema = record({
  commitment: { type: "string", pattern: "^[0-9a-f]{66}$", description: "the Schnorr commitment a: a compressed secp256k1 point (33 bytes, hex; 33 zero bytes for the point at infinity)" },
  response: { type: "string", pattern: "^[0-9]{1,78}$", description: "the response z, below 2^255, in decimal" },
}, "the payer key's Schnorr signature of the order's message (docs/batches.md)");

export const orderSchema = record({
  orderId: { ...hexId, description: "blake2b256 of the signed message: the same id wherever the order goes" },
  communityId: hexId,
  payer: { ...hexId, description: "the paying accountId" },
  payee: { ...hexId, description: "the paid accountId" },
  amount: { ...amount, description: "units the payee receives" },
  seq: { ...amount, description: "the order's number among the payer's: it settles when the payer's nextSeq reaches it" },
  expiry: { ...amount, description: "the last height at which it may be settled" },
  signature: signatureSchema,
  status: {
    type: "string", enum: [...ORDER_STATUSES],
    description: "pending: waiting for a settlement; submitted: a settlement carrying it waits in the node's mempool; settled; void: its number was passed (settled under another order with the same number, or revoked) or an account closed; expired",
  },
  txId: { ...nullable(hexId), description: "the settlement that carried it (settled) or carries it (submitted); null otherwise" },
  height: { ...nullable(height), description: "the height it was settled at; null unless settled" },
  reason: { ...nullable({ type: "string" }), description: "why it is not settled: for void and expired, why; for pending, why the settlement service last left it out (its credit, a payee's cap, an earlier order missing); null otherwise" },
  receivedAt: { ...nullable(timeMs), description: "when this indexer received it; null for an order known only from a settlement on chain" },
});

/** CSV columns of order lists, in this order. */
export const ORDER_COLUMNS: Column<OrderView>[] = [
  ...(["orderId", "communityId", "payer", "payee", "amount", "seq", "expiry", "status", "txId", "height", "reason", "receivedAt"] as const).map((name) => ({
    name, get: (o: OrderView) => o[name],
  })),
  { name: "commitment", get: (o) => o.signature.commitment },
  { name: "response", get: (o) => o.signature.response },
];

/**
 * What may be posted. Nothing here has a `type`: each item is read strictly by the route and a bad
 * one refused with its reason, while a typed schema would have fastify's validator coerce or refuse
 * the whole body (it turns a one-item list into its item). So these only document.
 */
const postedOrderSchema = {
  description: "an order as JSON (an object with exactly these fields, every number a decimal string)",
  properties: {
    communityId: { description: "64 hex digits, lowercase" },
    payer: { description: "the paying accountId: 64 hex digits, lowercase" },
    payee: { description: "the paid accountId: 64 hex digits, lowercase" },
    amount: { description: "a positive whole number of units, as a decimal string" },
    seq: { description: "the order's number, as a decimal string" },
    expiry: { description: "the last height at which it may be settled, as a decimal string" },
    signature: { description: "{ commitment: 33 bytes hex, response: decimal below 2^255 }" },
  },
} as const;
const postedTextSchema = { description: "or an order's text form: 'lets-order:' and the base64url of its JSON" } as const;
const postedListSchema = { description: `or a list of up to ${MAX_ORDERS} of either`, items: { anyOf: [postedOrderSchema, postedTextSchema] } } as const;

const intakeSchema = record({
  accepted: { ...count, description: "orders kept and waiting for a settlement (newly, or already)" },
  added: { ...count, description: "orders this request added" },
  refused: count,
  items: {
    type: "array",
    description: "one per order posted, in order",
    items: record({
      index: { type: "integer", minimum: 0, description: "its place in the request" },
      orderId: { ...nullable(hexId), description: "its id; null when it could not be read" },
      accepted: { type: "boolean" },
      added: { type: "boolean", description: "whether this request added it (false when it was kept already, or refused)" },
      reason: { ...nullable({ type: "string" }), description: "why it was refused; null when accepted" },
    }),
  },
});

interface OrderQuery extends PageQuery {
  account?: string;
  community?: string;
  status?: OrderStatus;
  order: "asc" | "desc";
}

/** The items of a posted body: one order (JSON or text), a list of them, or text with one order per line. */
function itemsOf(body: unknown, contentType: string | undefined): unknown[] {
  if (typeof body === "string" && (contentType ?? "").startsWith("text/plain")) return body.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (Array.isArray(body)) return body;
  if (body === undefined || body === null) throw badRequest("the body must be an order, its text form, or a list of them");
  return [body];
}

export const orderRoutes =
  ({ db, onOrders }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.post<{ Body: unknown }>(
      "/orders",
      {
        schema: {
          summary: "Hands signed payment orders to the indexer's settlement service: each is checked and kept (once per order id), or refused with its reason",
          description: `The body is one order (JSON), its text form, or a JSON list of up to ${MAX_ORDERS} of either; or text/plain with one text form per line`,
          tags: ["orders"],
          consumes: ["application/json", "text/plain"],
          body: { anyOf: [postedOrderSchema, postedTextSchema, postedListSchema] },
          querystring: query({}),
          response: jsonResponses(intakeSchema),
        },
      },
      async (request) => {
        const items = itemsOf(request.body, request.headers["content-type"]);
        if (items.length > MAX_ORDERS) throw badRequest(`at most ${MAX_ORDERS} orders per request`);
        const results = await takeOrders(db, items, Date.now());
        const added = results.filter((r) => r.added).length;
        if (added > 0) onOrders?.();
        const accepted = results.filter((r) => r.accepted).length;
        return { accepted, added, refused: results.length - accepted, items: results };
      },
    );

    app.get<{ Querystring: OrderQuery }>(
      "/orders",
      {
        schema: {
          summary: "Payment orders: those posted here and those settlements carried, by account, community and status, paged",
          tags: ["orders"],
          querystring: query({
            account: { ...hexId, description: "only orders this account pays or receives" },
            community: { ...hexId, description: "only orders of this community" },
            status: { type: "string", enum: [...ORDER_STATUSES], description: "only orders in this status (default: all)" },
            order: { ...order, description: "by the height it settled at (else the tip when it came), then payer and number" },
            ...paging,
            format,
          }),
          response: listResponses(pagedList(orderSchema), ORDER_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { format, account, community, ...rest } = request.query;
        const listing = { ...rest, ...(account ? { account: account.toLowerCase() } : {}), ...(community ? { community: community.toLowerCase() } : {}) };
        const page = await listOrders(db, listing);
        return sendList(reply, format, ORDER_COLUMNS, page.items, { ...page, limit: listing.limit, offset: listing.offset });
      },
    );

    app.get<{ Params: { orderId: string } }>(
      "/orders/:orderId",
      {
        schema: {
          summary: "One payment order and what became of it",
          tags: ["orders"],
          params: idParams("orderId"),
          querystring: query({}),
          response: jsonResponses(orderSchema),
        },
      },
      async (request) => {
        const id = request.params.orderId.toLowerCase();
        return found(await getOrder(db, id), "payment order", id);
      },
    );
  };
