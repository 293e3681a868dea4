/** `GET /market/refusals` (counts by note and reason) and `GET /market/refusals/notes` (the rows): marketplace notes not taken. */
import type { FastifyPluginAsync } from "fastify";
import { refusalCounts, refusals, type RefusalCountView, type RefusalView } from "../../db/queries/market-refusals.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { count, format, hexId, height, listResponses, pagedList, paging, query, record, type PageQuery } from "../schemas.ts";

const note = { type: "string", enum: ["listing", "review", "shop", "listing-ref"], description: "the marketplace note refused" } as const;

export const refusalCountSchema = record({ note, reason: { type: "string" }, count });

export const refusalSchema = record({
  note,
  reason: { type: "string" },
  txId: hexId,
  boxId: { ...hexId, description: "the account input that carried it" },
  accountId: hexId,
  height,
});

const COUNT_COLUMNS = fields<RefusalCountView>("note", "reason", "count");
const REFUSAL_COLUMNS = fields<RefusalView>("note", "reason", "txId", "boxId", "accountId", "height");

export const marketRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: PageQuery }>(
      "/market/refusals",
      {
        schema: {
          summary: "Refused marketplace notes counted by note and reason, most frequent first",
          tags: ["marketplace"],
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(refusalCountSchema), COUNT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format } = request.query;
        const page = await refusalCounts(db, { limit, offset });
        return sendList(reply, format, COUNT_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Querystring: PageQuery }>(
      "/market/refusals/notes",
      {
        schema: {
          summary: "Every refused marketplace note with its reason, newest first",
          tags: ["marketplace"],
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(refusalSchema), REFUSAL_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format } = request.query;
        const page = await refusals(db, { limit, offset });
        return sendList(reply, format, REFUSAL_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
