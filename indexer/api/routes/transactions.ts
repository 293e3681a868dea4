/** `GET /transactions/{txId}`: a LETS transaction, decoded. */
import type { FastifyPluginAsync } from "fastify";
import { getTransaction, TRANSACTION_KINDS } from "../../db/queries/transactions.ts";
import { ECONOMICS_EVENT_KINDS } from "../../sync/lets-events.ts";
import type { ApiContext } from "../context.ts";
import { found } from "../errors.ts";
import { amount, ergPart, hexId, height, idParams, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";
import { boxSchema } from "./boxes.ts";
import { actingSide, hopSchema, lineEventKind, lineEventShard, pendingSchema, side, status, termsSchema } from "./lines.ts";

const eventSchema = record({
  seq: { type: "integer", minimum: 0 },
  kind: { type: "string", enum: [...TRANSACTION_KINDS] },
  communityId: hexId,
  accountId: { ...nullable(hexId), description: "the joining, leaving, defaulted or closed account, or the payer; null for create, govern, refresh, sweep and batch" },
  amount: { ...nullable(amount), description: "a payment's total, a default's debt, the balance a dormant close wrote off (any sign), what a sweep moved into the community balance, or the units a batch settlement moved (its legs are its orders); null otherwise" },
});

/** What an economics transaction charged, issued, returned or collected, per account (docs/economics.md). */
const txEconomicsSchema = record({
  accountId: hexId,
  communityId: hexId,
  kind: { type: "string", enum: [...ECONOMICS_EVENT_KINDS], description: "payment: its side of a payment; charge: demurrage on a box its owner spent moving nothing (a top-up); sweep; join; exit (leave, default, dormant close)" },
  fee: { ...amount, description: "the usage fee it paid as a payer" },
  demurrage: { ...amount, description: "demurrage charged" },
  allowanceUsed: { ...amount, description: "newcomer allowance spent on the purchase" },
  allowanceIssued: { ...amount, description: "allowance issued at join, from the community balance" },
  allowanceReturned: { ...amount, description: "unused allowance returned to the community balance at exit" },
  collected: { ...amount, description: "charges moved into the community balance: by a sweep, accrued + the demurrage it charged; by an exit, accrued" },
});

/** A cross payment the transaction made (trade lines, docs/inter-lets.md): both legs and every hop. */
const txCrossPaymentSchema = record({
  leg: { type: "integer", minimum: 0, description: "its position among the transaction's payments (after its local legs)" },
  payerCommunityId: hexId, payer: { ...hexId, description: "the paying accountId, in payerCommunityId" },
  debit: { ...amount, description: "what the payer's balance fell by (fees included), in its units" },
  payeeCommunityId: hexId, payee: { ...hexId, description: "the paid accountId, in payeeCommunityId" },
  received: { ...amount, description: "what the payee's balance rose by, in its units" },
  lineIds: { type: "array", items: hexId, description: "the lines crossed, in order (one, or two through a middle community)" },
  hops: { type: "array", items: hopSchema, description: "per line crossed: what was sent, each side's fee, the conversion and what was delivered" },
});

/** What the transaction did to a line, and the line as it left it. */
const txLineEventSchema = record({
  lineId: hexId,
  seq: { type: "integer", minimum: 0, description: "the event's order among this transaction's events on this line" },
  kind: lineEventKind,
  side: actingSide,
  communityId: { ...nullable(hexId), description: "that side's community; null for a refresh" },
  shard: lineEventShard,
  status, pausedA: { type: "boolean" }, pausedB: { type: "boolean" }, terms: termsSchema, pending: pendingSchema,
  boxId: { ...hexId, description: "the line box it made (for a shard refreshed, the one it read)" },
});

/** A gateway box the transaction made. */
const txGatewaySchema = record({
  gatewayId: { type: "string", pattern: "^[0-9a-f]{68}$", description: "lineId ++ side ++ shard (34 bytes)" }, lineId: hexId, communityId: hexId, side,
  shard: { type: "integer", minimum: 0 }, balance: { ...amount, description: "position + fees held: what the community's books count" },
  feesHeld: amount, position: amount, boxId: hexId,
});

const transactionProperties = {
  txId: hexId,
  height,
  blockId: hexId,
  timestamp: timeMs,
  communityId: hexId,
  kind: { type: "string", enum: [...TRANSACTION_KINDS], description: "what the transaction did (its first event)" },
  events: { type: "array", items: eventSchema },
  legs: { type: "array", items: record({ leg: { type: "integer", minimum: 0 }, payer: hexId, payee: hexId, amount, ergNanoErg: ergPart }) },
  memo: { ...nullable({ type: "string" }), description: "a payment's memo, written by the payer in its own signed input; null when none" },
  requestId: { ...nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }), description: "the payment request a payment paid; null when none" },
  accounts: {
    type: "array",
    description: "every account it touched, with its balance before and after",
    items: record({
      accountId: hexId,
      owner: { type: "string" },
      opened: { type: "boolean", description: "the transaction opened the account (a join)" },
      closed: { type: "boolean", description: "the transaction closed the account (a leave, default or dormant close)" },
      balanceBefore: { ...nullable(amount), description: "null when opened, or when not known (see boxId)" },
      balanceAfter: { ...nullable(amount), description: "null when closed, or when not known (see boxId)" },
      boxId: { ...nullable(hexId), description: "the account box it made; null when closed, or when that box was spent again in the same block (not kept; its balances are then null)" },
    }),
  },
  boxes: { type: "array", description: "the LETS boxes it created that outlived its block, community boxes first", items: boxSchema },
} as const;

/** `/transactions/{txId}`: the fields above always; `crossPayments`, `lineEvents`, `gateways` and `economics` only on a transaction that has some. */
export const transactionSchema = {
  ...record(transactionProperties),
  properties: {
    ...transactionProperties,
    crossPayments: { type: "array", items: txCrossPaymentSchema, description: "its cross payments (absent when none): each payer debited in its community, each payee credited in theirs" },
    lineEvents: { type: "array", items: txLineEventSchema, description: "what it did to trade lines (absent when nothing): proposed, accepted, paused, ..." },
    gateways: { type: "array", items: txGatewaySchema, description: "the gateway boxes it made that outlived its block (absent when none), by line, side and shard" },
    economics: { type: "array", items: txEconomicsSchema, description: "what it charged, issued, returned or collected in an economics community, per account (absent when nothing)" },
  },
} as const;

export const transactionRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { txId: string } }>(
      "/transactions/:txId",
      {
        schema: {
          summary: "A confirmed LETS transaction: its events, payment legs, created boxes and balances before and after",
          tags: ["transactions"],
          params: idParams("txId"),
          querystring: query({}),
          response: jsonResponses(transactionSchema),
        },
      },
      async (request) => {
        const id = request.params.txId.toLowerCase();
        return found(await getTransaction(db, id), "LETS transaction", id);
      },
    );
  };
