/** `GET /communities/{communityId}/network`: the payment graph as an edge list. */
import type { FastifyPluginAsync } from "fastify";
import { paymentNetwork, type EdgeView } from "../../db/queries/network.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, idParams, listResponses, query, range, rangeOf, record, type Format, type RangeQuery } from "../schemas.ts";

export const edgeSchema = record({
  source: { ...hexId, description: "the paying accountId" },
  target: { ...hexId, description: "the paid accountId" },
  amount: { ...amount, description: "units that flowed from source to target" },
  count: { ...count, description: "payment legs" },
});

/** CSV columns of the edge list, in this order. */
export const EDGE_COLUMNS = fields<EdgeView>("source", "target", "amount", "count");

export const networkRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: RangeQuery & { format: Format } }>(
      "/communities/:communityId/network",
      {
        schema: {
          summary: "Who paid whom in a community over a height or time range: one edge per (payer, payee)",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({ ...range, format }),
          response: listResponses(record({ communityId: hexId, items: { type: "array", items: edgeSchema } }), EDGE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const edges = await paymentNetwork(db, communityId, rangeOf(request.query));
        const items = found(edges, "community", communityId);
        return sendList(reply, request.query.format, EDGE_COLUMNS, items, { communityId, items });
      },
    );
  };
