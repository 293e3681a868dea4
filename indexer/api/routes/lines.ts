/**
 * Trade lines (docs/inter-lets.md): `GET /lines`, `/communities/{communityId}/lines`,
 * `/lines/{lineId}`, `/lines/{lineId}/history`, `/lines/{lineId}/payments`, and `/routes` (the
 * route a wallet would take between two communities, with a quote for an amount).
 */
import type { FastifyPluginAsync } from "fastify";
import { NoRoute } from "../../../contracts/errors.ts";
import { largestSendable, quoteHop, type HopQuote, type Line } from "../../../contracts/line/line.ts";
import { chooseShard, findRoute } from "../../../contracts/line/route.ts";
import { communityExists } from "../../db/queries/common.ts";
import {
  communityLines, getLine, lineHistory, linePayments, listLines, openLinesAndGateways,
  type CommunityLineView, type CrossPaymentView, type LineView,
} from "../../db/queries/lines.ts";
import { gatewayFromRow, lineFromRow } from "../../sync/records.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList, type Column } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import { amount, format, hexId, height, idParams, jsonResponses, listResponses, nullable, order, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

export const termsSchema = record({ rateNum: amount, rateDen: amount, capA: amount, capB: amount, feeA: amount, feeB: amount, shards: amount },
  "R5: 1 A-unit = rateNum/rateDen B-units; capA: how far A may go into deficit to B (B-units), capB the reverse (A-units); fees in basis points");
export const pendingSchema = {
  ...nullable(record({ proposerSide: { type: "integer", enum: [0, 1] }, kind: { type: "string", enum: ["terms", "close"] }, terms: nullable(termsSchema) })),
  description: "a change one committee proposed and the other may accept (R7), or null",
};
export const side = { type: "integer", enum: [0, 1], description: "0: community A (the proposer), 1: community B" } as const;
export const status = { type: "string", enum: ["proposed", "open", "closed"] } as const;

const lineProperties = {
  lineId: hexId, communityA: hexId, communityB: hexId, status, pausedA: { type: "boolean" }, pausedB: { type: "boolean" },
  terms: termsSchema, pending: pendingSchema, boxId: { ...hexId, description: "the live line box" },
  createdHeight: height, createdTxId: { ...hexId, description: "the propose transaction" },
  updatedHeight: height, updatedTxId: { ...hexId, description: "the transaction that made the live line box" },
  positionA: { ...amount, description: "A's trade position over its gateways (A-units; positive: A paid in, B's claim on A)" },
  positionB: { ...amount, description: "B's trade position over its gateways (B-units)" },
  feesHeldA: { ...amount, description: "fees A's gateways hold (A-units)" },
  feesHeldB: { ...amount, description: "fees B's gateways hold (B-units)" },
} as const;

export const lineSchema = record(lineProperties);
export const communityLineSchema = record({
  ...lineProperties,
  side,
  partnerCommunityId: hexId,
  position: { ...amount, description: "this community's trade position on the line, in its units" },
  feesHeld: { ...amount, description: "fees this community's gateways hold" },
});
const gatewaySchema = record({
  gatewayId: { type: "string", pattern: "^[0-9a-f]{68}$", description: "lineId ++ side ++ shard (34 bytes)" }, communityId: hexId, side,
  shard: { type: "integer", minimum: 0 }, balance: { ...amount, description: "position + fees held: what the community's books count" },
  feesHeld: amount, position: amount, boxId: hexId, updatedHeight: height,
});
export const lineDetailSchema = record({ ...lineProperties, gateways: { type: "array", items: gatewaySchema } });
export const hopSchema = record({
  lineId: hexId, shard: { type: "integer", minimum: 0 }, fromCommunityId: hexId, toCommunityId: hexId,
  sent: { ...amount, description: "units that crossed, in the sender's units" }, senderFee: amount,
  converted: { ...amount, description: "floor(sent × rate), in the receiver's units" }, receiverFee: amount,
  delivered: { ...amount, description: "converted - receiverFee: what reached the receiving community" },
});
export const crossPaymentSchema = record({
  txId: hexId, leg: { type: "integer", minimum: 0 }, height, timestamp: timeMs,
  payerCommunityId: hexId, payer: hexId, debit: { ...amount, description: "what the payer's balance fell by (fees included), in its units" },
  payeeCommunityId: hexId, payee: hexId, received: { ...amount, description: "what the payee's balance rose by, in its units" },
  lineIds: { type: "array", items: hexId }, hops: { type: "array", items: hopSchema },
});
/** What a transaction did to a line (its history's events, and a transaction's `lineEvents`). */
export const lineEventKind = {
  type: "string",
  enum: ["proposed", "accepted", "cancelled", "paused", "resumed", "change-proposed", "change-withdrawn", "change-accepted", "closed", "refreshed", "shard-refreshed"],
  description: "refreshed: the line box recreated unchanged; shard-refreshed: the ends of one shard (both, or A's alone when it has no B end)",
} as const;
/** The side whose committee acted on a line, or null (a refresh, by anyone): `null` is listed in the enum, else a validator refuses it. */
export const actingSide = { ...nullable(side), enum: [0, 1, null], description: "the side whose committee acted; null for a refresh" } as const;
/** The shard of a `shard-refreshed`. */
export const lineEventShard = { ...nullable({ type: "integer", minimum: 0 }), description: "the shard whose ends a shard-refreshed recreated; null for every other kind" } as const;
const eventSchema = record({
  txId: hexId, height, timestamp: timeMs,
  kind: lineEventKind,
  side: actingSide, shard: lineEventShard, status, pausedA: { type: "boolean" }, pausedB: { type: "boolean" },
  terms: termsSchema, pending: pendingSchema,
});
const positionSchema = record({ txId: hexId, height, side, shard: { type: "integer", minimum: 0 }, balance: amount, feesHeld: amount, position: amount });
export const lineHistorySchema = record({ lineId: hexId, events: { type: "array", items: eventSchema }, positions: { type: "array", items: positionSchema, description: "every gateway box of the line, oldest first: the positions over time" } });
const routeStepSchema = record({
  lineId: hexId, fromCommunityId: hexId, toCommunityId: hexId, fromSide: side, terms: termsSchema,
  shard: { ...nullable({ type: "integer", minimum: 0 }), description: "a shard whose receiving end stays within its cap for the quoted amount (the one with most room); null without an amount, or when none fits" },
  quote: nullable(record({ sent: amount, senderFee: amount, converted: amount, receiverFee: amount, delivered: amount })),
});
export const routeSchema = record({
  from: hexId, to: hexId, amount: nullable(amount),
  steps: { type: "array", items: routeStepSchema, description: "one or two lines, in order; empty when from = to" },
  debit: { ...nullable(amount), description: "what the payer pays for ?amount= (fees included); null without an amount" },
  received: { ...nullable(amount), description: "what the payee receives; null without an amount" },
});

