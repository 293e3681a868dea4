// Attacks on the notes gate with marketplace notes (issue 16): a listing, review or shop written on
// an account input its owner did not sign (a cross payment's credited payee, a storage-rent spend,
// an exit) is never taken. Synced into a database on every backend; each has a twin that is taken.
import { describe, expect, it } from "vitest";
import { SShort } from "@fleet-sdk/serializer";
import { crossPay } from "../../contracts/builders/cross-pay.ts";
import { leave } from "../../contracts/builders/leave.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { marketExtension } from "../../contracts/market/market-notes.ts";
import { extendInput } from "../../contracts/notes.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { Network } from "../../contracts/testing/network-fixture.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { blockOf, chainTx, testId } from "./block-testing.ts";
import { listing, MarketChain, syncBlocks } from "./market-testing.ts";

const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const shop = { name: "Corner shop", address: "1 Main St", lat: 10, lon: 20 };

describe.each(BACKENDS)("marketplace notes on inputs no owner signed, on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("refuses a listing on the input of a cross payment's payee and a review of the cross payment; twin: the payee's own publish", async () => {
    const n = new Network(["A", "B"]);
    const [A, B] = [n.c("A"), n.c("B")];
    const ab = n.openLine("A", "B");
    const bob = B.account("bob@B");
    const cross = crossPay({ payer: A.account("alice@A").box, payments: [{ payee: bob.box, amountUnits: 10n, hops: [n.hop(ab, "A", 0)] }] }, { height: n.world.height });
    extendInput(cross, bob.boxId, marketExtension({ listing: { op: "publish", listing: listing(n.world.height, { title: "Alice owes me" }) } }));
    const paid = n.world.submit(cross, [A.member("alice@A")]).signed.id;
    const review = { payment: paid, payee: bob.accountId, rating: 1 as const };
    n.world.submit(topUp({ account: A.account("alice@A").box, market: { review } }, { height: n.world.height }), [A.member("alice@A")]);
    const own = topUp({ account: B.account("bob@B").box, market: { listing: { op: "publish", listing: listing(n.world.height, { title: "Bob's own" }) } } }, { height: n.world.height });
    n.world.submit(own, [B.member("bob@B")]);
    const db = await fresh();
    await syncBlocks(db, n.world.submitted.map((t, i) => blockOf(i + 1, chainTx(t))));
    expect(await db.selectFrom("cross_payments").select(["tx_id", "payee"]).execute()).toEqual([{ tx_id: paid, payee: bob.accountId }]);
    expect(await db.selectFrom("listings").select(["account_id", "title"]).execute()).toEqual([{ account_id: bob.accountId, title: "Bob's own" }]);
    expect(await db.selectFrom("reviews").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("refused_notes").select(["account_id", "reason", "note"]).orderBy("height").execute()).toEqual([
      { account_id: bob.accountId, reason: CREDITED, note: "listing" },
      { account_id: A.account("alice@A").accountId, reason: "no such payment", note: "review" },
    ]);
  });

  it("reads no withdrawal on an account box a storage-rent spend keeps whole with an empty proof; twin: the author's own withdrawal", async () => {
    const c = new MarketChain();
    const [kept, withdrawn] = [c.publish("carol"), c.publish("alice")];
    c.note("alice", { listing: { op: "withdraw", id: withdrawn } });
    const carol = c.account("carol");
    const height = carol.creationHeight + STORAGE_PERIOD_BLOCKS;
    const extension = { "127": SShort(0).toHex(), ...marketExtension({ listing: { op: "withdraw", id: kept } }) };
    const successor = { ...carol.box, boxId: testId("carol kept by rent"), creationHeight: height };
    c.record({ id: testId("rent spend of carol"), inputs: [{ boxId: carol.boxId, spendingProof: { proofBytes: "", extension } }], outputs: [successor] }, height);
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("compromises").select(["kind", "box_id"]).execute()).toEqual([{ kind: "rent-spend", box_id: carol.boxId }]);
    expect(await db.selectFrom("listings").select(["id", "withdrawn_height"]).orderBy("published_height").execute()).toEqual([
      { id: kept, withdrawn_height: null }, { id: withdrawn, withdrawn_height: c.blocks.at(-2)!.header.height },
    ]);
    expect(await db.selectFrom("refused_notes").selectAll().execute()).toEqual([]);
  });

  it("reads no shop on the input of a member who leaves (no successor); twin: the same shop on another member's top-up", async () => {
    const c = new MarketChain();
    const bob = c.account("bob");
    const exit = leave({ community: c.communityBox(c.a.communityId), account: bob.box }, c.ctx(c.member("bob")));
    extendInput(exit, bob.boxId, marketExtension({ shop: { op: "set", shop } }));
    c.submit(exit, [c.member("bob")]);
    c.note("carol", { shop: { op: "set", shop } });
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    expect(await db.selectFrom("shops").select(["account_id", "name"]).execute()).toEqual([{ account_id: c.account("carol").accountId, name: "Corner shop" }]);
    expect(await db.selectFrom("refused_notes").selectAll().execute()).toEqual([]);
  });
});
