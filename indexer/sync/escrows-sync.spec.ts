// Escrows for post-factum payments (contract version 7, docs/escrow.md) through the sync's pipeline
// into a database, on every backend: an escrow recognised as a member (no compromise, nothing
// ignored, no join, sweep or govern at its opening or closing, its balance in the books), its
// boxes, its orders with how each was settled, and the payment legs of commits and settlements;
// one batch of blocks equal to block by block; undoing blocks equal to a sync of the blocks before
// them, row for row.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { escrowHistory, type EscrowHistory } from "./escrow-testing.ts";
import { BatchPipeline } from "./pipeline.ts";
import { liveTotals } from "./write-batch.ts";
import { syncBlocks, undoEachThenResync } from "./sync-testing.ts";

const sync = syncBlocks;

let h: EscrowHistory;
beforeAll(() => {
  h = escrowHistory();
}, 600_000);

const id = (name: string) => h.f.account(name).accountId;

describe.each(BACKENDS)("escrows through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  }, 600_000);

  it("takes escrows as members: no compromise, nothing ignored, no community event at opening or closing, the books zero with the open order's units", async () => {
    expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("ignored_boxes").selectAll().execute()).toEqual([]);
    const txs = [h.opened.txId, h.closed.txId, h.carolOpened.txId];
    expect(await db.selectFrom("events").select("kind").where("tx_id", "in", txs).execute()).toEqual([]);
    const totals = (await liveTotals(db, [h.f.communityId])).get(h.f.communityId)!;
    expect(totals.balances + totals.communityBalance).toBe(0n);
    expect(h.f.escrowOf("carol").balance).toBe(25n);
    const community = await db.selectFrom("communities").select("community_id").executeTakeFirstOrThrow();
    expect(community.community_id).toBe(h.f.communityId);
  });

  it("keeps each escrow: owner, opener, opening, closing, live box, balance and open order", async () => {
    const rows = await db.selectFrom("escrows").selectAll().orderBy("opened_height").execute();
    const carol = h.f.escrowOf("carol");
    const last = await db.selectFrom("escrow_boxes").selectAll().where("escrow_id", "=", h.opened.escrow.escrowId).orderBy("version", "desc").executeTakeFirstOrThrow();
    expect(rows.map((r) => ({ ...r, opened_timestamp: String(r.opened_timestamp) }))).toEqual([
      {
        escrow_id: h.opened.escrow.escrowId, community_id: h.f.communityId, owner: h.f.member("alice").owner.toLowerCase(), account_id: id("alice"),
        opened_height: h.opened.height, opened_tx_id: h.opened.txId, opened_timestamp: expect.any(String), closed_height: h.closed.height, closed_tx_id: h.closed.txId,
        box_id: last.box_id, version: h.rest ? 9 : 8, balance: "0", deposit_nano_erg: last.deposit_nano_erg, order_id: null,
      },
      {
        escrow_id: carol.escrowId, community_id: h.f.communityId, owner: h.f.member("carol").owner.toLowerCase(), account_id: id("carol"),
        opened_height: h.carolOpened.height, opened_tx_id: h.carolOpened.txId, opened_timestamp: expect.any(String), closed_height: null, closed_tx_id: null,
        box_id: carol.boxId, version: 1, balance: "25", deposit_nano_erg: carol.depositNanoErg.toString(), order_id: h.commitOpen.orderId,
      },
    ]);
    const boxes = await db.selectFrom("escrow_boxes").select(["box_id", "spent_height"]).where("escrow_id", "=", h.opened.escrow.escrowId).orderBy("version").execute();
    expect(boxes).toHaveLength(h.rest ? 10 : 9);
    expect(boxes.every((b) => b.spent_height !== null)).toBe(true);
  });

  it("records every order with its terms and how it was settled: released, refunded, claimed, released at 0 after the grace window, open", async () => {
    const orders = await db.selectFrom("escrow_orders").selectAll().orderBy("committed_height").execute();
    const outline = orders.map((o) => [o.order_id, o.payer_id, o.payee_id, String(o.max_units), String(o.minimum_units), o.status, o.settled_tx_id, String(o.released_units), String(o.returned_units), o.outcome]);
    expect(outline).toEqual([
      [h.commitReleased.orderId, id("alice"), id("bob"), "50", "20", "settled", h.released.txId, "35", "15", "released"],
      [h.commitRefunded.orderId, id("alice"), id("bob"), "40", "15", "settled", h.refunded.txId, "0", "40", "refunded"],
      [h.commitClaimed.orderId, id("alice"), id("bob"), "40", "15", "settled", h.claimed.txId, "15", h.rest ? "0" : "25", "claimed"],
      ...(h.rest ? [[h.restOrderId, id("alice"), id("bob"), "25", "0", "settled", h.rest.txId, "0", "25", "released"]] : []),
      [h.commitLapsed.orderId, id("alice"), id("carol"), "30", "10", "settled", h.lapsed.txId, "0", "30", "released"],
      [h.commitOpen.orderId, id("carol"), id("bob"), "25", "5", "open", null, "null", "null", null],
    ]);
    expect(orders[0]).toMatchObject({ reference: "ab".repeat(32), committed_tx_id: h.commitReleased.txId, committed_height: h.commitReleased.height, settled_height: h.released.height });
    expect(String(orders[0]!.deadline)).toBe(String(h.commitReleased.height - 1 + 100));
  });

  it("makes commits and settlements payment legs with the escrow id as the counterparty, 0 legs left out", async () => {
    const escrowId = h.opened.escrow.escrowId;
    const txs = [h.commitReleased.txId, h.released.txId, h.refunded.txId, h.claimed.txId, ...(h.rest ? [h.rest.txId] : [])];
    const legs = await db.selectFrom("payments").select(["tx_id", "leg", "payer", "payee", "amount"]).where("tx_id", "in", txs).orderBy("height").orderBy("leg").execute();
    expect(legs.map((l) => [l.tx_id, l.payer, l.payee, String(l.amount)])).toEqual([
      [h.commitReleased.txId, id("alice"), escrowId, "50"],
      [h.released.txId, escrowId, id("bob"), "35"],
      [h.released.txId, escrowId, id("alice"), "15"],
      [h.refunded.txId, escrowId, id("alice"), "40"],
      [h.claimed.txId, escrowId, id("bob"), "15"],
      [h.rest?.txId ?? h.claimed.txId, escrowId, id("alice"), "25"],
    ]);
    // What the legs say each account received and paid is its balance.
    for (const name of ["alice", "bob", "carol"]) {
      const net = await db.selectFrom("payments").select((eb) => [eb.fn.sum<string>("amount").as("s")]).where("payee", "=", id(name)).executeTakeFirst();
      const paid = await db.selectFrom("payments").select((eb) => [eb.fn.sum<string>("amount").as("s")]).where("payer", "=", id(name)).executeTakeFirst();
      expect(BigInt(net?.s ?? 0) - BigInt(paid?.s ?? 0)).toBe(h.f.account(name).balance);
    }
  });

  // The block-by-block sync keeps its dump before each undo height, so the undo is compared with a sync of the blocks before it.
  const undoFrom = () => [h.released.txId, h.claimed.txId, h.closed.txId, h.commitOpen.txId].map((txId) => h.c.blocks.find((b) => b.transactions.some((t) => t.id === txId))!.header.height);
  const dumpsBefore = new Map<number, unknown>();

  it("writes the same rows block by block as in one batch", async () => {
    const byBlock = await fresh();
    const heights = new Set(undoFrom());
    const pipeline = new BatchPipeline(byBlock);
    for (const block of h.c.blocks) {
      if (heights.has(block.header.height)) {
        await pipeline.finish();
        dumpsBefore.set(block.header.height, await dump(byBlock));
      }
      await pipeline.add([block]);
    }
    await pipeline.finish();
    expect(await dump(byBlock)).toEqual(await dump(db));
  }, 120_000);

  it("undoes the blocks from the last commit, the closing, the claim and the release, each back to a sync of the blocks before it, row for row; then syncs them again", async () => {
    const { afterUndo, resynced } = await undoEachThenResync(await fresh(), h.c.blocks, undoFrom());
    for (const [height, undone] of afterUndo) expect(undone).toEqual(dumpsBefore.get(height));
    expect(resynced).toEqual(await dump(db));
  }, 120_000);
});
