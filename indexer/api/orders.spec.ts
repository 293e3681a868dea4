// Payment orders and batch settlements through the API (docs/batches.md), on every backend, over a
// real chain of the builders synced block by block: POST /orders (JSON, text form, lists, junk),
// what became of each order as the chain goes on (pending, submitted, settled, void, expired; back
// to pending when its settlement's block is undone), accounts' pending sums, the batches. Every
// JSON answer is checked against /docs by the test client.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { encodeOrder, orderToJson, signOrder, type SignedOrder } from "../../contracts/orders.ts";
import { markSubmitted } from "../db/order-book.ts";
import type { Database } from "../db/schema.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import type { BatchBlock } from "../sync/batch.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import { idsOf, SettlementChain } from "../sync/settlement-testing.ts";
import { rollbackFrom } from "../sync/write-batch.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";
import { csvRecords } from "../../util/csv.ts";

/**
 * The chain in three parts: a batch box made; the first settlement (alice's two orders, bob's one);
 * a settlement of alice's order number 2 to carol, which no one posted. Orders signed along the way
 * for the API to receive.
 */
function history() {
  const c = new SettlementChain();
  c.makeBatchBox();
  const made = c.blocks.length;
  const first = [c.order("alice", "bob", 5n, 0n), c.order("alice", "carol", 3n, 1n), c.order("bob", "carol", 2n, 0n)];
  c.settle(["alice", "bob", "carol"], first);
  const settledAt = c.blocks.length;
  const rival = c.order("alice", "bob", 7n, 2n); // posted, then passed by the one below
  const unposted = c.order("alice", "carol", 1n, 2n);
  const tip = c.world.height;
  const alice = c.account("alice");
  const closing = signOrder({ communityId: alice.communityId, payer: c.account("carol").accountId, payee: alice.accountId, amount: 1n, seq: 0n, expiry: BigInt(tip + 1) }, c.member("carol").party.key.privateKey as Uint8Array);
  const waiting = c.order("carol", "alice", 2n, 1n);
  c.settle(["alice", "carol"], [unposted]);
  return { c, made, settledAt, first, rival, unposted, closing, waiting };
}

let h: ReturnType<typeof history>;
beforeAll(() => {
  h = history();
});

const json = (o: SignedOrder) => orderToJson(o);

