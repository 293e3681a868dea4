/** `GET /communities/{communityId}/batches` and `GET /batches/{txId}`: batch settlements (contract version 5, docs/batches.md). */
import type { FastifyPluginAsync } from "fastify";
import { getBatch, listBatches, type BatchView } from "../../db/queries/batches.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { signatureSchema } from "./orders.ts";
import {
  amount, count, format, hexId, height, idParams, jsonResponses, listResponses, nullable, order, pagedList, paging, query, range, rangeOf, record, timeMs,
  type PageQuery, type RangeQuery,
} from "../schemas.ts";

const batchProperties = {
  txId: { ...hexId, description: "the settlement transaction" },
  height,
  timestamp: timeMs,
  communityId: hexId,
  batchBoxId: { ...hexId, description: "the batch box it spent as its first input" },
  orders: { ...count, description: "how many orders it settled" },
  total: { ...amount, description: "the units they moved" },
  settler: { ...nullable({ type: "string" }), description: "the single key its change went to (08cd + public key, as owners are written): who settled; null when none" },
} as const;

export const batchSchema = record(batchProperties);

/** One order a settlement carried, as its leg says. */
const batchLegSchema = record({
  leg: { type: "integer", minimum: 0, description: "its place among the settlement's legs (its payment leg has the same number)" },
  orderId: hexId,
  payer: hexId,
  payee: hexId,
  amount,
  seq: { ...amount, description: "the payer's nextSeq before the settlement plus the leg's offset" },
  expiry: amount,
  signature: signatureSchema,
});

export const batchDetailSchema = record({ ...batchProperties, legs: { type: "array", items: batchLegSchema, description: "the orders it settled, in leg order (by payer and number)" } });

/** CSV columns of a community's settlements, in this order. */
export const BATCH_COLUMNS = fields<BatchView>("txId", "height", "timestamp", "communityId", "batchBoxId", "orders", "total", "settler");

interface BatchQuery extends PageQuery, RangeQuery {
  order: "asc" | "desc";
}

export const batchRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: BatchQuery }>(
      "/communities/:communityId/batches",
      {
        schema: {
          summary: "A community's batch settlements, newest first, paged",
          tags: ["orders"],
          params: idParams("communityId"),
          querystring: query({ ...range, order: { ...order, description: "by height, then txId" }, ...paging, format }),
          response: listResponses(pagedList(batchSchema), BATCH_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, order, format } = request.query;
        const page = found(await listBatches(db, id, { ...rangeOf(request.query), limit, offset, order }), "community", id);
        return sendList(reply, format, BATCH_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { txId: string } }>(
      "/batches/:txId",
      {
        schema: {
          summary: "One confirmed batch settlement with the orders it carried",
          tags: ["orders"],
          params: idParams("txId"),
          querystring: query({}),
          response: jsonResponses(batchDetailSchema),
        },
      },
      async (request) => {
        const id = request.params.txId.toLowerCase();
        return found(await getBatch(db, id), "batch settlement", id);
      },
    );
  };
