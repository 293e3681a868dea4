/**
 * `GET /communities/{communityId}/dashboard/categories`, `.../dashboard/market-share` and
 * `.../dashboard/top-traders`: the marketplace dashboard's tables (docs/marketplace.md), each also
 * as CSV. Active and new members per week are the statistics' (`/stats?interval=week`), the shops
 * `/communities/{communityId}/shops`.
 */
import type { FastifyPluginAsync } from "fastify";
import { CATEGORIES } from "../../../contracts/market/listing.ts";
import { STATS_INTERVALS, type StatsInterval } from "../../db/queries/buckets.ts";
import { marketShare, topTraders, tradeByCategory, type CategoryTradeView, type MarketShareView, type TraderView } from "../../db/queries/dashboard.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, idParams, listResponses, query, record, timeMs, type Format } from "../schemas.ts";

/** One category's row of `/dashboard/categories`. */
export const categorySchema = record({
  category: { type: "string", enum: [...CATEGORIES] },
  activeListings: { ...count, description: "listings of the category active now" },
  payments: { ...count, description: "payment transactions that named a listing of the category" },
  volume: { ...amount, description: "units those payments paid the listings' authors" },
});

/** One bucket of `/dashboard/market-share`. */
export const shareSchema = record({
  start: { ...timeMs, description: "bucket start (UTC), inclusive" },
  end: { ...timeMs, description: "bucket end (UTC), exclusive" },
  payments: { ...count, description: "payment transactions in the community" },
  marketPayments: { ...count, description: "of which named a listing" },
  volume: { ...amount, description: "units moved" },
  marketVolume: { ...amount, description: "units paid to listings' authors for their listings" },
});

/** One member of `/dashboard/top-traders`. */
export const traderSchema = record({
  accountId: hexId,
  paid: amount,
  received: amount,
  traded: { ...amount, description: "paid + received: the ranking" },
  payments: { ...count, description: "payment transactions it took part in" },
  counterparties: { ...count, description: "distinct members it paid or was paid by" },
});

export const CATEGORY_COLUMNS = fields<CategoryTradeView>("category", "activeListings", "payments", "volume");
export const SHARE_COLUMNS = fields<MarketShareView>("start", "end", "payments", "marketPayments", "volume", "marketVolume");
export const TRADER_COLUMNS = fields<TraderView>("accountId", "paid", "received", "traded", "payments", "counterparties");

const DAY_MS = 86_400_000;

export const dashboardRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    const tags = ["communities"];
    const params = idParams("communityId");
    type Params = { communityId: string };

    app.get<{ Params: Params; Querystring: { format: Format } }>(
      "/communities/:communityId/dashboard/categories",
      {
        schema: {
          summary: "Trade through the marketplace by listing category, every category listed",
          tags, params, querystring: query({ format }),
          response: listResponses(record({ communityId: hexId, items: { type: "array", items: categorySchema } }), CATEGORY_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const items = found(await tradeByCategory(db, communityId), "community", communityId);
        return sendList(reply, request.query.format, CATEGORY_COLUMNS, items, { communityId, items });
      },
    );

    app.get<{ Params: Params; Querystring: { interval: StatsInterval; format: Format } }>(
      "/communities/:communityId/dashboard/market-share",
      {
        schema: {
          summary: "The marketplace's share of the community's trade, in UTC calendar buckets from its creation",
          tags, params,
          querystring: query({ interval: { type: "string", enum: [...STATS_INTERVALS], default: "week", description: "week: ISO weeks, from Monday" }, format }),
          response: listResponses(record({ communityId: hexId, interval: { type: "string", enum: [...STATS_INTERVALS] }, items: { type: "array", items: shareSchema } }), SHARE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const { interval, format } = request.query;
        const items = found(await marketShare(db, communityId, interval), "community", communityId);
        return sendList(reply, format, SHARE_COLUMNS, items, { communityId, interval, items });
      },
    );

    app.get<{ Params: Params; Querystring: { days: number; limit: number; format: Format } }>(
      "/communities/:communityId/dashboard/top-traders",
      {
        schema: {
          summary: "The members who traded most (paid + received) in the last days, by block time",
          tags, params,
          querystring: query({
            days: { type: "integer", minimum: 1, maximum: 36_500, default: 30, description: "the window: this many days before the latest indexed block" },
            limit: { type: "integer", minimum: 1, maximum: 100, default: 10 },
            format,
          }),
          response: listResponses(record({ communityId: hexId, days: count, since: timeMs, items: { type: "array", items: traderSchema } }), TRADER_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const { days, limit, format } = request.query;
        const tip = await db.selectFrom("blocks").select("timestamp").orderBy("height", "desc").limit(1).executeTakeFirst();
        const since = Math.max(0, Number(tip?.timestamp ?? 0) - days * DAY_MS);
        const items = found(await topTraders(db, communityId, since, limit), "community", communityId);
        return sendList(reply, format, TRADER_COLUMNS, items, { communityId, days, since, items });
      },
    );
  };