const flat = <T extends object>(columns: Column<T>[]) => columns;
const TERMS_COLUMNS = ["rateNum", "rateDen", "capA", "capB", "feeA", "feeB", "shards"] as const;
const termsColumns = <T extends { terms: LineView["terms"] }>(): Column<T>[] => TERMS_COLUMNS.map((k) => ({ name: k, get: (r: T) => r.terms[k] }));
const pendingColumn = <T extends { pending: LineView["pending"] }>(): Column<T> => ({ name: "pending", get: (r: T) => r.pending });

export const LINE_COLUMNS = flat<LineView>([
  ...fields<LineView>("lineId", "communityA", "communityB", "status", "pausedA", "pausedB"), ...termsColumns<LineView>(), pendingColumn<LineView>(),
  ...fields<LineView>("positionA", "positionB", "feesHeldA", "feesHeldB", "boxId", "createdHeight", "createdTxId", "updatedHeight", "updatedTxId"),
]);
export const COMMUNITY_LINE_COLUMNS = flat<CommunityLineView>([
  ...fields<CommunityLineView>("lineId", "side", "partnerCommunityId", "status", "pausedA", "pausedB"), ...termsColumns<CommunityLineView>(),
  pendingColumn<CommunityLineView>(), ...fields<CommunityLineView>("position", "feesHeld", "communityA", "communityB", "positionA", "positionB", "feesHeldA", "feesHeldB", "boxId", "createdHeight", "updatedHeight"),
]);
export const CROSS_PAYMENT_COLUMNS = flat<CrossPaymentView>([
  ...fields<CrossPaymentView>("txId", "leg", "height", "timestamp", "payerCommunityId", "payer", "debit", "payeeCommunityId", "payee", "received"),
  { name: "lineIds", get: (r) => r.lineIds.join(" ") }, { name: "hops", get: (r) => r.hops },
]);

interface ListQuery extends PageQuery {
  status?: "proposed" | "open" | "closed";
}

const listQuery = query({ status: { ...status, description: "only lines in this state" }, ...paging, format });

