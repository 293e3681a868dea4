// Underwriting (contract version 8, docs/underwriting.md) through the sync's pipeline into a
// database, on every backend, over the real chain of `underwriting-testing.ts`: every stake with its
// deal, state, heights and history; the ERG the default paid the committee and the underwriter as
// its tagged outputs say; the accounts' backing kept in their boxes; a sync restarted at every block
// (each block read by a new pipeline, the live boxes loaded from the database) equal to one batch;
// undoing blocks equal to a sync of the blocks before them, row for row.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import type { BatchBlock } from "./batch.ts";
import { BatchPipeline } from "./pipeline.ts";
import { underwritingHistory, type UnderwritingHistory } from "./underwriting-testing.ts";
import { undoEachThenResync, syncKeepingDumps } from "./sync-testing.ts";

async function sync(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

let h: UnderwritingHistory;
beforeAll(() => {
  h = underwritingHistory();
}, 600_000);

const ERG = 1_000_000_000n;
const id = (name: "alice" | "bob" | "carol") => h.ids[name];

describe.each(BACKENDS)("underwriting through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  }, 600_000);

  it("follows every stake: no compromise, nothing ignored; deal, state, heights and the default's ERG from its tagged outputs", async () => {
    expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("ignored_boxes").selectAll().execute()).toEqual([]);
    const rows = await db.selectFrom("underwriting_stakes").selectAll().orderBy("offered_height").execute();
    const outline = rows.map((r) => [r.stake_id, r.account_id, String(r.raise), String(r.premium), r.premium_account_id, String(r.stake_nano_erg), r.state, r.accepted_height, r.ended_tx_id, r.exit_kind, r.lost_nano_erg === null ? null : String(r.lost_nano_erg), r.returned_nano_erg === null ? null : String(r.returned_nano_erg)]);
    expect(outline).toEqual([
      [h.aliceOffer.boxId, id("alice"), "200", "0", null, String(10n * ERG), "settled", h.aliceStake.site.height, h.aliceDefault.site.txId, "default", String(h.aliceDefaulted.lost), String(h.aliceDefaulted.returned)],
      [h.carolOffer.boxId, id("carol"), "100", "5", id("bob"), String(5n * ERG), "withdrawn", h.carolStake.site.height, h.withdrawn.site.txId, null, null, null],
      [h.bobOffer.boxId, id("bob"), "100", "0", null, String(5n * ERG), "cancelled", null, h.cancelled.site.txId, null, null, null],
      [h.bobOffer2.boxId, id("bob"), "100", "0", null, String(5n * ERG), "active", h.bobStake.site.height, null, null, null, null],
    ]);
    expect(h.aliceStake.stakeId).toBe(h.aliceOffer.boxId);
    expect(rows[0]!.underwriter).toBe(h.f.uma.owner.toLowerCase());
    expect(rows[3]!.box_id).toBe(h.bobStake.boxId);
    const events = await db.selectFrom("underwriting_events").select(["stake_id", "event", "tx_id"]).orderBy("height").execute();
    expect(events.map((e) => [e.stake_id, e.event])).toEqual([
      [h.aliceOffer.boxId, "offered"], [h.aliceOffer.boxId, "accepted"], [h.carolOffer.boxId, "offered"], [h.carolOffer.boxId, "accepted"],
      [h.bobOffer.boxId, "offered"], [h.bobOffer.boxId, "cancelled"], [h.carolOffer.boxId, "withdrawn"], [h.aliceOffer.boxId, "exited"],
      [h.bobOffer2.boxId, "offered"], [h.bobOffer2.boxId, "accepted"],
    ]);
    const boxes = await db.selectFrom("underwriting_boxes").select(["stake_id", "version", "state", "spent_height"]).orderBy("height").execute();
    expect(boxes.filter((b) => b.spent_height === null).map((b) => [b.stake_id, b.version, b.state])).toEqual([[h.bobOffer2.boxId, 1, "active"]]);
  });

  it("keeps each account's backing in its boxes: bob's live box says 100 backed by one stake; alice's last box 200", async () => {
    const bob = await db.selectFrom("account_boxes").select(["credit_limit", "backed", "stake_keys"]).where("account_id", "=", id("bob")).where("spent_height", "is", null).executeTakeFirstOrThrow();
    expect([String(bob.credit_limit), String(bob.backed), bob.stake_keys]).toEqual(["200", "100", h.bobStake.stakeId!.slice(0, 32)]);
    const alice = await db.selectFrom("account_boxes").select(["credit_limit", "backed"]).where("account_id", "=", id("alice")).orderBy("created_height", "desc").executeTakeFirstOrThrow();
    expect([String(alice.credit_limit), String(alice.backed)]).toEqual(["300", "200"]);
    const carol = await db.selectFrom("account_boxes").select(["backed", "stake_keys"]).where("account_id", "=", id("carol")).orderBy("created_height", "desc").executeTakeFirstOrThrow();
    expect(carol).toEqual({ backed: null, stake_keys: null });
  });

  const undoFrom = () => [h.aliceDefault.site.height, h.withdrawn.site.height, h.cancelled.site.height, h.carolStake.site.height];
  const dumpsBefore = new Map<number, unknown>();

  it("writes the same rows when restarted at every block (a new pipeline each, its live boxes loaded from the database) as in one batch", async () => {
    const byBlock = await fresh();
    for (const [height, before] of await syncKeepingDumps(byBlock, h.c.blocks, undoFrom())) dumpsBefore.set(height, before);
    expect(await dump(byBlock)).toEqual(await dump(db));
  }, 300_000);

  it("undoes the blocks from the default, the withdrawal, the cancel and the acceptance, each back to a sync of the blocks before it, row for row; then syncs them again", async () => {
    const { afterUndo, resynced } = await undoEachThenResync(await fresh(), h.c.blocks, undoFrom());
    for (const [height, undone] of afterUndo) expect(undone).toEqual(dumpsBefore.get(height));
    expect(resynced).toEqual(await dump(db));
  }, 300_000);
});
