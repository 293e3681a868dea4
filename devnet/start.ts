/** Starts a devnet: chain (loaded from its data directory), miner and HTTP server. */
import type { FastifyInstance } from "fastify";
import { Chain } from "./chain.ts";
import { Miner } from "./miner.ts";
import { buildServer } from "./server.ts";
import { DirectoryStore } from "./store.ts";

export interface DevnetOptions {
  port?: number;
  host?: string;
  /** Data directory; without one the chain lives in memory only. */
  dataDir?: string;
  /** Delete the data directory's chain first. */
  reset?: boolean;
  blockTimeMs?: number;
  instant?: boolean;
  /** The chain's clock (block times, launch time); tests set it to place blocks on chosen days. */
  now?: () => number;
}

/** A running devnet. */
export interface Devnet {
  url: string;
  chain: Chain;
  miner: Miner;
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Loads the chain, starts mining and listens (127.0.0.1:9052 unless told otherwise). */
export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const store = options.dataDir ? new DirectoryStore(options.dataDir) : undefined;
  if (store && options.reset) store.reset();
  const now = options.now ?? Date.now;
  const chain = new Chain(store, now);
  if (store) {
    const saved = store.load();
    chain.replay(saved.blocks, saved.orphans);
    for (const tx of saved.mempool) {
      try {
        chain.submit(tx);
      } catch {
        // A saved mempool transaction that no longer validates is dropped, as a node would.
      }
    }
  }
  const miner = new Miner(chain, { blockTimeMs: options.blockTimeMs ?? 2_000, instant: options.instant ?? false });
  const server = buildServer({ chain, miner, launchTime: now() });
  const address = await server.listen({ port: options.port ?? 9052, host: options.host ?? "127.0.0.1" });
  miner.start();
  return {
    url: address,
    chain,
    miner,
    server,
    async close() {
      miner.stop();
      await server.close();
      store?.flush();
    },
  };
}
