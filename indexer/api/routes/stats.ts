/** `GET /communities/{communityId}/stats?interval=day|week|month`. */
import type { FastifyPluginAsync } from "fastify";
import { communityStats, STATS_INTERVALS, type StatsBucketView, type StatsInterval } from "../../db/queries/stats.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, idParams, listResponses, query, record, timeMs, type Format } from "../schemas.ts";

export const bucketSchema = record({
  start: { ...timeMs, description: "bucket start (UTC), inclusive" },
  end: { ...timeMs, description: "bucket end (UTC), exclusive" },
  payments: { ...count, description: "payment transactions (a payment to two payees counts once)" },
  volume: { ...amount, description: "units moved" },
  activeMembers: { ...count, description: "distinct accounts that paid or were paid" },
  newMembers: { ...count, description: "joins" },
  moneySupply: { ...amount, description: "sum of positive balances after the bucket's last block" },
  creditInUse: { ...amount, description: "minus the sum of negative balances after the bucket's last block" },
});

/** CSV columns of stats, in this order. */
export const STATS_COLUMNS = fields<StatsBucketView>("start", "end", "payments", "volume", "activeMembers", "newMembers", "moneySupply", "creditInUse");

export const statsRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: { interval: StatsInterval; format: Format } }>(
      "/communities/:communityId/stats",
      {
        schema: {
          summary: "A community over time, in UTC calendar buckets from its creation to the latest indexed block",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({
            interval: { type: "string", enum: [...STATS_INTERVALS], default: "day", description: "week: ISO weeks, from Monday" },
            format,
          }),
          response: listResponses(
            record({ communityId: hexId, interval: { type: "string", enum: [...STATS_INTERVALS] }, items: { type: "array", items: bucketSchema } }),
            STATS_COLUMNS.map((c) => c.name),
          ),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const { interval, format } = request.query;
        const items = found(await communityStats(db, communityId, interval), "community", communityId);
        return sendList(reply, format, STATS_COLUMNS, items, { communityId, interval, items });
      },
    );
  };
