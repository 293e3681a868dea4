/**
 * The default chain: a devnet started by the simulator in this process (in its own thread by
 * default, so validation runs beside signing and the model), mining only when the simulator says a
 * block is complete. Funded by the public development mnemonic: dev account 0 funds everyone;
 * members use its keys from index 10 (after the documented accounts).
 *
 * The chain lives in memory unless a data directory is given: a devnet with a directory rewrites
 * its whole mempool file on every accepted transaction, which took a third of the devnet's time in
 * a simulation whose blocks hold a hundred payments. With `keepChainIn`, the chain is written there
 * and stays after the run (`lets devnet --data DIR` serves it again).
 */
import { readdir } from "node:fs/promises";
import type { Worker } from "node:worker_threads";
import { Network } from "@fleet-sdk/core";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import type { NodeTimes } from "./driver.ts";
import { timeChain } from "./devnet-times.ts";
import { HttpDriver } from "./http-driver.ts";
import { DEV_MNEMONIC, KeyChain } from "../../../ergo/keys.ts";
import { startTsWorker } from "../../../util/ts-worker.ts";
import { ScriptsError } from "../../errors.ts";

/** The directory to keep the chain in holds something already (perhaps another devnet's chain). */
export class ChainDirectoryNotEmpty extends ScriptsError {
  constructor(readonly dataDir: string) {
    super(`${dataDir} is not empty: the simulation writes a fresh chain, give it an empty or new directory`);
  }
}

/** Where the devnet runs: its own worker thread (default), or the simulator's thread. */
export type DevnetThread = "worker" | "main";

/** Blocks one `POST /devnet/mine` may ask for. */
const MAX_MINE = 1_000;
/** Headers are read again once this many blocks were mined since. */
const HEADERS_MAX_AGE = 10;

/** A devnet in a worker thread, reached by messages for its timings and closing. */
class DevnetThreadHandle {
  private readonly replies: { resolve: (message: unknown) => void; reject: (error: Error) => void }[] = [];

  constructor(private readonly worker: Worker) {
    worker.on("message", (message: unknown) => this.replies.shift()?.resolve(message));
    worker.on("error", (error) => {
      for (const waiter of this.replies.splice(0)) waiter.reject(error);
    });
  }

  ask<T>(request?: string): Promise<T> {
    const reply = new Promise<T>((resolve, reject) => {
      this.replies.push({ resolve: resolve as (message: unknown) => void, reject });
    });
    if (request !== undefined) this.worker.postMessage(request);
    return reply;
  }

  async close(): Promise<void> {
    await this.ask("close");
    await this.worker.terminate();
  }
}

export class DevnetDriver extends HttpDriver {
  readonly kind = "devnet";

  private constructor(
    url: string,
    private readonly owner: { times(): Promise<NodeTimes>; reset(): Promise<void>; close(): Promise<void> },
  ) {
    super(url, new KeyChain(DEV_MNEMONIC, Network.Testnet), 10);
  }

  /** Starts a fresh devnet (port 0, no interval mining), in memory or in a new chain in `keepChainIn`. */
  static async start(thread: DevnetThread = "worker", keepChainIn?: string): Promise<DevnetDriver> {
    const dataDir = keepChainIn;
    if (dataDir !== undefined && (await readdir(dataDir).catch(() => [])).length > 0) throw new ChainDirectoryNotEmpty(dataDir);
    if (thread === "main") {
      const devnet: Devnet = await startDevnet({ port: 0, dataDir, blockTimeMs: 0 });
      const times = timeChain(devnet.chain);
      const reset = async () => void ((times.validateMs.length = 0), (times.mineMs.length = 0));
      return new DevnetDriver(devnet.url, { times: async () => times, reset, close: () => devnet.close() });
    }
    const handle = new DevnetThreadHandle(startTsWorker(new URL("./devnet-worker.ts", import.meta.url), { dataDir }));
    const { url } = await handle.ask<{ url: string }>();
    return new DevnetDriver(url, {
      times: async () => (await handle.ask<{ times: NodeTimes }>("times")).times,
      reset: async () => void (await handle.ask("reset")),
      close: () => handle.close(),
    });
  }

  async mineTo(height: number): Promise<void> {
    while (this.tipHeight < height) {
      const blocks = Math.min(MAX_MINE, height - this.tipHeight);
      const mined = await this.node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
      this.tipHeight = mined.height;
    }
    // Signing contexts need the height, which is exact; their headers may be up to ten blocks old (no LETS script reads them).
    if (this.tipHeight - (this.headers[0]?.height ?? 0) >= HEADERS_MAX_AGE) await this.refresh();
  }

  override nodeTimes(): Promise<NodeTimes> {
    return this.owner.times();
  }

  override resetNodeTimes(): Promise<void> {
    return this.owner.reset();
  }

  async close(): Promise<void> {
    await this.owner.close();
  }
}
