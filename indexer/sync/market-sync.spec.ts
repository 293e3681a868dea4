// Marketplace notes through the sync's pipeline into a database, on every backend: what is taken,
// what is refused and why (docs/marketplace.md), and undoing blocks row for row.
import { describe, expect, it } from "vitest";
import { utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl } from "@fleet-sdk/serializer";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { LISTING_VAR, marketExtension } from "../../contracts/market/market-notes.ts";
import { extendInput } from "../../contracts/notes.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { listing, marketDump, MarketChain, syncBlockByBlock, syncBlocks } from "./market-testing.ts";
import { rollbackFrom } from "./write-batch.ts";

const textVar = (text: string): string => SColl(SByte, utf8.decode(text)).toHex();
const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const SETTLED = "notes on an account input of a batch settlement: its owner signed nothing in it (the settler wrote them)";

/** alice publishes, edits and withdraws; bob tries to edit and withdraw hers; carol publishes a want. */
function listingHistory() {
  const c = new MarketChain();
  const id = c.publish("alice");
  c.note("bob", { listing: { op: "edit", id, listing: listing(c.world.height, { title: "Bob's bread now" }) } });
  c.note("alice", { listing: { op: "edit", id, listing: listing(c.world.height, { title: "Rye bread", price: { type: "negotiable" } }) } });
  const want = c.publish("carol", listing(c.world.height, { kind: "want", title: "Bike repair", category: "repairs" }));
  c.note("bob", { listing: { op: "withdraw", id } });
  c.note("alice", { listing: { op: "withdraw", id } });
  c.note("alice", { listing: { op: "edit", id, listing: listing(c.world.height) } });
  c.note("alice", { listing: { op: "withdraw", id: "ab".repeat(32) } });
  return { c, id, want };
}

