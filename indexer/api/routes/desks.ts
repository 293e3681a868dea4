/**
 * Exchange desks (docs/desk.md): `GET /communities/{communityId}/desk`, its `/trades`, `/history`
 * and `/events`, and `GET /accounts/{accountId}/desk-trades`. A community without a desk is a 404
 * on each of its desk routes; an account that never traded gets an empty list.
 */
import type { FastifyPluginAsync } from "fastify";
import { accountExists } from "../../db/queries/common.ts";
import { deskEvents, deskStates, getDesk, listDeskTrades, type DeskEventView, type DeskStateView, type DeskTradeView } from "../../db/queries/desks.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList, type Column } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, height, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

const TERM_KEYS = ["rateNum", "rateDen", "buyFeeBps", "sellFeeBps", "issueLimit", "periodBlocks", "memberLimit", "noticeBlocks", "maxOracleAge", "maxUnits"] as const;
const oracleNft = { type: "string", pattern: "^([0-9a-f]{64})?$", description: "the ERG/USD oracle pool's NFT, or empty for a fixed rate" } as const;

export const deskTermsSchema = record(
  { ...Object.fromEntries(TERM_KEYS.map((k) => [k, amount])) as Record<(typeof TERM_KEYS)[number], typeof amount>, oracleNft },
  "rateNum units for rateDen × price nanoERG (price 1 at a fixed rate, else the oracle's nanoERG per USD); fees in basis points; limits in units; periods and notice in blocks",
);
const ratio = { type: "string", pattern: "^[0-9]+\\.[0-9]{4}$", description: "reserve / cover, 4 decimals rounded down" } as const;

export const deskSchema = record({
  deskId: { ...hexId, description: "R7: the community box its opening spent; the desk's name as a counterparty in payment legs" },
  communityId: hexId, boxId: { ...hexId, description: "the live desk box" }, openedHeight: height,
  terms: { ...deskTermsSchema, description: "R4: the terms written in the box" },
  activeTerms: { ...deskTermsSchema, description: "the terms a transaction in the next block is judged by (an announced change may be due)" },
  pending: { ...nullable(record({ terms: deskTermsSchema, effectiveHeight: amount })), description: "R8: an announced change and the height it takes effect, or null" },
  balance: { ...amount, description: "R5: minus the units outstanding" },
  outstandingUnits: amount,
  reserveNanoErg: amount,
  coverNanoErg: { ...nullable(amount), description: "what buying back every outstanding unit at the active sell price would pay; null for an oracle desk with no price known" },
  coverageRatio: { ...nullable(ratio), description: "reserve / cover; null when nothing is outstanding or the cover is unknown" },
  lastPrice: { ...nullable(amount), description: "the price of the last trade (1 at a fixed rate, else nanoERG per USD); null before a trade" },
  trades: count, bought: { ...amount, description: "units members bought, in all" }, sold: { ...amount, description: "units members sold back, in all" },
});

const side = { type: "string", enum: ["buy", "sell"] } as const;
export const deskTradeSchema = record({
  txId: hexId, height, timestamp: timeMs, deskId: hexId, communityId: hexId, side, accountId: hexId,
  units: amount, nanoErg: { ...amount, description: "into the reserve (buy) or out of it to the seller (sell)" },
  price: { ...nullable(amount), description: "1 at a fixed rate, else the oracle pool box's nanoERG per USD; null when the pool box was not seen" },
  oracleBoxId: nullable(hexId),
  feeNanoErg: { ...nullable(amount), description: "a buy's payment above the units' worth (rounded up), a sell's worth (rounded down) above its payout; null without a price" },
});
export const deskStateSchema = record({
  version: { type: "integer", minimum: 0, description: "0 for the opening's box" }, boxId: hexId, txId: hexId, height, timestamp: timeMs,
  balance: amount, outstandingUnits: amount, reserveNanoErg: amount,
  coverNanoErg: { ...nullable(amount), description: "at the terms active at that height and the oracle price known then" },
  coverageRatio: nullable(ratio),
});
export const deskEventSchema = record({
  txId: hexId, height, timestamp: timeMs,
  kind: { type: "string", enum: ["opened", "deposit", "withdraw", "refresh", "announce", "cancel", "applied", "committee"] },
  nanoErg: { ...nullable(amount), description: "the reserve's change: opened (the first reserve), deposit, withdraw (negative), refresh (0)" },
  terms: { ...nullable(deskTermsSchema), description: "opened: the terms; announce, cancel, applied: the change's terms" },
  effectiveHeight: { ...nullable(amount), description: "announce, cancel, applied: the height the change takes (took) effect" },
  committee: { ...nullable({ type: "string" }), description: "committee: the new committee (SigmaProp hex)" },
});

