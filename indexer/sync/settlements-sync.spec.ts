// Batch settlements (contract version 5, docs/batches.md) through the sync's pipeline into a
// database and out of the queries, on every backend: the settlements, the orders they carried and
// their payment legs, the batch boxes, balances and sequences as the chain has them; one batch of
// blocks equal to block by block; undoing the blocks from the first settlement equal to a sync of
// the blocks before it.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { getAccount } from "../db/queries/accounts.ts";
import { getBatch, listBatches } from "../db/queries/batches.ts";
import { getOrder } from "../db/queries/orders.ts";
import { getTransaction } from "../db/queries/transactions.ts";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { idsOf, settlementHistory, type SettlementHistory } from "./settlement-testing.ts";
import { rollbackFrom } from "./write-batch.ts";
import { syncBlocks } from "./sync-testing.ts";

const sync = syncBlocks;

const txOf = (changes: SettlementHistory["settled"]) => changes.events[0]!.site.txId;

let h: SettlementHistory;
beforeAll(() => {
  h = settlementHistory();
});

describe.each(BACKENDS)("batch settlements through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  /** The whole history in one batch, shared by the tests that only read. */
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  });

  it("stores each settlement, its orders and their payment legs, and the accounts as the chain has them", async () => {
    const { c } = h;
    const first = txOf(h.settled);
    const batch = await getBatch(db, first);
    expect(batch).toMatchObject({ txId: first, communityId: c.a.communityId, batchBoxId: h.firstBox, orders: 3, total: "10", settler: c.settler.owner.toLowerCase() });
    expect(batch!.legs.map((l) => l.orderId).sort()).toEqual(idsOf(h.first).sort());
    // Each order a payment leg from its payer to its payee, numbered as the settlement's legs.
    const payments = await db.selectFrom("payments").select(["leg", "payer", "payee", "amount"]).where("tx_id", "=", first).orderBy("leg").execute();
    expect(payments.map((p) => ({ ...p, amount: String(p.amount) }))).toEqual(batch!.legs.map((l) => ({ leg: l.leg, payer: l.payer, payee: l.payee, amount: l.amount })));
    const page = await listBatches(db, c.a.communityId, { limit: 10, offset: 0, order: "desc" });
    expect(page!.items.map((b) => b.txId)).toEqual([txOf(h.memo), txOf(h.again), first]);
    expect(await listBatches(db, h.c.bId, { limit: 10, offset: 0, order: "desc" })).toEqual({ total: 0, items: [] });
    for (const name of ["alice", "bob", "carol"]) {
      const live = c.account(name);
      expect(await getAccount(db, live.accountId)).toMatchObject({ balance: live.balance.toString(), nextSeq: live.nextSeq!.toString(), boxId: live.boxId });
    }
    // An order known only from the chain.
    expect(await getOrder(db, idsOf(h.second)[0]!)).toMatchObject({ status: "settled", txId: txOf(h.again), receivedAt: null, reason: null });
    // Batch boxes: the one made, spent by the first settlement; each settlement's next; the last one live.
    const boxes = await db.selectFrom("batch_boxes").select(["box_id", "spent_height"]).orderBy("created_height").execute();
    expect(boxes.map((b) => [b.box_id, b.spent_height === null])).toEqual([[h.firstBox, false], [h.secondBox, false], [expect.any(String), false], [c.batchBox().boxId, true]]);
    expect(await db.selectFrom("refused_notes").select(["tx_id", "reason"]).execute()).toEqual([{ tx_id: txOf(h.memo), reason: expect.stringMatching(/batch settlement/) }]);
  });

  it("shows a settlement as a transaction of kind batch, its legs and every account's balance before and after", async () => {
    const tx = await getTransaction(db, txOf(h.settled));
    expect(tx).toMatchObject({ kind: "batch", communityId: h.c.a.communityId, events: [{ seq: 0, kind: "batch", accountId: null, amount: "10" }] });
    expect(tx!.legs).toHaveLength(3);
    const change = (name: string) => tx!.accounts.find((a) => a.accountId === h.before[name]!.accountId)!;
    expect(change("alice")).toMatchObject({ balanceBefore: h.before.alice!.balance.toString(), balanceAfter: (h.before.alice!.balance - 8n).toString() });
    expect(change("carol")).toMatchObject({ balanceBefore: h.before.carol!.balance.toString(), balanceAfter: (h.before.carol!.balance + 5n).toString() });
  });

  it("writes the same rows block by block as in one batch", async () => {
    const byBlock = await fresh();
    await sync(byBlock, h.c.blocks, true);
    expect(await dump(byBlock)).toEqual(await dump(db));
  });

  it("undoes the blocks from the first settlement back to a sync of the blocks before it, row for row", async () => {
    const at = h.c.blocks.findIndex((b) => b.transactions[0]!.id === txOf(h.settled));
    const [undone, reference] = [await fresh(), await fresh()];
    await sync(undone, h.c.blocks);
    await rollbackFrom(undone, h.c.blocks[at]!.header.height);
    await sync(reference, h.c.blocks.slice(0, at));
    expect(await dump(undone)).toEqual(await dump(reference));
    // The rows after it come back the same when the blocks are applied again.
    await sync(undone, h.c.blocks.slice(at));
    expect(await dump(undone)).toEqual(await dump(db));
  });
});
