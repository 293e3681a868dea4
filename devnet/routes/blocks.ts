/** Block and header routes, following the node's route code where it differs from the spec. */
import type { FastifyPluginAsync } from "fastify";
import type { DevnetContext } from "../context.ts";
import { notFound, type Block } from "../types.ts";
import { idParam, integer } from "./common.ts";

/** The node caps header lists at this many. */
export const MAX_HEADERS = 16_384;

function fullBlock(block: Block) {
  const size = block.header.size + block.transactions.reduce((s, t) => s + t.size, 0);
  return {
    header: block.header,
    blockTransactions: { headerId: block.header.id, transactions: block.transactions, blockVersion: block.header.version, size },
    extension: { headerId: block.header.id, digest: block.header.extensionHash, fields: [] },
    adProofs: null,
    size,
  };
}

export const blockRoutes =
  ({ chain }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    const blockById = (id: string) => {
      const block = chain.byId.get(id.toLowerCase());
      if (!block) throw notFound(`block ${id} not found`);
      return block;
    };

    app.get<{ Params: { height: number } }>(
      "/blocks/at/:height",
      { schema: { params: { type: "object", properties: { height: integer() } } } },
      async (request) => chain.idsAt.get(request.params.height) ?? [],
    );

    app.get<{ Params: { count: number } }>(
      "/blocks/lastHeaders/:count",
      { schema: { params: { type: "object", properties: { count: integer(0) } } } },
      // Oldest first, as the node returns them.
      async (request) => chain.lastHeaders(Math.min(request.params.count, MAX_HEADERS)).reverse(),
    );

    app.get<{ Querystring: { fromHeight?: number; toHeight?: number } }>(
      "/blocks/chainSlice",
      { schema: { querystring: { type: "object", properties: { fromHeight: integer(), toHeight: integer() } } } },
      async (request) => {
        const from = request.query.fromHeight ?? 1;
        const to = Math.min(request.query.toHeight ?? MAX_HEADERS, chain.height);
        if (from === to) return chain.blocks.slice(to - 1, to).map((b) => b.header);
        const start = Math.max(from, to - MAX_HEADERS);
        return chain.blocks.slice(start, to).map((b) => b.header);
      },
    );

    app.get<{ Querystring: { offset?: number; limit?: number } }>(
      "/blocks",
      { schema: { querystring: { type: "object", properties: { offset: integer(), limit: integer(0, MAX_HEADERS) } } } },
      async (request) => {
        const offset = request.query.offset ?? 1;
        const limit = request.query.limit ?? 50;
        return chain.blocks.slice(Math.max(0, offset - 1), Math.max(0, offset - 1) + limit).map((b) => b.header.id);
      },
    );

    app.get<{ Params: { headerId: string } }>("/blocks/:headerId", { schema: { params: idParam("headerId") } }, async (request) =>
      fullBlock(blockById(request.params.headerId)),
    );

    app.get<{ Params: { headerId: string } }>("/blocks/:headerId/header", { schema: { params: idParam("headerId") } }, async (request) =>
      blockById(request.params.headerId).header,
    );

    app.get<{ Params: { headerId: string } }>(
      "/blocks/:headerId/transactions",
      { schema: { params: idParam("headerId") } },
      async (request) => fullBlock(blockById(request.params.headerId)).blockTransactions,
    );
  };