const termColumns = <T extends { terms: DeskEventView["terms"] }>(): Column<T>[] =>
  [...TERM_KEYS, "oracleNft" as const].map((k) => ({ name: k, get: (r: T) => r.terms?.[k] ?? null }));

export const DESK_TRADE_COLUMNS = fields<DeskTradeView>("txId", "height", "timestamp", "side", "accountId", "units", "nanoErg", "price", "oracleBoxId", "feeNanoErg", "deskId", "communityId");
export const DESK_STATE_COLUMNS = fields<DeskStateView>("version", "height", "timestamp", "txId", "boxId", "balance", "outstandingUnits", "reserveNanoErg", "coverNanoErg", "coverageRatio");
export const DESK_EVENT_COLUMNS: Column<DeskEventView>[] = [
  ...fields<DeskEventView>("txId", "height", "timestamp", "kind", "nanoErg", "effectiveHeight", "committee"), ...termColumns<DeskEventView>(),
];

interface TradeQuery extends PageQuery {
  side?: "buy" | "sell";
  account?: string;
  before?: number;
}
const tradeFilters = { side: { ...side, description: "only buys or only sells" }, before: { ...height, description: "only trades below this height" } };

export const deskRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string } }>(
      "/communities/:communityId/desk",
      { schema: { summary: "A community's exchange desk: terms, pending change, units outstanding, reserve, cover and coverage, trade totals", tags: ["desk"], params: idParams("communityId"), querystring: query({}), response: jsonResponses(deskSchema) } },
      async (request) => {
        const id = request.params.communityId.toLowerCase();
        return found(await getDesk(db, id), "desk of community", id);
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: TradeQuery }>(
      "/communities/:communityId/desk/trades",
      {
        schema: {
          summary: "The trades of a community's desk, newest first", tags: ["desk"], params: idParams("communityId"),
          querystring: query({ ...tradeFilters, account: { ...hexId, description: "only this account's trades" }, ...paging, format }),
          response: listResponses(pagedList(deskTradeSchema), DESK_TRADE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format, side, account, before } = request.query;
        found(await getDesk(db, id), "desk of community", id);
        const page = await listDeskTrades(db, { communityId: id, side, before, ...(account ? { accountId: account.toLowerCase() } : {}) }, { limit, offset });
        return sendList(reply, format, DESK_TRADE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: PageQuery }>(
      "/communities/:communityId/desk/history",
      {
        schema: {
          summary: "A desk's reserve, units outstanding and coverage after each of its boxes, oldest first", tags: ["desk"], params: idParams("communityId"),
          querystring: query({ ...paging, format }), response: listResponses(pagedList(deskStateSchema), DESK_STATE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await deskStates(db, id, { limit, offset }), "desk of community", id);
        return sendList(reply, format, DESK_STATE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: PageQuery }>(
      "/communities/:communityId/desk/events",
      {
        schema: {
          summary: "A desk's opening, deposits, withdrawals, announced changes with their effective heights, cancellations, changes applied, committee changes; newest first",
          tags: ["desk"], params: idParams("communityId"), querystring: query({ ...paging, format }),
          response: listResponses(pagedList(deskEventSchema), DESK_EVENT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await deskEvents(db, id, { limit, offset }), "desk of community", id);
        return sendList(reply, format, DESK_EVENT_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: Omit<TradeQuery, "account"> }>(
      "/accounts/:accountId/desk-trades",
      {
        schema: {
          summary: "An account's trades with its community's desk, newest first", tags: ["desk"], params: idParams("accountId"),
          querystring: query({ ...tradeFilters, ...paging, format }), response: listResponses(pagedList(deskTradeSchema), DESK_TRADE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format, side, before } = request.query;
        found((await accountExists(db, id)) || undefined, "account", id);
        const page = await listDeskTrades(db, { accountId: id, side, before }, { limit, offset });
        return sendList(reply, format, DESK_TRADE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
