/** `GET /communities/{communityId}/payments`, `GET /accounts/{accountId}/payments` and `GET /requests/{requestId}/payments`. */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { listPayments, type CrossLegView, type PaymentFilter, type PaymentView } from "../../db/queries/payments.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList, type Column } from "../csv.ts";
import { found } from "../errors.ts";
import {
  amount, ergPart, format, hexId, height, idParams, listResponses, nullable, order, pagedList, paging, query, range, rangeOf, record, timeMs,
  type PageQuery, type RangeQuery,
} from "../schemas.ts";

/** A leg's charges: the payer's (its whole payment's, on its first leg of the transaction, 0 on the others) and the payee's own. */
export const legEconomicsSchema = record({
  payerFee: { ...amount, description: "the payer's usage fee for the whole payment (on its first leg; 0 on its others)" },
  payerDemurrage: { ...amount, description: "demurrage charged on the payer (on its first leg; 0 on its others)" },
  payerAllowanceUsed: { ...amount, description: "newcomer allowance the payer spent on the payment (on its first leg; 0 on its others)" },
  payeeFee: { ...amount, description: "the payee's usage fee: 0 unless it co-paid (a leg with a negative amount)" },
  payeeDemurrage: { ...amount, description: "demurrage charged on the payee" },
  payeeAllowanceUsed: { ...amount, description: "allowance the payee spent: 0 unless it co-paid" },
}, "what an economics payment charged, so that sums over legs are exact: the payer's balance fell by the sum of its legs + payerFee + payerDemurrage - payerAllowanceUsed, a payee's rose by amount - payeeDemurrage");

export const paymentSchema = record({
  txId: hexId,
  leg: { type: "integer", minimum: 0, description: "the payee's position among the transaction's legs" },
  height,
  timestamp: timeMs,
  communityId: hexId,
  payer: { ...hexId, description: "the paying accountId" },
  payee: { ...hexId, description: "the paid accountId" },
  amount: { ...amount, description: "units the payee received (negative only for a co-payer; see the docs)" },
  ergNanoErg: ergPart,
  memo: { ...nullable({ type: "string" }), description: "what the payer wrote the payment was for (in its own signed input); null when none" },
  requestId: { ...nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }), description: "the payment request it paid (32 hex digits); null when none" },
});

/** The `cross` field of a cross payment's leg (absent on a local payment). */
const crossLegSchema = record({
  side: { type: "string", enum: ["payer", "payee"], description: "payer: this row is the payer's community's leg (amount = debit); payee: the payee's (amount = received)" },
  otherCommunityId: hexId, payerCommunityId: hexId, payeeCommunityId: hexId,
  debit: { ...amount, description: "what the payer paid, fees included, in its units" },
  received: { ...amount, description: "what the payee received, in its units" },
  lineIds: { type: "array", items: hexId, description: "the lines crossed, in order (one or two)" },
  hops: {
    type: "array",
    items: record({ lineId: hexId, shard: { type: "integer", minimum: 0 }, fromCommunityId: hexId, toCommunityId: hexId, sent: amount, senderFee: amount, converted: amount, receiverFee: amount, delivered: amount }),
  },
}, "a cross payment through trade lines (docs/inter-lets.md): shown in the payer's and in the payee's community");

/**
 * A payment leg in a list: a local one, one leg of a cross payment (with `cross`), or a leg of an
 * economics community (with `economics`, docs/economics.md: its amount is what moved, the payee's
 * worth rose by it, and the charges are apart).
 */
export const paymentListItemSchema = { ...paymentSchema, properties: { ...paymentSchema.properties, cross: crossLegSchema, economics: legEconomicsSchema } } as const;

/** The fee this row's community kept from a cross payment: the payer's row the first hop's sender fee, the payee's the last hop's receiver fee. */
const communityFee = (c: CrossLegView) => (c.side === "payer" ? c.hops[0]?.senderFee : c.hops.at(-1)?.receiverFee) ?? null;

/**
 * CSV columns of payment lists, in this order: a leg's fields (its ERG part after its amount), then a cross payment's (empty on a
 * local leg): which side this row is, the other community, debit and received, the fee this row's
 * community kept, the lines (space-separated) and the hops (JSON); then an economics leg's charges
 * (empty in a plain community).
 */
export const PAYMENT_COLUMNS: Column<PaymentView>[] = [
  ...fields<PaymentView>("txId", "leg", "height", "timestamp", "communityId", "payer", "payee", "amount", "ergNanoErg", "memo", "requestId"),
  { name: "cross", get: (r) => r.cross?.side ?? null },
  { name: "otherCommunityId", get: (r) => r.cross?.otherCommunityId ?? null },
  { name: "debit", get: (r) => r.cross?.debit ?? null },
  { name: "received", get: (r) => r.cross?.received ?? null },
  { name: "communityFee", get: (r) => (r.cross ? communityFee(r.cross) : null) },
  { name: "lineIds", get: (r) => r.cross?.lineIds.join(" ") ?? null },
  { name: "hops", get: (r) => r.cross?.hops ?? null },
  ...(["payerFee", "payerDemurrage", "payerAllowanceUsed", "payeeFee", "payeeDemurrage", "payeeAllowanceUsed"] as const).map((key) => ({
    name: key,
    get: (r: PaymentView) => r.economics?.[key] ?? null,
  })),
];

interface PaymentQuery extends PageQuery, RangeQuery {
  order: "asc" | "desc";
}

const schema = (owner: "communityId" | "accountId", summary: string) => ({
  summary,
  tags: ["payments"],
  params: idParams(owner),
  querystring: query({ ...range, order: { ...order, description: "by height, then txId and leg" }, ...paging, format }),
  response: listResponses(pagedList(paymentListItemSchema), PAYMENT_COLUMNS.map((c) => c.name)),
});

export const paymentRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    const answer = async (reply: FastifyReply, scope: PaymentFilter, q: PaymentQuery, what: string, id: string) => {
      const { limit, offset, order, format } = q;
      const page = found(await listPayments(db, scope, { ...rangeOf(q), limit, offset, order }), what, id);
      return sendList(reply, format, PAYMENT_COLUMNS, page.items, { ...page, limit, offset });
    };

    app.get<{ Params: { communityId: string }; Querystring: PaymentQuery }>(
      "/communities/:communityId/payments",
      { schema: schema("communityId", "A community's payments, one row per leg, newest first") },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        return answer(reply, { communityId: id }, request.query, "community", id);
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: PaymentQuery }>(
      "/accounts/:accountId/payments",
      { schema: schema("accountId", "The payment legs an account paid or received, newest first") },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        return answer(reply, { accountId: id }, request.query, "account", id);
      },
    );

    app.get<{ Params: { requestId: string }; Querystring: PaymentQuery }>(
      "/requests/:requestId/payments",
      {
        schema: {
          summary: "The payments that paid a payment request (by the request id in the payer's signed input); empty when none has yet",
          tags: ["payments"],
          params: {
            type: "object",
            required: ["requestId"],
            additionalProperties: false,
            properties: { requestId: { type: "string", pattern: "^[0-9a-fA-F]{32}$", description: "the request's id: 32 hexadecimal digits" } },
          },
          querystring: query({ ...range, order: { ...order, description: "by height, then txId and leg" }, ...paging, format }),
          response: listResponses(pagedList(paymentListItemSchema), PAYMENT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.requestId.toLowerCase();
        return answer(reply, { requestId: id }, request.query, "payment request", id);
      },
    );
  };
