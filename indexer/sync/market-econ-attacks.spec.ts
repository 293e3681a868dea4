// Marketplace notes in an economics community (issue 16): a payee whose balance FALLS by the
// demurrage charged on it, while its worth (balance + accrued + unused allowance) rises, did not
// sign; nor did the accounts an outsider sweeps. No note of theirs is taken; their own top-ups'
// are. Every transaction judged by both interpreters, synced on every backend.
import { describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { sweep } from "../../contracts/builders/sweep.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import type { MarketIntent } from "../../contracts/market/market-notes.ts";
import { marketExtension } from "../../contracts/market/market-notes.ts";
import { extendInput } from "../../contracts/notes.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { econPolicy } from "../../contracts/testing/policy.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { blockOf, chainTx } from "./block-testing.ts";
import { ECON_LEVERS } from "./economics-chain.ts";
import { listing, syncBlocks } from "./market-testing.ts";

const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const shop = { name: "Corner shop", address: "1 Main St", lat: 10, lon: 20 };

/** alice pays bob; 100 blocks on, alice pays bob 1 with a listing on bob's input; bob publishes; an outsider sweeps with a shop on alice's input; alice sets it. */
function chain() {
  const econ = new Fixture({ policy: econPolicy(ECON_LEVERS) });
  const w = econ.world;
  const outsider = w.member("outsider");
  const heights = w.submitted.map((_, i) => w.height - w.submitted.length + i + 1);
  const ctx = (name?: string) => ({ height: w.height, ...(name ? { wallet: w.wallet(econ.member(name)) } : {}) });
  const submit = (built: Parameters<typeof w.submit>[0], signers: string[]) => {
    w.submit(built, signers.map((s) => (s === "outsider" ? outsider : econ.member(s))));
    heights.push(w.height);
  };
  const note = (name: string, market: MarketIntent) => submit(topUp({ account: econ.account(name).box, addNanoErg: 1_000_000n, market }, ctx(name)), [name]);
  submit(pay({ payer: econ.account("alice").box, payees: [{ account: econ.account("bob").box, amountUnits: 50n }] }, ctx()), ["alice"]);
  w.mine(100);
  const bobBefore = econ.account("bob");
  const credited = pay({ payer: econ.account("alice").box, payees: [{ account: bobBefore.box, amountUnits: 1n }] }, ctx());
  extendInput(credited, bobBefore.boxId, marketExtension({ listing: { op: "publish", listing: listing(w.height, { title: "Alice owes me" }) } }));
  submit(credited, ["alice"]);
  const bobAfter = econ.account("bob");
  note("bob", { listing: { op: "publish", listing: listing(w.height, { title: "Bob's own" }) } });
  const swept = ["alice", "bob"].map((n) => econ.account(n));
  const sweeping = sweep({ community: econ.communityBox(), accounts: swept.map((a) => a.box) }, { height: w.height, wallet: w.wallet(outsider) });
  extendInput(sweeping, swept[0]!.boxId, marketExtension({ shop: { op: "set", shop } }));
  submit(sweeping, ["outsider"]);
  note("alice", { shop: { op: "set", shop: { ...shop, name: "Alice's shop" } } });
  const blocks = w.submitted.map((t, i) => blockOf(heights[i]!, chainTx(t)));
  return { blocks, bobBefore, bobAfter, alice: econ.account("alice").accountId };
}

describe.each(BACKENDS)("marketplace notes in an economics community on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("refuses a listing on a payee whose balance fell but worth rose, reads none on a swept account; twins: their own top-ups", async () => {
    const { blocks, bobBefore, bobAfter, alice } = chain();
    expect(bobAfter.balance).toBeLessThan(bobBefore.balance);
    const db = await fresh();
    await syncBlocks(db, blocks);
    expect(await db.selectFrom("listings").select(["account_id", "title"]).execute()).toEqual([{ account_id: bobBefore.accountId, title: "Bob's own" }]);
    expect(await db.selectFrom("shops").select(["account_id", "name"]).execute()).toEqual([{ account_id: alice, name: "Alice's shop" }]);
    expect(await db.selectFrom("refused_notes").select(["account_id", "reason", "note"]).execute()).toEqual([{ account_id: bobBefore.accountId, reason: CREDITED, note: "listing" }]);
  });
});
