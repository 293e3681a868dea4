/** `GET /transactions/{txId}`: a LETS transaction, decoded. */
import type { FastifyPluginAsync } from "fastify";
import { getTransaction, TRANSACTION_KINDS } from "../../db/queries/transactions.ts";
import type { ApiContext } from "../context.ts";
import { found } from "../errors.ts";
import { amount, hexId, height, idParams, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";
import { boxSchema } from "./boxes.ts";

const eventSchema = record({
  seq: { type: "integer", minimum: 0 },
  kind: { type: "string", enum: [...TRANSACTION_KINDS] },
  communityId: hexId,
  accountId: { ...nullable(hexId), description: "the joining, leaving, defaulted or closed account, or the payer; null for create, govern and refresh" },
  amount: { ...nullable(amount), description: "a payment's total, a default's debt, or the balance a dormant close wrote off (any sign); null otherwise" },
});

/** `/transactions/{txId}`. */
export const transactionSchema = record({
  txId: hexId,
  height,
  blockId: hexId,
  timestamp: timeMs,
  communityId: hexId,
  kind: { type: "string", enum: [...TRANSACTION_KINDS], description: "what the transaction did (its first event)" },
  events: { type: "array", items: eventSchema },
  legs: { type: "array", items: record({ leg: { type: "integer", minimum: 0 }, payer: hexId, payee: hexId, amount }) },
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
});

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
