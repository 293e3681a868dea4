/** `GET /accounts/{accountId}/counterparties`: who an account traded with. */
import type { FastifyPluginAsync } from "fastify";
import { COUNTERPARTY_SORTS, listCounterparties, type CounterpartySort, type CounterpartyView } from "../../db/queries/counterparties.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, height, idParams, listResponses, order, pagedList, paging, query, record, type PageQuery } from "../schemas.ts";

/** One item of `/accounts/{accountId}/counterparties`. */
export const counterpartySchema = record({
  accountId: { ...hexId, description: "the other account" },
  owner: { type: "string", description: "its owner SigmaProp (hex)" },
  paid: { ...amount, description: "units this account paid them" },
  received: { ...amount, description: "units they paid this account" },
  net: { ...amount, description: "received - paid" },
  payments: { ...count, description: "payment legs between the two" },
  lastHeight: { ...height, description: "height of the latest of those legs" },
});

/** CSV columns, in this order. */
export const COUNTERPARTY_COLUMNS = fields<CounterpartyView>("accountId", "owner", "paid", "received", "net", "payments", "lastHeight");

interface CounterpartyQuery extends PageQuery {
  sort: CounterpartySort;
  order: "asc" | "desc";
}

export const counterpartyRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { accountId: string }; Querystring: CounterpartyQuery }>(
      "/accounts/:accountId/counterparties",
      {
        schema: {
          summary: "Everyone an account paid or was paid by, with the totals each way",
          tags: ["accounts"],
          params: idParams("accountId"),
          querystring: query({
            sort: { type: "string", enum: [...COUNTERPARTY_SORTS], default: "payments" },
            order: { ...order, description: "ties by accountId" },
            ...paging,
            format,
          }),
          response: listResponses(pagedList(counterpartySchema), COUNTERPARTY_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { format, ...listing } = request.query;
        const page = found(await listCounterparties(db, id, listing), "account", id);
        return sendList(reply, format, COUNTERPARTY_COLUMNS, page.items, { ...page, limit: listing.limit, offset: listing.offset });
      },
    );
  };