describe.each(BACKENDS)("payment orders through the API on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  let api: ApiClient;
  const pipeline = () => new BatchPipeline(db);
  const sync = async (blocks: BatchBlock[]) => {
    const p = pipeline();
    for (const block of blocks) await p.add([block]);
    await p.finish();
  };
  const order = async (id: string) => (await api.get(`/orders/${id}`)).body;
  const account = async (name: string) => (await api.get(`/accounts/${h.c.account(name).accountId}`)).body;

  beforeAll(async () => {
    db = await fresh();
    api = await apiClient(buildIndexerApi({ db }));
    await sync(h.c.blocks.slice(0, h.made));
  });

  it("keeps posted orders once each, as JSON, as text, one or a list, and counts them in the accounts' pending sums", async () => {
    const [a, b, c] = h.first;
    const reply = await api.post("/orders", [json(a!), encodeOrder(b!)]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      accepted: 2, added: 2, refused: 0,
      items: [
        { index: 0, orderId: idsOf([a!])[0], accepted: true, added: true, reason: null },
        { index: 1, orderId: idsOf([b!])[0], accepted: true, added: true, reason: null },
      ],
    });
    expect((await api.post("/orders", json(c!))).body).toMatchObject({ accepted: 1, added: 1 });
    expect((await api.post("/orders", [json(c!)])).body).toMatchObject({ accepted: 1, added: 0 }); // a list of one is a list
    expect((await api.post("/orders", `${encodeOrder(a!)}\n\n${encodeOrder(c!)}\n`, "text/plain")).body).toMatchObject({ accepted: 2, added: 0, refused: 0 });
    const pending = await api.get(`/orders?status=pending&community=${h.c.a.communityId}`);
    expect(pending.body.total).toBe(3);
    expect(pending.body.items.map((o: { orderId: string }) => o.orderId).sort()).toEqual(idsOf(h.first).sort());
    expect(await order(idsOf([a!])[0]!)).toMatchObject({ status: "pending", txId: null, height: null, reason: null, amount: "5", seq: "0", receivedAt: expect.any(Number) });
    expect(await account("alice")).toMatchObject({ nextSeq: "0", pendingOut: "8", pendingIn: "0" });
    expect(await account("carol")).toMatchObject({ pendingOut: "0", pendingIn: "5" });
  });

  it("refuses each order that cannot wait for a settlement with its reason, and junk one item at a time", async () => {
    const [a] = h.first;
    const forged = { ...json(a!), amount: "6" }; // alice signed 5
    const stranger = { ...json(a!), payee: "ab".repeat(32) };
    const lapsed = signOrder({ ...a!, seq: 9n, expiry: BigInt(h.c.blocks[h.made - 1]!.header.height) }, h.c.member("alice").party.key.privateKey as Uint8Array);
    const items = [42, null, "lets-order:!!", { ...json(a!), amount: 5 }, forged, stranger, orderToJson(lapsed), [json(a!)]];
    const reply = await api.post("/orders", items);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ accepted: 0, added: 0, refused: items.length });
    expect(reply.body.items.map((i: { reason: string }) => i.reason)).toEqual([
      expect.stringMatching(/JSON object/), expect.stringMatching(/JSON object/), expect.stringMatching(/base64url/), expect.stringMatching(/^payment order amount/),
      expect.stringMatching(/signature is not the payer's/), expect.stringMatching(/no open account abab/), expect.stringMatching(/expired at height/), expect.stringMatching(/JSON object/),
    ]);
    expect(reply.body.items[4].orderId).toMatch(/^[0-9a-f]{64}$/);
    expect((await api.post("/orders", "not json at all", "application/json")).status).toBe(400);
    expect((await api.post("/orders", Array.from({ length: 1_001 }, () => 1))).status).toBe(400);
    expect((await api.get(`/orders?status=pending`)).body.total).toBe(3);
  });

  it("shows an order settled with its settlement once the block is in, and the settlement with its orders", async () => {
    await sync(h.c.blocks.slice(h.made, h.settledAt));
    const txId = h.c.blocks[h.settledAt - 1]!.transactions[0]!.id;
    const height = h.c.blocks[h.settledAt - 1]!.header.height;
    for (const id of idsOf(h.first)) expect(await order(id)).toMatchObject({ status: "settled", txId, height, reason: null });
    expect(await account("alice")).toMatchObject({ nextSeq: "2", pendingOut: "0" });
    const batch = await api.get(`/batches/${txId}`);
    expect(batch.body).toMatchObject({ txId, height, communityId: h.c.a.communityId, orders: 3, total: "10", settler: h.c.settler.owner.toLowerCase() });
    expect(batch.body.legs.map((l: { orderId: string }) => l.orderId).sort()).toEqual(idsOf(h.first).sort());
    const list = await api.get(`/communities/${h.c.a.communityId}/batches`);
    expect(list.body).toMatchObject({ total: 1, items: [{ txId, orders: 3 }] });
    expect((await api.get(`/transactions/${txId}`)).body).toMatchObject({ kind: "batch", legs: expect.any(Array) });
    expect((await api.get(`/batches/${"0".repeat(64)}`)).status).toBe(404);
    expect((await api.get(`/orders/${"0".repeat(64)}`)).status).toBe(404);
    // An order whose number is passed is refused when posted.
    const again = signOrder({ ...h.first[0]!, amount: 6n }, h.c.member("alice").party.key.privateKey as Uint8Array);
    expect((await api.post("/orders", json(again))).body.items[0].reason).toMatch(/number 0 is passed: the payer's next order is 2/);
  });

  it("voids an order passed by another with its number, expires one whose height went by, and lists what the chain alone settled", async () => {
    expect((await api.post("/orders", [json(h.rival), json(h.closing), json(h.waiting)])).body).toMatchObject({ accepted: 3, added: 3 });
    await sync(h.c.blocks.slice(h.settledAt));
    const [rival, closing, waiting, unposted] = idsOf([h.rival, h.closing, h.waiting, h.unposted]);
    expect(await order(rival!)).toMatchObject({ status: "void", reason: expect.stringMatching(/next order is number 3: this one \(number 2\) was passed/) });
    expect(await order(closing!)).toMatchObject({ status: "expired", reason: expect.stringMatching(/expired at height/) });
    expect(await order(waiting!)).toMatchObject({ status: "pending" });
    expect(await order(unposted!)).toMatchObject({ status: "settled", receivedAt: null });
    // Alice's: the two she paid in the first settlement, then the one no one posted, by height.
    const alices = await api.get(`/orders?account=${h.c.account("alice").accountId}&status=settled&order=asc`);
    const ids = alices.body.items.map((o: { orderId: string }) => o.orderId);
    expect(alices.body.total).toBe(3);
    expect(ids.slice(0, 2).sort()).toEqual(idsOf(h.first.slice(0, 2)).sort());
    expect(ids[2]).toBe(unposted);
    const csv = await api.get(`/orders?status=void&format=csv`);
    expect(csv.contentType).toMatch(/^text\/csv/);
    const rows = csvRecords(csv.text);
    expect(rows).toEqual([expect.objectContaining({ orderId: rival, status: "void", seq: "2", txId: "" })]);
    expect(await account("carol")).toMatchObject({ pendingOut: "2", pendingIn: "0" });
  });

  it("calls an order submitted while its settlement is in the mempool or was sent at the tip, pending after", async () => {
    const [waiting] = idsOf([h.waiting]);
    const tip = h.c.world.height;
    await markSubmitted(db, [waiting!], "cd".repeat(32), tip);
    expect(await order(waiting!)).toMatchObject({ status: "submitted", txId: "cd".repeat(32), reason: null });
    await markSubmitted(db, [waiting!], "cd".repeat(32), tip - 1); // a block has come since
    expect(await order(waiting!)).toMatchObject({ status: "pending", txId: null });
    await db.insertInto("unconfirmed_settlements").values({ tx_id: "ef".repeat(32), leg: 0, order_id: waiting!, community_id: h.c.a.communityId, base_height: tip }).execute();
    expect(await order(waiting!)).toMatchObject({ status: "submitted", txId: "ef".repeat(32) });
    expect((await api.get(`/orders?status=submitted`)).body.total).toBe(1);
    await db.deleteFrom("unconfirmed_settlements").execute();
  });

  it("takes an order back to pending when the block that settled it is undone", async () => {
    await rollbackFrom(db, h.c.blocks[h.made]!.header.height);
    for (const id of idsOf(h.first)) expect(await order(id)).toMatchObject({ status: "pending", txId: null });
    expect((await api.get(`/orders/${idsOf([h.unposted])[0]}`)).status).toBe(404);
    expect((await api.get(`/communities/${h.c.a.communityId}/batches`)).body.total).toBe(0);
    expect(await account("alice")).toMatchObject({ nextSeq: "0", pendingOut: "15" }); // 5 + 3, and the rival's 7 (number 2) waits again
  });
});