export const lineRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: ListQuery }>(
      "/lines",
      { schema: { summary: "Every trade line, oldest first, with its current terms, state and positions", tags: ["lines"], querystring: listQuery, response: listResponses(pagedList(lineSchema), LINE_COLUMNS.map((c) => c.name)) } },
      async (request, reply) => {
        const { limit, offset, format, status } = request.query;
        const page = await listLines(db, { status }, { limit, offset });
        return sendList(reply, format, LINE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: ListQuery }>(
      "/communities/:communityId/lines",
      {
        schema: {
          summary: "A community's trade lines as it sees them: partner, rate, its position, caps, fees, status", tags: ["lines"],
          params: idParams("communityId"), querystring: listQuery, response: listResponses(pagedList(communityLineSchema), COMMUNITY_LINE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format, status } = request.query;
        found((await communityExists(db, id)) || undefined, "community", id);
        const page = await communityLines(db, id, { status }, { limit, offset });
        return sendList(reply, format, COMMUNITY_LINE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { lineId: string } }>(
      "/lines/:lineId",
      { schema: { summary: "A trade line: terms, state, pending change, each gateway's position per shard, each side's totals", tags: ["lines"], params: idParams("lineId"), querystring: query({}), response: jsonResponses(lineDetailSchema) } },
      async (request) => {
        const id = request.params.lineId.toLowerCase();
        return found(await getLine(db, id), "line", id);
      },
    );

    app.get<{ Params: { lineId: string } }>(
      "/lines/:lineId/history",
      { schema: { summary: "A trade line's events and its gateways' positions over time, oldest first", tags: ["lines"], params: idParams("lineId"), querystring: query({}), response: jsonResponses(lineHistorySchema) } },
      async (request) => {
        const id = request.params.lineId.toLowerCase();
        return found(await lineHistory(db, id), "line", id);
      },
    );

    app.get<{ Params: { lineId: string }; Querystring: PageQuery & { order: "asc" | "desc" } }>(
      "/lines/:lineId/payments",
      {
        schema: {
          summary: "The cross payments through a trade line (either way, one or two hops), newest first", tags: ["lines"], params: idParams("lineId"),
          querystring: query({ order: { ...order, description: "by height, then txId and leg" }, ...paging, format }),
          response: listResponses(pagedList(crossPaymentSchema), CROSS_PAYMENT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.lineId.toLowerCase();
        const { limit, offset, order, format } = request.query;
        const page = found(await linePayments(db, id, { limit, offset, order }), "line", id);
        return sendList(reply, format, CROSS_PAYMENT_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Querystring: { from: string; to: string; amount?: string } }>(
      "/routes",
      {
        schema: {
          summary: "The route a wallet would take from one community to another over open lines (one hop, or two through a shared partner, lowest fees first), with a quote for an amount",
          tags: ["lines"],
          querystring: {
            ...query({ from: { ...hexId, description: "the payer's community" }, to: { ...hexId, description: "the payee's community" }, amount: { type: "string", pattern: "^[0-9]{1,18}$", description: "units the payer sends, in its community's units (whole number > 0)" } }),
            required: ["from", "to"],
          },
          response: jsonResponses(routeSchema),
        },
      },
      async (request) => {
        const from = request.query.from.toLowerCase();
        const to = request.query.to.toLowerCase();
        const sent = request.query.amount === undefined ? undefined : BigInt(request.query.amount);
        if (sent === 0n) throw badRequest("amount must be above 0");
        for (const id of [from, to]) found((await communityExists(db, id)) || undefined, "community", id);
        const { lines: lineRows, gateways: gatewayRows } = await openLinesAndGateways(db);
        const lines = lineRows.map((r) => lineFromRow(r, r) as Line);
        const gateways = gatewayRows.map(gatewayFromRow) as Parameters<typeof chooseShard>[1][number][];
        let steps;
        try {
          steps = findRoute(lines, from, to);
        } catch (error) {
          if (error instanceof NoRoute) throw badRequest(`no route from community ${from} to community ${to} over open lines`);
          throw error;
        }
        let arriving = sent;
        const out = steps.map((step, i) => {
          let quote: HopQuote | null = null;
          if (arriving !== undefined) {
            if (i === 0) quote = quoteHop(step.line.terms, step.from, arriving);
            else {
              const forwarded = largestSendable(arriving, step.from === 0 ? step.line.terms.feeA : step.line.terms.feeB);
              quote = { ...quoteHop(step.line.terms, step.from, forwarded), senderFee: arriving - forwarded };
            }
            arriving = quote.delivered;
          }
          const shard = quote ? (chooseShard(step, gateways, quote.sent) ?? null) : null;
          const t = step.line.terms;
          return {
            lineId: step.line.lineId, fromSide: step.from, fromCommunityId: step.from === 0 ? step.line.communityA : step.line.communityB,
            toCommunityId: step.from === 0 ? step.line.communityB : step.line.communityA,
            terms: { rateNum: `${t.rateNum}`, rateDen: `${t.rateDen}`, capA: `${t.capA}`, capB: `${t.capB}`, feeA: `${t.feeA}`, feeB: `${t.feeB}`, shards: `${t.shards}` },
            shard, quote: quote && { sent: `${quote.sent}`, senderFee: `${quote.senderFee}`, converted: `${quote.converted}`, receiverFee: `${quote.receiverFee}`, delivered: `${quote.delivered}` },
          };
        });
        const first = out[0]?.quote;
        return {
          from, to, amount: sent === undefined ? null : `${sent}`, steps: out,
          debit: sent === undefined ? null : first ? `${BigInt(first.sent) + BigInt(first.senderFee)}` : `${sent}`,
          received: sent === undefined ? null : `${arriving}`,
        };
      },
    );
  };
