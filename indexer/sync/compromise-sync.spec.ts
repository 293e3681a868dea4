import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import type { Database } from "../db/schema.ts";
import { rollbackFrom } from "./write-batch.ts";
import { checkBlocks, planBatch, type BatchBlock } from "./batch.ts";
import { compromisedChain, type CompromisedChain } from "./compromised-chain.ts";
import { SyncHalted } from "./halted.ts";
import { MemoryLetsState } from "./memory-state.ts";
import { BatchPipeline } from "./pipeline.ts";

let chain: CompromisedChain;
beforeAll(() => {
  chain = compromisedChain();
});

/** Writes `batches` through the sync's pipeline, each batch in one database transaction. */
async function sync(db: Kysely<Database>, ...batches: BatchBlock[][]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  for (const batch of batches) await pipeline.add(batch);
  await pipeline.finish();
}

const cursor = async (db: Kysely<Database>) => (await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst())?.height ?? 0;

describe.each(BACKENDS)("the sync past a compromised community on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("records the forged account, keeps syncing A (its books broken) and everything else, in one batch or across batches", async () => {
    for (const batches of [[[...chain.sound, chain.forged, ...chain.later]], [[...chain.sound, chain.forged], chain.later]]) {
      const db = await fresh();
      await sync(db, ...batches);
      expect(await cursor(db)).toBe(chain.later.at(-1)!.header.height);
      expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([{
        community_id: chain.ids.a, tx_id: chain.forged.transactions[0]!.id, height: chain.forged.header.height, kind: "forged-account",
        box_id: chain.ids.forgedBox, detail: `an account box whose accountId comes from no account input or join of its transaction: accountId ${chain.ids.forgedAccount}`,
      }]);
      const events = await db.selectFrom("events").select(["tx_id", "kind"]).where("height", ">=", chain.forged.header.height).orderBy("height").execute();
      expect(events).toEqual(chain.later.map((b) => ({ tx_id: b.transactions[0]!.id, kind: "payment" })));
      expect(await db.selectFrom("account_boxes").where("box_id", "=", chain.ids.forgedBox).selectAll().execute()).toEqual([]);
    }
  });

  it("halts on a violation in a community without a flag, writing nothing of that batch", async () => {
    const db = await fresh();
    await sync(db, chain.sound);
    const before = await dump(db);
    const halted = sync(db, [chain.unflagged]);
    await expect(halted).rejects.toThrow(SyncHalted);
    await expect(halted).rejects.toThrow(new RegExp(`^community ${chain.ids.b} at height ${chain.unflagged.header.height}: sum of balances \\+ communityBalance = 1, not 0$`));
    expect(await dump(db)).toEqual(before);
    await expect(sync(await fresh(), [...chain.sound, chain.unflagged])).rejects.toThrow(SyncHalted);
  });

  it("undoes the compromise with its block: equal, row for row, to a sync of the blocks before it", async () => {
    const db = await fresh();
    await sync(db, [...chain.sound, chain.forged, ...chain.later]);
    for (let height = chain.later.at(-1)!.header.height; height >= chain.forged.header.height; height--) await rollbackFrom(db, height);
    const reference = await fresh();
    await sync(reference, chain.sound);
    expect(await dump(db)).toEqual(await dump(reference));
    expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([]);
  });
});

describe("checkBlocks", () => {
  it("halts on a violation in the blocks before a community's first flag in the batch, not after it", () => {
    const state = new MemoryLetsState();
    const plan = planBatch([...chain.sound, chain.forged, ...chain.later], state);
    expect(plan.compromised).toEqual(new Map([[chain.ids.a, chain.forged.header.height]]));
    expect(() => checkBlocks(plan, new Map())).not.toThrow();
    const early = { ...plan, compromised: new Map([[chain.ids.a, chain.later[0]!.header.height]]) };
    expect(() => checkBlocks(early, new Map())).toThrow(new RegExp(`^community ${chain.ids.a} at height ${chain.forged.header.height}: sum of balances \\+ communityBalance = -15, not 0$`));
    expect(() => checkBlocks(early, new Map(), new Set([chain.ids.a]))).not.toThrow();
  });
});
