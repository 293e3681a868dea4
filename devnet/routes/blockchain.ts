/** The node's extra-indexing routes (`/blockchain/...`), which the devnet always has on. */
import type { FastifyPluginAsync } from "fastify";
import type { DevnetContext } from "../context.ts";
import { badRequest, notFound, type IndexedBox } from "../types.ts";
import type { NodeBox } from "../../ergo/types.ts";
import { idParam, indexedBox, integer, treeOf } from "./common.ts";

interface Paging {
  offset?: number;
  limit?: number;
  sortDirection?: string;
  includeUnconfirmed?: boolean;
  excludeMempoolSpent?: boolean;
}

const pagingSchema = {
  type: "object",
  properties: {
    offset: integer(),
    limit: integer(0, 16_384),
    sortDirection: { type: "string" },
    includeUnconfirmed: { type: "boolean" },
    excludeMempoolSpent: { type: "boolean" },
  },
};

function treeFromBody(body: unknown): string {
  const tree = typeof body === "string" ? body.trim().replace(/^"|"$/g, "") : "";
  if (!/^([0-9a-fA-F]{2})+$/.test(tree)) throw badRequest("expected an ErgoTree as a hex string");
  return tree.toLowerCase();
}

export const blockchainRoutes =
  ({ chain }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    const unspent = (matches: (box: NodeBox) => boolean, paging: Paging) => {
      const direction = (paging.sortDirection ?? "desc").toLowerCase();
      if (direction !== "asc" && direction !== "desc") throw badRequest(`sortDirection must be asc or desc, not ${paging.sortDirection}`);
      let boxes: (NodeBox & Partial<IndexedBox>)[] = [...chain.ledger.utxo.values()].filter(matches);
      if (paging.includeUnconfirmed) boxes.push(...chain.mempool.list().flatMap((e) => e.tx.outputs).filter(matches));
      if (paging.excludeMempoolSpent) boxes = boxes.filter((b) => !chain.mempool.spentBy(b.boxId));
      if (direction === "desc") boxes.reverse();
      const offset = paging.offset ?? 0;
      return boxes.slice(offset, offset + (paging.limit ?? 5)).map((b) => indexedBox(b));
    };

    app.get<{ Params: { tokenId: string }; Querystring: Paging }>(
      "/blockchain/box/unspent/byTokenId/:tokenId",
      { schema: { params: idParam("tokenId"), querystring: pagingSchema } },
      async (request) => {
        const tokenId = request.params.tokenId.toLowerCase();
        return unspent((b) => b.assets.some((a) => a.tokenId === tokenId), request.query);
      },
    );

    app.post<{ Querystring: Paging }>("/blockchain/box/unspent/byErgoTree", { schema: { querystring: pagingSchema } }, async (request) => {
      const tree = treeFromBody(request.body);
      return unspent((b) => b.ergoTree === tree, request.query);
    });

    app.post<{ Querystring: Paging }>("/blockchain/box/unspent/byAddress", { schema: { querystring: pagingSchema } }, async (request) => {
      const tree = treeOf(request.body);
      return unspent((b) => b.ergoTree === tree, request.query);
    });

    app.post("/blockchain/balance", async (request) => {
      const tree = treeOf(request.body);
      const balance = (boxes: NodeBox[]) => {
        const tokens = new Map<string, bigint>();
        for (const a of boxes.flatMap((b) => b.assets)) tokens.set(a.tokenId, (tokens.get(a.tokenId) ?? 0n) + a.amount);
        return {
          nanoErgs: boxes.reduce((s, b) => s + b.value, 0n),
          tokens: [...tokens].map(([tokenId, amount]) => {
            const info = chain.ledger.tokens.get(tokenId);
            return { tokenId, amount, decimals: info?.decimals ?? 0, name: info?.name ?? "" };
          }),
        };
      };
      const mine = (b: NodeBox) => b.ergoTree === tree;
      return {
        confirmed: balance([...chain.ledger.utxo.values()].filter(mine)),
        unconfirmed: balance(chain.mempool.list().flatMap((e) => e.tx.outputs).filter(mine)),
      };
    });

    app.get<{ Params: { tokenId: string } }>("/blockchain/token/byId/:tokenId", { schema: { params: idParam("tokenId") } }, async (request) => {
      const token = chain.ledger.tokens.get(request.params.tokenId.toLowerCase());
      if (!token) throw notFound(`token ${request.params.tokenId} not found`);
      return token;
    });

    app.get("/blockchain/indexedHeight", async () => ({ indexedHeight: chain.height, fullHeight: chain.height }));
  };
