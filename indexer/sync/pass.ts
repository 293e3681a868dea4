/**
 * One sync pass, `syncOnce` (`loop.ts` repeats it): follow a node block by block up to its tip,
 * consecutive blocks written in one database transaction with the cursor (batches of about 10,000
 * transactions while catching up; one block at the tip), so a crash leaves the state of some
 * block, never half of one; detect forks by block id and parent, undo back to the common ancestor
 * (at most 200 blocks, the node's own limit), then apply the winning branch. A broken LETS
 * invariant or a deeper fork stops the sync loudly instead of writing wrong data.
 */
import type { Kysely } from "kysely";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { Database } from "../db/schema.ts";
import { rollbackFrom } from "./write-batch.ts";
import type { BatchBlock } from "./batch.ts";
import { SyncHalted } from "./halted.ts";
import { BatchPipeline, type WriteGuard } from "./pipeline.ts";
import { prefetchBlocks } from "./prefetch.ts";

export { SyncHalted } from "./halted.ts";
export type { WriteGuard } from "./pipeline.ts";

/** Deepest reorg the indexer follows. */
export const MAX_REORG_DEPTH = 200;
/**
 * Transactions per database transaction while catching up: enough that many boxes a batch creates
 * are also spent in it (one insert instead of an insert and an update), few enough that the next
 * blocks arrive while it is written.
 */
const BATCH_TRANSACTIONS = 10_000;

async function cursor(db: Kysely<Database>) {
  return db.selectFrom("blocks").select(["height", "block_id"]).orderBy("height", "desc").limit(1).executeTakeFirst();
}

async function bestIdAt(node: NodeClient, height: number): Promise<string | undefined> {
  return (await node.request<string[]>("GET", `/blocks/at/${height}`))[0];
}

/**
 * Undoes our blocks that are no longer on the node's best chain. The fork point is found by
 * reading first, so a fork deeper than the limit (or a node of another chain) halts before
 * anything is undone, instead of after undoing the limit's worth of blocks on every restart.
 */
async function unwindFork(db: Kysely<Database>, node: NodeClient, guard?: WriteGuard): Promise<number> {
  const tip = await cursor(db);
  if (!tip) return 0;
  let kept: { height: number; block_id: string } | undefined = tip;
  while (kept && (await bestIdAt(node, kept.height)) !== kept.block_id) {
    if (tip.height - kept.height + 1 > MAX_REORG_DEPTH) throw new SyncHalted(`fork deeper than ${MAX_REORG_DEPTH} blocks at height ${tip.height}`);
    kept = await db.selectFrom("blocks").select(["height", "block_id"]).where("height", "=", kept.height - 1).executeTakeFirst();
  }
  const forkHeight = kept?.height ?? 0;
  for (let height = tip.height; height > forkHeight; height--) {
    await db.transaction().execute(async (trx) => {
      await rollbackFrom(trx, height);
      await guard?.(trx);
    });
  }
  return tip.height - forkHeight;
}

/** What one pass did: blocks applied and undone, our cursor after it, and the node's height it aimed at. */
export interface SyncPass {
  applied: number;
  undone: number;
  height: number;
  nodeHeight: number;
}

/** What one pass may do, and whom it tells. */
export interface SyncPassOptions {
  /** Blocks to apply at most in this pass (default: up to the node's tip). */
  maxBlocks?: number;
  /** Runs last in every write transaction (the writer-lock check). */
  guard?: WriteGuard;
  /** Told the cursor height after every committed batch. */
  onProgress?: (height: number) => void;
  /** Asked before every batch: true ends the pass early. */
  shouldStop?: () => boolean;
}

/**
 * One pass: unwind a fork if any, then apply every block up to the node's tip, or only the next
 * `maxBlocks` of them, in batches written while the next ones are fetched and decoded.
 */
export async function syncOnce(db: Kysely<Database>, node: NodeClient, options: SyncPassOptions = {}): Promise<SyncPass> {
  const undone = await unwindFork(db, node, options.guard);
  const target = (await node.info()).fullHeight;
  const tip = await cursor(db);
  const from = (tip?.height ?? 0) + 1;
  const to = Math.min(target, from - 1 + (options.maxBlocks ?? Infinity));
  const pipeline = new BatchPipeline(db, options.guard, options.onProgress);
  let parentId = tip?.block_id;
  let batch: BatchBlock[] = [];
  let transactions = 0;
  const flush = async () => {
    if (batch.length > 0) await pipeline.add(batch);
    batch = [];
    transactions = 0;
  };
  try {
    for await (const block of prefetchBlocks(node, from, to)) {
      if (parentId !== undefined && block.header.parentId !== parentId) break; // the chain moved under us: next pass unwinds
      parentId = block.header.id;
      batch.push(block);
      transactions += block.transactions.length;
      if (transactions >= BATCH_TRANSACTIONS) await flush();
      if (options.shouldStop?.()) break;
    }
    await flush();
  } finally {
    await pipeline.finish();
  }
  return { applied: pipeline.applied, undone, height: (await cursor(db))?.height ?? 0, nodeHeight: target };
}
