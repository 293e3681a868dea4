/** Test helper: blocks through the real pipeline into a database, in one batch or block by block, and undone. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { dump } from "../db/testing.ts";
import type { BatchBlock } from "./batch.ts";
import { BatchPipeline } from "./pipeline.ts";
import { rollbackFrom } from "./write-batch.ts";

/** Syncs `blocks` into `db` with a new pipeline: one batch, or (`oneByOne`) a batch per block. */
export async function syncBlocks(db: Kysely<Database>, blocks: BatchBlock[], oneByOne = false): Promise<void> {
  const pipeline = new BatchPipeline(db);
  for (const group of oneByOne ? blocks.map((b) => [b]) : [blocks]) await pipeline.add(group);
  await pipeline.finish();
}

/** Syncs `blocks` into `db` block by block, keeping the database's dump before each block at one of `heights`. */
export async function syncKeepingDumps(db: Kysely<Database>, blocks: BatchBlock[], heights: readonly number[]): Promise<Map<number, unknown>> {
  const at = new Set(heights);
  const dumps = new Map<number, unknown>();
  for (const block of blocks) {
    if (at.has(block.header.height)) dumps.set(block.header.height, await dump(db));
    await syncBlocks(db, [block]);
  }
  return dumps;
}

/**
 * Syncs every block into `db`, then undoes from each of `heights`, highest first, keeping the dump
 * after each undo; then syncs the undone blocks again. Returns those dumps and the last one.
 */
export async function undoEachThenResync(db: Kysely<Database>, blocks: BatchBlock[], heights: readonly number[]): Promise<{ afterUndo: Map<number, unknown>; resynced: unknown }> {
  await syncBlocks(db, blocks);
  const afterUndo = new Map<number, unknown>();
  for (const height of [...heights].sort((a, b) => b - a)) {
    await db.transaction().execute((trx) => rollbackFrom(trx, height));
    afterUndo.set(height, await dump(db));
  }
  await syncBlocks(db, blocks.filter((b) => b.header.height >= Math.min(...heights)));
  return { afterUndo, resynced: await dump(db) };
}
