/** Test helper: blocks through the real pipeline into a database, in one batch or block by block. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { BatchBlock } from "./batch.ts";
import { BatchPipeline } from "./pipeline.ts";

/** Syncs `blocks` into `db` with a new pipeline: one batch, or (`oneByOne`) a batch per block. */
export async function syncBlocks(db: Kysely<Database>, blocks: BatchBlock[], oneByOne = false): Promise<void> {
  const pipeline = new BatchPipeline(db);
  for (const group of oneByOne ? blocks.map((b) => [b]) : [blocks]) await pipeline.add(group);
  await pipeline.finish();
}
