/** `GET /communities/{communityId}/compromises`: what broke a community's guarantees. */
import type { FastifyPluginAsync } from "fastify";
import { listCompromises, type CompromiseView } from "../../db/queries/compromises.ts";
import { COMPROMISE_KINDS } from "../../db/schema.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { format, hexId, height, idParams, listResponses, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

/** The kinds, for schemas that list them. */
export const compromiseKind = {
  type: "string",
  enum: [...COMPROMISE_KINDS],
  description: "escaped-unit: a unit of the token in a box that is no community or account box the indexer accepts; forged-account: an account box whose accountId no input or join gave it; rent-spend: a community or account box spent by storage rent",
} as const;

export const compromiseSchema = record({
  communityId: hexId,
  kind: compromiseKind,
  txId: { ...hexId, description: "the transaction that did it" },
  height,
  timestamp: timeMs,
  boxId: { ...hexId, description: "the output holding the unit or the forged account; for rent-spend, the spent box" },
  detail: { type: "string", description: "what happened; for rent-spend, whether the successor kept every register, token and script (benign)" },
});

/** CSV columns, in this order. */
export const COMPROMISE_COLUMNS = fields<CompromiseView>("kind", "txId", "height", "timestamp", "boxId", "detail", "communityId");

export const compromiseRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: PageQuery }>(
      "/communities/:communityId/compromises",
      {
        schema: {
          summary: "A community's compromise flags, oldest first (empty for a sound community)",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(compromiseSchema), COMPROMISE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await listCompromises(db, id, { limit, offset }), "community", id);
        return sendList(reply, format, COMPROMISE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
