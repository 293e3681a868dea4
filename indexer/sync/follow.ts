/**
 * The sync loop: follow a node block by block, each block in one database transaction with the
 * cursor; detect forks by block id and parent, undo back to the common ancestor (at most 200
 * blocks, the node's own limit), then apply the winning branch. A broken LETS invariant or a
 * deeper fork stops the sync loudly instead of writing wrong data.
 */
import { sql, type Kysely } from "kysely";
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

async function cursor(db: Kysely<Database>) {
  return db.selectFrom("blocks").select(["height", "block_id"]).orderBy("height", "desc").limit(1).executeTakeFirst();
}

async function bestIdAt(node: NodeClient, height: number): Promise<string | undefined> {
  return (await node.request<string[]>("GET", `/blocks/at/${height}`))[0];
}

/** Undoes our blocks that are no longer on the node's best chain. */
async function unwindFork(db: Kysely<Database>, node: NodeClient): Promise<number> {
  let undone = 0;
  for (let tip = await cursor(db); tip && (await bestIdAt(node, tip.height)) !== tip.block_id; tip = await cursor(db)) {
    if (++undone > MAX_REORG_DEPTH) throw new SyncHalted(`fork deeper than ${MAX_REORG_DEPTH} blocks at height ${tip.height}`);
    await db.transaction().execute((trx) => rollbackFrom(trx, tip!.height));
  }
  return undone;
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
async function applyOne(db: Kysely<Database>, block: NodeBlock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const changes = applyBlock(block, await loadView(trx, block));
    await writeBlock(trx, block, changes);
    const touched = new Set(changes.events.map((e) => (e.kind === "payment" ? e.communityId : e.community.communityId)));
    await checkConservation(trx as unknown as Kysely<Database>, [...touched]);
  });
}

/** One pass: unwind a fork if any, then apply every block up to the node's tip. */
export async function syncOnce(db: Kysely<Database>, node: NodeClient): Promise<{ applied: number; undone: number; height: number }> {
  const undone = await unwindFork(db, node);
  const target = (await node.info()).fullHeight;
  let applied = 0;
  for (let tip = await cursor(db); (tip?.height ?? 0) < target; tip = await cursor(db)) {
    const height = (tip?.height ?? 0) + 1;
    const id = await bestIdAt(node, height);
    if (!id) break;
    const block = await node.request<{ header: NodeBlock["header"]; blockTransactions: { transactions: NodeBlock["transactions"] } }>("GET", `/blocks/${id}`);
    if (tip && block.header.parentId !== tip.block_id) break; // the chain moved under us: next pass unwinds
    await applyOne(db, { header: block.header, transactions: block.blockTransactions.transactions });
    applied += 1;
  }
  return { applied, undone, height: (await cursor(db))?.height ?? 0 };
}
