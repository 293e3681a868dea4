/** `GET /blocks/{block}` (a block by height or id, with its LETS transactions) and `GET /search?q=`. */
import type { FastifyPluginAsync } from "fastify";
import { ownerFromAddress } from "../../../contracts/builders/common.ts";
import { TRANSACTION_KINDS } from "../../db/queries/transactions.ts";
import { MIN_ID_PREFIX } from "../../db/queries/id-pattern.ts";
import { getBlock, search, SEARCH_LIMIT } from "../../db/queries/search.ts";
import type { ApiContext } from "../context.ts";
import { badRequest, notFound } from "../errors.ts";
import { hexId, height, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";
import { accountSchema } from "./accounts.ts";

const kind = {
  type: "string", enum: [...TRANSACTION_KINDS],
  description: "what the transaction did (its first event; without one, as /transactions/{txId} says: a cross payment alone is a payment, a line action a govern or refresh)",
} as const;
const blockTransaction = record({ txId: hexId, communityId: hexId, kind });

/** `/blocks/{block}`. */
export const blockSchema = record({
  height,
  blockId: hexId,
  parentId: hexId,
  timestamp: timeMs,
  transactions: { type: "array", description: "its LETS transactions (trade-line ones included), by id (the order inside the block is not kept)", items: blockTransaction },
});

/** How q names an id, in the schema's descriptions. */
const ID_WORDS = `whole, by its first ${MIN_ID_PREFIX} hex digits or more, or shortened as the explorer prints it ("3f2a9c…b81e" or "3f2a9c...b81e"), any case`;

/** `/search`. */
export const searchSchema = record({
  q: { type: "string", description: "the text searched for, trimmed" },
  communities: {
    type: "array",
    description: `communities whose id q names (${ID_WORDS}), whose symbol is q (any case) or whose name contains q (any case); ids first, then symbols, then names; at most ${SEARCH_LIMIT}`,
    items: record({ communityId: hexId, name: { type: "string" }, symbol: { type: "string" }, matched: { type: "string", enum: ["id", "name", "symbol"] } }),
  },
  accounts: { type: "array", description: `the accounts whose id q names, by id, then the accounts of the address q, then the open accounts whose display name contains q (any case, 2 characters or more); at most ${SEARCH_LIMIT} of each`, items: accountSchema },
  transactions: { type: "array", description: `the LETS transactions (trade-line ones included) whose id q names, by id; at most ${SEARCH_LIMIT}`, items: record({ txId: hexId, communityId: hexId, kind, height }) },
  blocks: { type: "array", description: `the synced blocks whose id q names or at the height q, lowest first; at most ${SEARCH_LIMIT}`, items: record({ height, blockId: hexId, timestamp: timeMs }) },
  boxes: {
    type: "array",
    description: `account and community boxes whose id q names, by id; at most ${SEARCH_LIMIT}. A join spends the community box and the new account takes that box's id, so such a box is listed as the account only`,
    items: record({
      boxId: hexId,
      kind: { type: "string", enum: ["account", "community"], description: "whose box it is" },
      communityId: hexId,
      accountId: { ...nullable(hexId), description: "the account whose box it is; null for a community box" },
      txId: { ...hexId, description: "the transaction that made the box" },
      createdHeight: height,
      spentHeight: { ...nullable(height), description: "the block that spent it; null while unspent" },
    }),
  },
});

const HEIGHT_OR_ID = /^(?:[0-9]{1,10}|[0-9a-fA-F]{64})$/;

export const searchRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { block: string } }>(
      "/blocks/:block",
      {
        schema: {
          summary: "A synced block by height or id: its header fields and its LETS transactions",
          tags: ["blocks"],
          params: {
            type: "object",
            required: ["block"],
            additionalProperties: false,
            properties: { block: { type: "string", pattern: HEIGHT_OR_ID.source, description: "a height (digits) or a block id (64 hex digits)" } },
          },
          querystring: query({}),
          response: jsonResponses(blockSchema),
        },
      },
      async (request) => {
        const key = request.params.block;
        const byHeight = key.length <= 10;
        if (byHeight && Number(key) > height.maximum) throw badRequest(`block height must be at most ${height.maximum}`);
        const block = await getBlock(db, byHeight ? { height: Number(key) } : { blockId: key.toLowerCase() });
        if (!block) throw notFound(`no block ${key} has been indexed`);
        return block;
      },
    );

    app.get<{ Querystring: { q: string } }>(
      "/search",
      {
        schema: {
          summary: "Communities, accounts, LETS transactions, blocks and boxes that a text names: an id (whole, a prefix, or shortened), a height, an address, a community's name or symbol",
          tags: ["search"],
          querystring: {
            ...query({ q: { type: "string", minLength: 1, maxLength: 200, description: `an id (${ID_WORDS}; fewer digits are searched as text only), a block height, a P2PK address, or part of a community's name or its symbol` } }),
            required: ["q"],
          },
          response: jsonResponses(searchSchema),
        },
      },
      async (request) => {
        const q = request.query.q.trim();
        if (!q) throw badRequest("q must not be blank");
        let owner: string | undefined;
        // An address is base58 of 40 characters or more; anything else is not tried as one.
        if (/^[1-9A-HJ-NP-Za-km-z]{40,}$/.test(q)) {
          try {
            owner = ownerFromAddress(q);
          } catch {
            owner = undefined;
          }
        }
        return { q, ...(await search(db, q, owner)) };
      },
    );
  };
