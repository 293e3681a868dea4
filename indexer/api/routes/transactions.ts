/** `GET /transactions/{txId}` and `GET /boxes/{boxId}`: a LETS transaction and a LETS box, decoded. */
import type { FastifyPluginAsync } from "fastify";
import { getBox } from "../../db/queries/boxes.ts";
import { getTransaction, TRANSACTION_KINDS } from "../../db/queries/transactions.ts";
import type { ApiContext } from "../context.ts";
import { found } from "../errors.ts";
import { amount, hexId, height, idParams, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";

const site = {
  boxId: hexId,
  txId: { ...hexId, description: "the transaction that created the box" },
  createdHeight: height,
  spentHeight: { ...nullable(height), description: "null while the box is live" },
  creationHeight: { ...height, description: "the box's own declared creation height: the clock of storage rent and dormancy" },
};

const accountBoxSchema = record({
  kind: { type: "string", enum: ["account"] },
  ...site,
  accountId: hexId,
  communityId: hexId,
  owner: { type: "string", description: "R4: the owner SigmaProp (hex)" },
  balance: amount,
  creditLimit: amount,
  positiveCap: amount,
  collateralNanoErg: amount,
  inactivityBlocks: amount,
  joinedHeight: height,
  lastActiveHeight: height,
  valueNanoErg: amount,
}, "an account box");

const communityBoxSchema = record({
  kind: { type: "string", enum: ["community"] },
  ...site,
  communityId: hexId,
  committee: { type: "string", description: "R5: the committee SigmaProp (hex)" },
  metadata: { type: "object", description: "R6: name, symbol, description, decimals and any extra keys", additionalProperties: true },
  policy: record({
    creditLimit: amount, positiveCap: amount, joinFeeNanoErg: amount, collateralNanoErg: amount, maxMembers: amount, inactivityBlocks: amount,
  }),
  membersJoined: amount,
  communityBalance: amount,
  seatsLeft: amount,
  treasuryNanoErg: amount,
  metadataProblem: { type: ["string", "null"], description: "why R6 is not valid metadata (metadata is then a fallback holding the raw text); null when it is" },
}, "a community box");

/** An account or community box (`kind` tells which). */
export const boxSchema = { oneOf: [accountBoxSchema, communityBoxSchema] };

const eventSchema = record({
  seq: { type: "integer", minimum: 0 },
  kind: { type: "string", enum: [...TRANSACTION_KINDS] },
  communityId: hexId,
  accountId: { ...nullable(hexId), description: "the joining, leaving, defaulted or closed account, or the payer; null for create, govern and refresh" },
  amount: { ...nullable(amount), description: "a payment's total, a default's debt, or the balance a dormant close wrote off (any sign); null otherwise" },
});

const transactionSchema = record({
  txId: hexId,
  height,
  blockId: hexId,
  timestamp: timeMs,
  communityId: hexId,
  kind: { type: "string", enum: [...TRANSACTION_KINDS], description: "what the transaction did (its first event)" },
  events: { type: "array", items: eventSchema },
  legs: { type: "array", items: record({ leg: { type: "integer", minimum: 0 }, payer: hexId, payee: hexId, amount }) },
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

    app.get<{ Params: { boxId: string } }>(
      "/boxes/:boxId",
      {
        schema: {
          summary: "An account or community box the indexer saw, spent or live, decoded",
          tags: ["transactions"],
          params: idParams("boxId"),
          querystring: query({}),
          response: jsonResponses(boxSchema),
        },
      },
      async (request) => {
        const id = request.params.boxId.toLowerCase();
        return found(await getBox(db, id), "LETS box", id);
      },
    );
  };
