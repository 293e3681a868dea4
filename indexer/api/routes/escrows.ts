/**
 * Escrows for post-factum payments (docs/escrow.md): `GET /communities/{communityId}/escrows`,
 * `/communities/{communityId}/escrow-orders`, `/accounts/{accountId}/escrow-orders` and
 * `/escrow-orders/{orderId}`. An order's id is the box id of the open escrow box its commit created.
 */
import type { FastifyPluginAsync } from "fastify";
import { accountExists, communityExists } from "../../db/queries/common.ts";
import {
  getEscrowOrder, listAccountEscrowOrders, listCommunityEscrowOrders, listEscrows, type AccountEscrowOrderView, type EscrowOrderView, type EscrowView,
} from "../../db/queries/escrows.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, format, height, hexId, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

const outcome = {
  type: ["string", "null"],
  enum: ["released", "refunded", "claimed", null],
  description:
    "null while open; refunded: nothing reached the payee and the payee signed before the deadline; claimed: settled after the deadline at exactly the minimum without the payer; else released",
} as const;

export const escrowSchema = record({
  escrowId: { ...hexId, description: "R7: the community box its opening spent; the escrow's name as a counterparty in payment legs" },
  communityId: hexId,
  owner: { type: "string", pattern: "^[0-9a-f]+$", description: "R8: the owner's key, a serialized SigmaProp (hex)" },
  accountId: { ...hexId, description: "the account of the member who opened it" },
  boxId: { ...hexId, description: "the live escrow box, or the last one once closed" },
  depositNanoErg: { ...amount, description: "the ERG the escrow box holds" },
  balance: { ...amount, description: "R5: the units of the open order, 0 when idle" },
  openOrderId: { ...nullable(hexId), description: "the order it holds, or null when idle" },
  openedHeight: height,
  openedTxId: hexId,
  openedTimestamp: timeMs,
  closedHeight: nullable(height),
  closedTxId: nullable(hexId),
});

export const escrowOrderSchema = record({
  orderId: { ...hexId, description: "the box id of the open escrow box its commit created" },
  escrowId: hexId,
  communityId: hexId,
  payerId: hexId,
  payeeId: hexId,
  maxUnits: { ...amount, description: "units committed: the most the payee can receive" },
  minimumUnits: { ...amount, description: "units anyone may settle to the payee once the deadline has passed" },
  deadline: { type: "integer", minimum: 0, description: "the height after which anyone may settle at the minimum" },
  reference: { type: "string", pattern: "^([0-9a-f]{2}){0,64}$", description: "R9: up to 64 bytes (hex) naming what was ordered" },
  committedHeight: height,
  committedTxId: hexId,
  committedTimestamp: timeMs,
  status: { type: "string", enum: ["open", "settled"] },
  settledHeight: nullable(height),
  settledTxId: nullable(hexId),
  settledTimestamp: nullable(timeMs),
  releasedUnits: { ...nullable(amount), description: "units the settlement gave the payee; null while open" },
  returnedUnits: { ...nullable(amount), description: "units the settlement gave back to the payer; null while open" },
  outcome,
});

export const accountEscrowOrderSchema = record({
  ...escrowOrderSchema.properties,
  role: { type: "string", enum: ["payer", "payee"], description: "the account's side of the order" },
});

const ORDER_FIELDS = [
  "orderId", "escrowId", "communityId", "payerId", "payeeId", "maxUnits", "minimumUnits", "deadline", "reference", "committedHeight", "committedTxId", "committedTimestamp",
  "status", "settledHeight", "settledTxId", "settledTimestamp", "releasedUnits", "returnedUnits", "outcome",
] as const;
export const ESCROW_COLUMNS = fields<EscrowView>(
  "escrowId", "communityId", "owner", "accountId", "boxId", "depositNanoErg", "balance", "openOrderId", "openedHeight", "openedTxId", "openedTimestamp", "closedHeight", "closedTxId",
);
export const ESCROW_ORDER_COLUMNS = fields<EscrowOrderView>(...ORDER_FIELDS);
export const ACCOUNT_ESCROW_ORDER_COLUMNS = fields<AccountEscrowOrderView>("role", ...ORDER_FIELDS);

interface OrderQuery extends PageQuery {
  status?: "open" | "settled";
}
const status = { type: "string", enum: ["open", "settled"], description: "only open or only settled orders" } as const;

export const escrowRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: PageQuery }>(
      "/communities/:communityId/escrows",
      {
        schema: {
          summary: "A community's escrows for post-factum payments, newest opened first", tags: ["escrow"], params: idParams("communityId"),
          querystring: query({ ...paging, format }), response: listResponses(pagedList(escrowSchema), ESCROW_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format } = request.query;
        found((await communityExists(db, id)) || undefined, "community", id);
        const page = await listEscrows(db, id, { limit, offset });
        return sendList(reply, format, ESCROW_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: OrderQuery }>(
      "/communities/:communityId/escrow-orders",
      {
        schema: {
          summary: "A community's escrow orders and how each was settled, newest committed first", tags: ["escrow"], params: idParams("communityId"),
          querystring: query({ status, ...paging, format }), response: listResponses(pagedList(escrowOrderSchema), ESCROW_ORDER_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format, status } = request.query;
        found((await communityExists(db, id)) || undefined, "community", id);
        const page = await listCommunityEscrowOrders(db, id, status, { limit, offset });
        return sendList(reply, format, ESCROW_ORDER_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: OrderQuery }>(
      "/accounts/:accountId/escrow-orders",
      {
        schema: {
          summary: "The escrow orders an account pays (role payer) or is paid by (role payee), newest committed first", tags: ["escrow"], params: idParams("accountId"),
          querystring: query({ status, ...paging, format }), response: listResponses(pagedList(accountEscrowOrderSchema), ACCOUNT_ESCROW_ORDER_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format, status } = request.query;
        found((await accountExists(db, id)) || undefined, "account", id);
        const page = await listAccountEscrowOrders(db, id, status, { limit, offset });
        return sendList(reply, format, ACCOUNT_ESCROW_ORDER_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { orderId: string } }>(
      "/escrow-orders/:orderId",
      { schema: { summary: "An escrow order and how it was settled", tags: ["escrow"], params: idParams("orderId"), querystring: query({}), response: jsonResponses(escrowOrderSchema) } },
      async (request) => {
        const id = request.params.orderId.toLowerCase();
        return found(await getEscrowOrder(db, id), "escrow order", id);
      },
    );
  };
