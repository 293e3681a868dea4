/** Transaction submission, checking, and the mempool view. */
import type { FastifyPluginAsync } from "fastify";
import type { DevnetContext } from "../context.ts";
import { notFound } from "../types.ts";
import type { NodeTransaction } from "../../ergo/types.ts";
import { idParam, integer } from "./common.ts";

export const transactionRoutes =
  ({ chain, miner }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    const withInputBoxes = (tx: NodeTransaction) => ({
      ...tx,
      inputs: tx.inputs.map((input) => ({ ...chain.view().box(input.boxId), ...input })),
    });

    // The node answers with the id as a JSON string; Fastify would send a returned string as bare text/plain.
    app.post("/transactions", async (request, reply) => {
      const tx = chain.submit(request.body);
      miner.accepted();
      return reply.type("application/json; charset=utf-8").send(JSON.stringify(tx.id));
    });

    app.post("/transactions/check", async (request, reply) =>
      reply.type("application/json; charset=utf-8").send(JSON.stringify(chain.check(request.body).id)),
    );

    app.get<{ Querystring: { offset?: number; limit?: number } }>(
      "/transactions/unconfirmed",
      { schema: { querystring: { type: "object", properties: { offset: integer(), limit: integer(1, 100) } } } },
      async (request) => {
        const offset = request.query.offset ?? 0;
        const limit = request.query.limit ?? 50;
        return chain.mempool.list().slice(offset, offset + limit).map((e) => withInputBoxes(e.tx));
      },
    );

    app.get("/transactions/unconfirmed/transactionIds", async () => chain.mempool.list().map((e) => e.tx.id));

    app.get<{ Params: { txId: string } }>(
      "/transactions/unconfirmed/byTransactionId/:txId",
      { schema: { params: idParam("txId") } },
      async (request) => {
        const tx = chain.mempool.get(request.params.txId.toLowerCase());
        if (!tx) throw notFound(`transaction ${request.params.txId} is not in the mempool`);
        return withInputBoxes(tx);
      },
    );
  };
