/** `GET /accounts/{accountId}/history`: an account's balance over time. */
import type { FastifyPluginAsync } from "fastify";
import { balanceHistory, type BalancePointView } from "../../db/queries/balance-history.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, format, hexId, height, idParams, listResponses, order, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

/** One point of `/accounts/{accountId}/history`. */
export const balancePointSchema = record({
  height,
  timestamp: timeMs,
  txId: { ...hexId, description: "the transaction that left this balance (the account's last in that block)" },
  balance: amount,
  kind: { type: "string", enum: ["join", "payment", "leave", "default", "close", "sweep"] },
});

/** CSV columns, in this order. */
export const HISTORY_COLUMNS = fields<BalancePointView>("height", "timestamp", "txId", "balance", "kind");

export const historyRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { accountId: string }; Querystring: PageQuery & { order: "asc" | "desc" } }>(
      "/accounts/:accountId/history",
      {
        schema: {
          summary: "An account's balance after each block that changed it, from the join to the close",
          tags: ["accounts"],
          params: idParams("accountId"),
          querystring: query({ order: { ...order, default: "asc", description: "by height" }, ...paging, format }),
          response: listResponses(pagedList(balancePointSchema), HISTORY_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { format, ...listing } = request.query;
        const page = found(await balanceHistory(db, id, listing), "account", id);
        return sendList(reply, format, HISTORY_COLUMNS, page.items, { ...page, limit: listing.limit, offset: listing.offset });
      },
    );
  };
