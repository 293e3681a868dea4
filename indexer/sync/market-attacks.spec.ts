// Attacks on the marketplace's notes (issue 16, docs/marketplace.md): writing, editing, reviewing or
// referencing in another member's name, or in a way the rules say is not taken. Every transaction
// is judged by both interpreters (unless the point is a block no node would make), synced into a
// database on every backend; each refusal has a twin differing in one field that is taken.
import { describe, expect, it } from "vitest";
import { utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl } from "@fleet-sdk/serializer";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { LISTING_VAR, marketExtension } from "../../contracts/market/market-notes.ts";
import { extendInput } from "../../contracts/notes.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { testId } from "./block-testing.ts";
import { splitBill } from "./market-attack-testing.ts";
import { listing, marketDump, MarketChain, syncBlockByBlock, syncBlocks } from "./market-testing.ts";
import { rollbackFrom } from "./write-batch.ts";

const NOT_PAID = "the reviewer did not pay that payee in that payment";
/** A listing note whose op is a list nested `depth` deep: 10 KB of brackets at 5,000. */
const nested = (depth: number) => `{"op":${"[".repeat(depth)}${"]".repeat(depth)}}`;

describe.each(BACKENDS)("marketplace attacks through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  const reviews = async (db: Awaited<ReturnType<typeof fresh>>) => db.selectFrom("reviews").select(["reviewer", "payee", "rating"]).orderBy("height").execute();
  const refused = async (db: Awaited<ReturnType<typeof fresh>>) => (await db.selectFrom("refused_notes").select(["reason", "note"]).orderBy("height").execute());

  // Alice and bob both pay carol in one transaction: the indexer lists bob as a payee of -1.
  it("refuses a review of a co-payer (a leg the reviewer paid nothing on); twin: the same review of the payee is taken", async () => {
    const c = new MarketChain();
    const [bob, carol] = [c.account("bob").accountId, c.account("carol").accountId];
    const paid = splitBill(c, "alice", "bob", "carol");
    c.note("alice", { review: { payment: paid, payee: bob, rating: 1, text: "Never delivered" } });
    c.note("alice", { review: { payment: paid, payee: carol, rating: 5 } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    const legs = await db.selectFrom("payments").select(["payee", "amount"]).where("tx_id", "=", paid).orderBy("leg").execute();
    expect(legs.map((l) => ({ payee: l.payee, amount: String(l.amount) }))).toEqual([{ payee: bob, amount: "-1" }, { payee: carol, amount: "6" }]);
    expect(await reviews(db)).toEqual([{ reviewer: c.account("alice").accountId, payee: carol, rating: 5 }]);
    expect(await refused(db)).toEqual([{ reason: NOT_PAID, note: "review" }]);
  });

  it("refuses a listing reference to a co-payer's listing; twin: the payee's listing is recorded", async () => {
    const c = new MarketChain();
    const bobs = c.publish("bob");
    const carols = c.publish("carol");
    const refusedTx = splitBill(c, "alice", "bob", "carol", bobs);
    const taken = splitBill(c, "alice", "bob", "carol", carols);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("payment_listings").select(["tx_id", "listing_id"]).execute()).toEqual([{ tx_id: taken, listing_id: carols }]);
    expect(await db.selectFrom("refused_notes").select(["tx_id", "reason"]).execute()).toEqual([
      { tx_id: refusedTx, reason: "the listing's author is not paid in this payment" },
    ]);
  });

  it("refuses a self-review and a review of a leg the reviewer received; twin: the payer's review of the payee", async () => {
    const c = new MarketChain();
    const [alice, bob] = [c.account("alice").accountId, c.account("bob").accountId];
    const paid = c.pay("alice", "bob", 4n);
    c.note("alice", { review: { payment: paid, payee: alice, rating: 5 } });
    c.note("bob", { review: { payment: paid, payee: alice, rating: 5 } });
    c.note("alice", { review: { payment: paid, payee: bob, rating: 4 } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await reviews(db)).toEqual([{ reviewer: alice, payee: bob, rating: 4 }]);
    expect(await refused(db)).toEqual([{ reason: NOT_PAID, note: "review" }, { reason: NOT_PAID, note: "review" }]);
  });

  it("refuses a review inside the payment's own transaction (a block no node makes: the id hashes the note); twin: the next transaction's", async () => {
    const c = new MarketChain();
    const [alice, bob] = [c.account("alice"), c.account("bob")];
    const payment = testId("a payment that reviews itself");
    const tx = pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: 2n }] }, c.ctx());
    extendInput(tx, alice.boxId, marketExtension({ review: { payment, payee: bob.accountId, rating: 5 } }));
    const signed = c.world.submit(tx, [c.member("alice")]).signed;
    c.record({ ...signed, id: payment }, c.world.height);
    c.note("alice", { review: { payment, payee: bob.accountId, rating: 2 } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("payments").select("tx_id").execute()).toEqual([{ tx_id: payment }]);
    expect(await reviews(db)).toEqual([{ reviewer: alice.accountId, payee: bob.accountId, rating: 2 }]);
    expect(await refused(db)).toEqual([{ reason: "no such payment", note: "review" }]);
  });

  it("takes the first of two reviews of one leg in one block and refuses the second; twin: a second leg's review in the same block", async () => {
    const c = new MarketChain();
    const bob = c.account("bob").accountId;
    const [first, second] = [c.pay("alice", "bob", 1n), c.pay("alice", "bob", 1n)];
    const review = (payment: string, rating: 1 | 5) => c.world.submit(topUp({ account: c.account("alice").box, market: { review: { payment, payee: bob, rating } } }, c.ctx()), [c.member("alice")]).signed;
    const txs = [review(first, 5), review(first, 1), review(second, 1)];
    c.record(txs[0]!, c.world.height, txs[1]!, txs[2]!);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("reviews").select(["payment_tx_id", "rating", "position"]).orderBy("position").execute()).toEqual([
      { payment_tx_id: first, rating: 5, position: 0 }, { payment_tx_id: second, rating: 1, position: 2 },
    ]);
    expect(await refused(db)).toEqual([{ reason: "already reviewed", note: "review" }]);
  });

  it("takes a review of a batch-settled order by its payer only; twin: the payee reviewing its payer is refused", async () => {
    const c = new MarketChain();
    const [alice, bob] = [c.account("alice").accountId, c.account("bob").accountId];
    c.makeBatchBox();
    c.settle(["alice", "bob"], [c.order("alice", "bob", 3n, 0n)]);
    const settled = c.lastTxId();
    c.note("bob", { review: { payment: settled, payee: alice, rating: 1 } });
    c.note("alice", { review: { payment: settled, payee: bob, rating: 4 } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await reviews(db)).toEqual([{ reviewer: alice, payee: bob, rating: 4 }]);
    expect(await refused(db)).toEqual([{ reason: NOT_PAID, note: "review" }]);
  });

  it("refuses edits and withdrawals naming ids that are not listings (a payment, another account's box, the author's own box); twin: the listing's id", async () => {
    const c = new MarketChain();
    const id = c.publish("alice");
    const paid = c.pay("bob", "carol", 1n);
    const editTo = (target: string, title: string) => c.note("alice", { listing: { op: "edit", id: target, listing: listing(c.world.height, { title }) } });
    editTo(paid, "A payment");
    editTo(c.account("bob").boxId, "Bob's box");
    editTo(c.account("alice").boxId, "My own box");
    c.note("alice", { listing: { op: "withdraw", id: paid } });
    editTo(id, "Spelt bread");
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("listings").select(["id", "title", "withdrawn_height"]).execute()).toEqual([{ id, title: "Spelt bread", withdrawn_height: null }]);
    expect((await refused(db)).map((r) => r.reason)).toEqual(["no such listing", "no such listing", "no such listing", "no such listing"]);
  });

  it("undoes a block holding a publish and two edits at different positions, and re-applying it gives the rows of a sync that never undid it", async () => {
    const c = new MarketChain();
    const id = c.publish("bob");
    const before = [...c.blocks];
    const change = (title: string) => c.world.submit(topUp({ account: c.account("bob").box, market: { listing: { op: "edit", id, listing: listing(c.world.height, { title }) } } }, c.ctx()), [c.member("bob")]).signed;
    const other = c.world.submit(topUp({ account: c.account("carol").box, market: { listing: { op: "publish", listing: listing(c.world.height) } } }, c.ctx()), [c.member("carol")]).signed;
    const [first, second] = [change("Rye"), change("Spelt")];
    c.record(first, c.world.height, other, second);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("listings").select("title").where("id", "=", id).executeTakeFirst()).toEqual({ title: "Spelt" });
    const all = await marketDump(db);
    await rollbackFrom(db, c.blocks.at(-1)!.header.height);
    const reference = await fresh();
    await syncBlocks(reference, before);
    expect(await marketDump(db)).toEqual(await marketDump(reference));
    await syncBlockByBlock(db, c.blocks.slice(-1));
    expect(await marketDump(db)).toEqual(all);
  });

  it("refuses a listing note nested 5,000 deep with a reason, and syncs on; twin: the same note one level deep", async () => {
    const c = new MarketChain();
    for (const depth of [5_000, 1]) {
      const tx = topUp({ account: c.account("alice").box, addNanoErg: 1_000_000n }, c.ctx(c.member("alice")));
      extendInput(tx, c.account("alice").boxId, { [LISTING_VAR]: SColl(SByte, utf8.decode(nested(depth))).toHex() });
      c.submit(tx, [c.member("alice")]);
    }
    c.publish("bob");
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    // Held since 152b3da (readMarketNotes takes the RangeError of a message that overflows the stack).
    expect(await refused(db)).toEqual([
      { reason: "malformed listing: Maximum call stack size exceeded", note: "listing" },
      { reason: 'malformed listing: a listing note\'s op is publish, edit or withdraw, got ""', note: "listing" },
    ]);
    expect(await db.selectFrom("listings").select("account_id").execute()).toEqual([{ account_id: c.account("bob").accountId }]);
  });
});
