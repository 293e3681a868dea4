/** Development-only routes under `/devnet/`: mine, roll back, fork, fund, list accounts. */
import type { FastifyPluginAsync } from "fastify";
import { devAccounts } from "../../ergo/keys.ts";
import { fund } from "../faucet.ts";
import type { DevnetContext } from "../context.ts";
import { badRequest } from "../types.ts";


function count(body: unknown, fallback: number, max: number): number {
  const value = body && typeof body === "object" && "blocks" in body ? (body as { blocks: unknown }).blocks : fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`blocks must be an integer from 1 to ${max}`);
  }
  return value;
}

export const devnetRoutes =
  ({ chain, miner }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    app.post("/devnet/mine", async (request) => {
      const blocks = chain.mine(count(request.body, 1, 1_000));
      return { height: chain.height, blocks: blocks.map((b) => b.header.id) };
    });

    app.post("/devnet/rollback", async (request) => {
      const drop = (request.body as { dropTransactions?: unknown } | undefined)?.dropTransactions === true;
      chain.rollback(count(request.body, 1, 200), { dropTransactions: drop });
      return { height: chain.height, unconfirmed: chain.mempool.size };
    });

    app.post("/devnet/fork", async (request) => {
      const blocks = chain.fork(count(request.body, 1, 200));
      return { height: chain.height, blocks: blocks.map((b) => b.header.id) };
    });

    app.post("/devnet/fund", async (request) => {
      const body = (request.body ?? {}) as { address?: unknown; nanoErg?: unknown };
      const raw = body.nanoErg;
      const decimal = (typeof raw === "string" && /^[0-9]{1,19}$/.test(raw)) || (typeof raw === "number" && Number.isSafeInteger(raw)) || typeof raw === "bigint";
      if (!decimal) throw badRequest("nanoErg must be a whole number of nanoERG (decimal)");
      const amount = BigInt(raw as string | number | bigint);
      const tx = fund(chain, typeof body.address === "string" ? body.address : "", amount);
      miner.accepted();
      return { transactionId: tx.id };
    });

    app.get("/devnet/accounts", async () => devAccounts().map(({ address, mnemonic, path }) => ({ address, mnemonic, path })));
  };