describe.each(BACKENDS)("marketplace notes through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("publishes, edits and withdraws a listing by its author only, refusing the rest with reasons", async () => {
    const { c, id, want } = listingHistory();
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    const rows = await db.selectFrom("listings").select(["id", "account_id", "kind", "title", "price_type", "price_units", "withdrawn_height"]).orderBy("published_height").execute();
    const [alice, bob, carol] = ["alice", "bob", "carol"].map((n) => c.account(n).accountId);
    expect(rows).toEqual([
      { id, account_id: alice, kind: "offer", title: "Rye bread", price_type: "negotiable", price_units: null, withdrawn_height: c.blocks.at(-3)!.header.height },
      { id: want, account_id: carol, kind: "want", title: "Bike repair", price_type: "fixed", price_units: "12", withdrawn_height: null },
    ]);
    const events = await db.selectFrom("listing_events").select(["op", "title"]).where("listing_id", "=", id).orderBy("height").execute();
    expect(events).toEqual([{ op: "publish", title: "Fresh bread" }, { op: "edit", title: "Rye bread" }, { op: "withdraw", title: "Rye bread" }]);
    const refused = await db.selectFrom("refused_notes").select(["account_id", "reason", "note"]).orderBy("height").execute();
    expect(refused).toEqual([
      { account_id: bob, reason: "not the author's listing", note: "listing" },
      { account_id: bob, reason: "not the author's listing", note: "listing" },
      { account_id: alice, reason: "withdrawn", note: "listing" },
      { account_id: alice, reason: "no such listing", note: "listing" },
    ]);
  });

  it("refuses a listing already expired at its block, and malformed ones (not canonical, bad category, too long, nested 5,000 deep) with a counted reason", async () => {
    const c = new MarketChain();
    const alice = c.account("alice");
    const expired = topUp({ account: alice.box, profile: { name: "Alice" } }, c.ctx());
    extendInput(expired, alice.boxId, marketExtension({ listing: { op: "publish", listing: listing(c.world.height, { expiryHeight: c.world.height - 1 }) } }));
    c.submit(expired, [c.member("alice")]);
    const canonical = JSON.stringify({ op: "publish", listing: listing(c.world.height) });
    const deep = `{"op":${"[".repeat(5_000)}${"]".repeat(5_000)}}`;
    for (const text of [canonical.replace(",", ", "), canonical.replace('"food"', '"bakery"'), canonical.replace("Fresh bread", "b".repeat(81)), deep]) {
      const tx = topUp({ account: c.account("bob").box, profile: { name: "Bob" } }, c.ctx());
      extendInput(tx, c.account("bob").boxId, { [LISTING_VAR]: textVar(text) });
      c.submit(tx, [c.member("bob")]);
    }
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("listings").selectAll().execute()).toEqual([]);
    const refused = await db.selectFrom("refused_notes").select(["reason", "note"]).orderBy("height").execute();
    expect(refused).toEqual([
      { reason: "already expired: its expiryHeight is below the height of the block that carries it", note: "listing" },
      { reason: expect.stringMatching(/^malformed listing: a listing note is not in its canonical form/), note: "listing" },
      { reason: expect.stringMatching(/^malformed listing: category is one of/), note: "listing" },
      { reason: "malformed listing: title is 81 characters long; at most 80", note: "listing" },
      { reason: expect.stringMatching(/^malformed listing: Maximum call stack size exceeded/), note: "listing" },
    ]);
    expect(await db.selectFrom("profiles").select("name").orderBy("height").execute()).toEqual([{ name: "Alice" }, { name: "Bob" }, { name: "Bob" }, { name: "Bob" }, { name: "Bob" }]);
  });

  it("refuses a listing on a credited payee's input and on an input of a batch settlement", async () => {
    const c = new MarketChain();
    const [alice, bob] = [c.account("alice"), c.account("bob")];
    const credited = pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: 2n }] }, c.ctx());
    extendInput(credited, bob.boxId, marketExtension({ listing: { op: "publish", listing: listing(c.world.height, { title: "Alice owes me" }) } }));
    c.submit(credited, [c.member("alice")]);
    c.makeBatchBox();
    const settlement = c.build(c.plan(["bob", "carol"], [c.order("bob", "carol", 1n, 0n)]));
    extendInput(settlement, c.account("bob").boxId, marketExtension({ shop: { op: "close" } }));
    c.submit(settlement, [c.settler]);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("listings").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("shops").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("refused_notes").select(["account_id", "reason", "note"]).orderBy("height").execute()).toEqual([
      { account_id: bob.accountId, reason: CREDITED, note: "listing" },
      { account_id: bob.accountId, reason: SETTLED, note: "shop" },
    ]);
  });

  it("takes the first review of a real payment leg, and refuses a stranger's, a second one and one of no payment", async () => {
    const c = new MarketChain();
    const [bob, carol] = [c.account("bob").accountId, c.account("carol").accountId];
    const paid = c.pay("alice", "bob", 5n);
    c.note("alice", { review: { payment: paid, payee: bob, rating: 5, text: "Lovely bread" } });
    c.note("alice", { review: { payment: paid, payee: bob, rating: 1 } });
    c.note("carol", { review: { payment: paid, payee: bob, rating: 1 } });
    c.note("alice", { review: { payment: paid, payee: carol, rating: 1 } });
    c.note("alice", { review: { payment: "cd".repeat(32), payee: bob, rating: 1 } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("reviews").select(["payment_tx_id", "reviewer", "payee", "rating", "text"]).execute()).toEqual([
      { payment_tx_id: paid, reviewer: c.account("alice").accountId, payee: bob, rating: 5, text: "Lovely bread" },
    ]);
    expect((await db.selectFrom("refused_notes").select(["reason"]).orderBy("height").execute()).map((r) => r.reason)).toEqual([
      "already reviewed", "the reviewer did not pay that payee in that payment", "the reviewer did not pay that payee in that payment", "no such payment",
    ]);
  });

  it("takes a review in the same block as the payment it follows", async () => {
    const c = new MarketChain();
    const payment = c.world.submit(pay({ payer: c.account("alice").box, payees: [{ account: c.account("bob").box, amountUnits: 3n }] }, c.ctx()), [c.member("alice")]).signed;
    const review = { payment: payment.id, payee: c.account("bob").accountId, rating: 4 as const };
    const noted = c.world.submit(topUp({ account: c.account("alice").box, market: { review } }, c.ctx()), [c.member("alice")]).signed;
    c.record(payment, c.world.height, noted);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("reviews").select(["payment_tx_id", "rating", "position"]).execute()).toEqual([{ payment_tx_id: payment.id, rating: 4, position: 1 }]);
  });

  it("records the listing a payment is for when its author is paid in the payment's community; refuses the rest", async () => {
    const c = new MarketChain();
    const bread = c.publish("bob");
    const other = c.publish("dave");
    const paid = c.pay("alice", "bob", 12n, bread);
    c.pay("alice", "carol", 12n, bread);
    c.pay("alice", "bob", 1n, other);
    c.pay("alice", "bob", 1n, "ef".repeat(32));
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("payment_listings").select(["tx_id", "payer", "listing_id"]).execute()).toEqual([{ tx_id: paid, payer: c.account("alice").accountId, listing_id: bread }]);
    expect((await db.selectFrom("refused_notes").select(["reason", "note"]).orderBy("height").execute())).toEqual([
      { reason: "the listing's author is not paid in this payment", note: "listing-ref" },
      { reason: "the listing is of another community than the payment", note: "listing-ref" },
      { reason: "no such listing", note: "listing-ref" },
    ]);
  });

  it("keeps every shop note; the newest per account holds, a close included", async () => {
    const c = new MarketChain();
    const shop = { name: "Bakery", address: "1 Market St", lat: 51.5, lon: -0.1, accepts: [c.bId] };
    c.note("alice", { shop: { op: "set", shop } });
    c.note("alice", { shop: { op: "close" } });
    c.note("bob", { shop: { op: "set", shop: { ...shop, name: "Bob's", accepts: undefined } } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("shops").select(["name", "closed", "accepts"]).orderBy("height").execute()).toEqual([
      { name: "Bakery", closed: false, accepts: c.bId }, { name: null, closed: true, accepts: "" }, { name: "Bob's", closed: false, accepts: "" },
    ]);
  });

  it("writes the same rows block by block as in one batch", async () => {
    const { c } = listingHistory();
    c.pay("alice", "carol", 2n);
    const [one, each] = [await fresh(), await fresh()];
    await syncBlocks(one, c.blocks);
    await syncBlockByBlock(each, c.blocks);
    expect(await marketDump(each)).toEqual(await marketDump(one));
  });

  it("undoes blocks row for row as a sync that never saw them: an edit and a withdrawal restored, reviews, shops and refs gone", async () => {
    const c = new MarketChain();
    const id = c.publish("bob");
    const paid = c.pay("alice", "bob", 12n, id);
    c.note("bob", { shop: { op: "set", shop: { name: "Bob's", address: "2 High St", lat: 1, lon: 2 } } });
    const before = [...c.blocks];
    c.note("bob", { listing: { op: "edit", id, listing: listing(c.world.height, { title: "Spelt bread", location: { lat: 1.5, lon: 2.5, place: "Square" } }) } });
    c.note("alice", { review: { payment: paid, payee: c.account("bob").accountId, rating: 3 } });
    c.pay("alice", "bob", 12n, id);
    c.note("bob", { shop: { op: "close" } });
    c.note("bob", { listing: { op: "withdraw", id } });
    c.note("carol", { listing: { op: "edit", id, listing: listing(c.world.height) } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    await rollbackFrom(db, before.at(-1)!.header.height + 1);
    const reference = await fresh();
    await syncBlocks(reference, before);
    expect(await marketDump(db)).toEqual(await marketDump(reference));
    expect(await dump(db)).toEqual(await dump(reference));
  });
});
