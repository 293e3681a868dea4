// Batch settlements (contract version 5, docs/batches.md) decoded from real transactions of the
// builders, both interpreters judging each: the orders rebuilt from the batch input's variables,
// each a payment leg from its payer to its payee, next to twins that differ in one field.
import { beforeAll, describe, expect, it } from "vitest";
import { SColl, SLong } from "@fleet-sdk/serializer";
import type { SignedOrder } from "../../contracts/orders.ts";
import { edited, Replay } from "./block-testing.ts";
import type { BlockChanges, SettledOrder } from "./lets-events.ts";
import { pendingRows } from "./mempool.ts";
import { idsOf, settlementHistory, type SettlementHistory } from "./settlement-testing.ts";

const byId = (orders: readonly SettledOrder[]) => [...orders].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
const withIds = (orders: readonly SignedOrder[]) => byId(orders.map((o, i) => ({ ...o, orderId: idsOf(orders)[i]! })));
const batchOf = (changes: BlockChanges) => {
  const event = changes.events[0];
  if (event?.kind !== "batch") throw new Error(`not a settlement: ${event?.kind}`);
  return event;
};

let h: SettlementHistory;
beforeAll(() => {
  h = settlementHistory();
});

describe("applyBlock on batch settlements", () => {
  it("keeps the batch box a transaction made, with its value and creation height", () => {
    const { record, box } = h.made;
    expect(record).toEqual({ boxId: h.firstBox, valueNanoErg: BigInt(box.value), creationHeight: box.creationHeight });
  });

  it("reads a settlement: its orders rebuilt with their ids, the settler, the batch box spent and the next one made", () => {
    const { c, firstBox, secondBox, before, first, settled } = h;
    expect(settled.events).toHaveLength(1);
    const event = batchOf(settled);
    expect(event).toMatchObject({ kind: "batch", communityId: c.a.communityId, batchBoxId: firstBox, settler: c.settler.owner.toLowerCase() });
    expect(byId(event.orders)).toEqual(withIds(first));
    expect(event.accounts.map((a) => a.accountId).sort()).toEqual(["alice", "bob", "carol"].map((n) => before[n]!.accountId).sort());
    expect(settled.spent).toContain(firstBox);
    expect(settled.batchBoxes.map((b) => b.boxId)).toEqual([secondBox]);
    const after = Object.fromEntries(settled.accounts.map((a) => [a.accountId, a]));
    expect(after[before.alice!.accountId]).toMatchObject({ balance: before.alice!.balance - 8n, nextSeq: 2n });
    expect(after[before.bob!.accountId]).toMatchObject({ balance: before.bob!.balance + 3n, nextSeq: 1n });
    expect(after[before.carol!.accountId]).toMatchObject({ balance: before.carol!.balance + 5n, nextSeq: 0n });
  });

  it("reads the next settlement on the box the last one made, the payers' numbers going on from their nextSeq", () => {
    const event = batchOf(h.again);
    expect(event.batchBoxId).toBe(h.secondBox);
    expect(byId(event.orders)).toEqual(withIds(h.second));
    expect(event.orders.map((o) => o.seq).sort()).toEqual([0n, 2n]);
  });

  it("reads its twin whose first input is no batch box (the batch box moved last) as a payment: net changes, no orders", () => {
    const { c } = h;
    const at = c.blocks.findIndex((b) => b.transactions[0]!.id === h.settled.events[0]!.site.txId);
    const replay = new Replay();
    for (const block of c.blocks.slice(0, at)) replay.applyBlock(block);
    const tx = c.blocks[at]!.transactions[0]!;
    const height = c.blocks[at]!.header.height;
    expect(replay.peek(tx, height).events.map((e) => e.kind)).toEqual(["batch"]);
    const twin = edited(tx, (copy) => copy.inputs.push(copy.inputs.shift()!));
    const changes = replay.peek(twin, height);
    expect(changes.events).toEqual([expect.objectContaining({ kind: "payment", payer: h.before.alice!.accountId })]);
    const event = changes.events[0]!;
    expect(event.kind === "payment" && event.payees.map((p) => p.amount).sort()).toEqual([3n, 5n]);
    expect(changes.spent).toContain(h.firstBox); // the batch box is spent all the same
  });

  it("reads a settlement whose variables do not explain the accounts' changes (one amount edited) as a payment", () => {
    const { c } = h;
    const at = c.blocks.findIndex((b) => b.transactions[0]!.id === h.settled.events[0]!.site.txId);
    const replay = new Replay();
    for (const block of c.blocks.slice(0, at)) replay.applyBlock(block);
    const tx = c.blocks[at]!.transactions[0]!;
    const amounts = batchOf(h.settled).orders.map((o) => o.amount);
    const twin = edited(tx, (copy) => {
      copy.inputs[0]!.spendingProof!.extension!["3"] = SColl(SLong, amounts.map((a, i) => (i === 0 ? a + 1n : a))).toHex();
    });
    expect(replay.peek(twin, c.blocks[at]!.header.height).events.map((e) => e.kind)).toEqual(["payment"]);
  });

  it("refuses a memo the settler wrote on a payer's input (no owner signs a settlement), and settles all the same", () => {
    const event = batchOf(h.memo);
    expect(event.orders).toHaveLength(1);
    expect(h.memo.refusedNotes).toEqual([{ txId: event.site.txId, boxId: h.bobBox, accountId: h.before.bob!.accountId, reason: expect.stringMatching(/batch settlement/) }]);
    // Its twins without a memo refused nothing.
    expect([...h.settled.refusedNotes, ...h.again.refusedNotes]).toEqual([]);
  });

  it("shows a waiting settlement in the mempool view as each account's change", () => {
    const rows = pendingRows(h.settled.events[0]!);
    expect(Object.fromEntries(rows.map((r) => [r.account_id, r.balance_delta]))).toEqual({
      [h.before.alice!.accountId]: -8n, [h.before.bob!.accountId]: 3n, [h.before.carol!.accountId]: 5n,
    });
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["batch"]));
  });
});
