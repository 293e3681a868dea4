/**
 * Follow lag: how long after a block is mined the indexer's cursor reaches it. A live devnet (the
 * `lets devnet` command, its own process) mines on an interval; a driver process submits real
 * signed payments every block; `startIndexer` (as `lets index` runs, default poll interval unless
 * told) follows it. A block's lag is the moment the sync loop's cursor first reached it minus the
 * block's timestamp, which the devnet takes from the clock when it mines the block.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../log.ts";
import { startIndexer } from "../start.ts";
import { waitForNodeTip } from "../wait.ts";
import { freshPostgres, startChild } from "./processes.ts";

export interface FollowLagOptions {
  adminUrl: string;
  blocks: number;
  blockTimeMs: number;
  paymentsPerBlock: number;
  pollMs: number;
}

export interface FollowLag extends Omit<FollowLagOptions, "adminUrl"> {
  letsTransactions: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** The value at quantile `q` of `sorted` (nearest rank). */
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function measureFollowLag(options: FollowLagOptions): Promise<FollowLag> {
  const dir = await mkdtemp(join(tmpdir(), "lets-bench-devnet-"));
  const devnet = await startChild("scripts/lets.ts", ["devnet", "--port", "0", "--block-time", String(options.blockTimeMs), "--data", dir, "--reset"], /devnet listening on (http:\/\/\S+)/);
  const url = devnet.ready[1]!;
  const database = await freshPostgres(options.adminUrl);
  await database.db.destroy();
  const driver = await startChild("indexer/bench/pay-driver.ts", [url, String(options.paymentsPerBlock)], /ready (\w+) (\d+)/);
  const indexer = await startIndexer({ nodeUrl: url, port: 0, databaseUrl: database.location, pollMs: options.pollMs, logger: silentLogger });
  try {
    const start = await waitForNodeTip(indexer, url, 60_000);
    const seenAt = new Map<number, number>();
    let last = start;
    while (last < start + options.blocks) {
      const height = indexer.sync.status().cursorHeight;
      for (let h = last + 1; h <= height; h++) seenAt.set(h, Date.now());
      last = Math.max(last, height);
      await new Promise((done) => setTimeout(done, 2));
    }
    const rows = await indexer.db.selectFrom("blocks").select(["height", "timestamp"]).where("height", ">", start).where("height", "<=", last).execute();
    const lags = rows.map((r) => seenAt.get(r.height)! - Number(r.timestamp)).sort((a, b) => a - b);
    const txs = await indexer.db.selectFrom("events").select("tx_id").distinct().where("height", ">", start).where("height", "<=", last).execute();
    const { adminUrl: _adminUrl, ...shown } = options;
    return { ...shown, letsTransactions: txs.length, medianMs: quantile(lags, 0.5), p95Ms: quantile(lags, 0.95), maxMs: lags.at(-1)! };
  } finally {
    await indexer.close();
    await driver.close();
    await devnet.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
