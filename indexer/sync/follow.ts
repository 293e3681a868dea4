/**
 * The sync loop: follow a node block by block, each block in one database transaction with the
 * cursor; detect forks by block id and parent, undo back to the common ancestor (at most 200
 * blocks, the node's own limit), then apply the winning branch. A broken LETS invariant or a
 * deeper fork stops the sync loudly instead of writing wrong data.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { NodeClient } from "../node/client.ts";
import type { Database } from "../db/schema.ts";
import { loadView } from "../db/lets-view.ts";
import { rollbackFrom, writeBlock } from "../db/write-block.ts";
import { applyBlock, type ChainBlock } from "./apply-block.ts";

/** Deepest reorg the indexer follows. */
export const MAX_REORG_DEPTH = 200;

/** The sync must stop: continuing would corrupt the mirror. */
export class SyncHalted extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncHalted";
  }
}

type NodeBlock = ChainBlock & { header: ChainBlock["header"] & { parentId: string } };

/** Runs last inside every write transaction; throwing rolls it back (the writer-lock check). */
export type WriteGuard = (trx: Transaction<Database>) => Promise<void>;

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

/** Checks sum(live balances) + communityBalance = 0 for the communities a block touched. */
async function checkConservation(db: Kysely<Database>, communityIds: string[]): Promise<void> {
  for (const communityId of communityIds) {
    const balances = await db.selectFrom("account_boxes").select(sql<string>`coalesce(sum(balance), 0)`.as("sum")).where("community_id", "=", communityId).where("spent_height", "is", null).executeTakeFirstOrThrow();
    const community = await db.selectFrom("community_boxes").select("community_balance").where("community_id", "=", communityId).where("spent_height", "is", null).executeTakeFirst();
    const total = BigInt(balances.sum) + BigInt(community?.community_balance ?? 0);
    if (total !== 0n) throw new SyncHalted(`community ${communityId}: sum of balances + communityBalance = ${total}, not 0`);
  }
}

/** Applies one block on top of the cursor, atomically. */
async function applyOne(db: Kysely<Database>, block: NodeBlock, guard?: WriteGuard): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const changes = applyBlock(block, await loadView(trx, block));
    await writeBlock(trx, block, changes);
    const touched = new Set(changes.events.map((e) => (e.kind === "payment" ? e.communityId : e.community.communityId)));
    await checkConservation(trx as unknown as Kysely<Database>, [...touched]);
    await guard?.(trx);
  });
}

/** What one pass did: blocks applied and undone, our cursor after it, and the node's height it aimed at. */
export interface SyncPass {
  applied: number;
  undone: number;
  height: number;
  nodeHeight: number;
}

/**
 * One pass: unwind a fork if any, then apply every block up to the node's tip, or only the next
 * `maxBlocks` of them (so a caller can report progress and stop in the middle of a long catch-up).
 */
export async function syncOnce(db: Kysely<Database>, node: NodeClient, options: { maxBlocks?: number; guard?: WriteGuard } = {}): Promise<SyncPass> {
  const undone = await unwindFork(db, node, options.guard);
  const target = (await node.info()).fullHeight;
  const maxBlocks = options.maxBlocks ?? Infinity;
  let applied = 0;
  for (let tip = await cursor(db); (tip?.height ?? 0) < target && applied < maxBlocks; tip = await cursor(db)) {
    const height = (tip?.height ?? 0) + 1;
    const id = await bestIdAt(node, height);
    if (!id) break;
    const block = await node.request<{ header: NodeBlock["header"]; blockTransactions: { transactions: NodeBlock["transactions"] } }>("GET", `/blocks/${id}`);
    if (tip && block.header.parentId !== tip.block_id) break; // the chain moved under us: next pass unwinds
    await applyOne(db, { header: block.header, transactions: block.blockTransactions.transactions }, options.guard);
    applied += 1;
  }
  return { applied, undone, height: (await cursor(db))?.height ?? 0, nodeHeight: target };
}
