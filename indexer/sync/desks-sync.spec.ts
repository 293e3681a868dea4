// The exchange desk (contract version 6, docs/desk.md) through the sync's pipeline into a database,
// on every backend: the desk recognised as a member (no compromise, nothing ignored, its balance in
// the books), its boxes, trades (fixed-rate and oracle-priced), events and the payment legs of its
// trades as the chain has them; one batch of blocks equal to block by block; undoing blocks equal
// to a sync of the blocks before them, row for row.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { deskHistory, type DeskHistory } from "./desk-testing.ts";
import { liveTotals, rollbackFrom } from "./write-batch.ts";
import { syncBlocks } from "./sync-testing.ts";

const sync = syncBlocks;

let h: DeskHistory;
beforeAll(() => {
  h = deskHistory();
}, 600_000);

const heightOf = (txId: string) => h.c.blocks.find((b) => b.transactions.some((t) => t.id === txId))!.header.height;

describe.each(BACKENDS)("the exchange desk through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  }, 600_000);

  it("takes the desk as a member: no compromise, nothing ignored, no govern at the opening, the books zero with its balance", async () => {
    expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("ignored_boxes").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("events").select("kind").where("tx_id", "=", h.opened.txId).execute()).toEqual([]);
    const totals = (await liveTotals(db, [h.f.communityId])).get(h.f.communityId)!;
    expect(totals.balances + totals.communityBalance).toBe(0n);
    const live = h.f.deskOf();
    expect(live.balance).toBeLessThan(0n);
    const desk = await db.selectFrom("desks").selectAll().executeTakeFirstOrThrow();
    expect(desk).toMatchObject({
      desk_id: live.deskId, community_id: h.f.communityId, box_id: live.boxId, opened_height: h.opened.height, opened_tx_id: h.opened.txId,
      balance: live.balance.toString(), reserve_nano_erg: live.reserveNanoErg.toString(), committee: h.newCommittee.owner.toLowerCase(),
      last_price: h.price.toString(), pending: null,
    });
    expect(JSON.parse(desk.terms)).toMatchObject({ rateNum: "100", rateDen: "1", oracleNft: h.nft, issueLimit: "1000" });
    const states = await db.selectFrom("desk_states").select(["box_id", "version", "spent_height"]).orderBy("version").execute();
    expect(states.map((s) => s.version)).toEqual(states.map((_, i) => i));
    expect(states.filter((s) => s.spent_height === null).map((s) => s.box_id)).toEqual([live.boxId]);
  });

  it("records every trade with its account, units, nanoERG and price, and each as a payment leg between the desk and the account", async () => {
    const trades = await db.selectFrom("desk_trades").select(["tx_id", "side", "account_id", "units", "nano_erg", "price", "oracle_box_id"]).orderBy("height").execute();
    const alice = h.f.account("alice").accountId;
    expect(trades.map((t) => [t.tx_id, t.side, t.account_id, String(t.units), String(t.price)])).toEqual([
      [h.buyAlice.txId, "buy", alice, "100", "1"],
      [h.buyCarol.txId, "buy", h.f.account("carol").accountId, "108", "1"],
      [h.sellAlice.txId, "sell", alice, "40", "1"],
      [h.applied.txId, "buy", alice, "10", "1"],
      [h.oracleBuy.txId, "buy", h.f.account("bob").accountId, "50", h.price.toString()],
    ]);
    expect(trades[0]!.nano_erg).toBe(h.buyAlice.deskActivities[0]!.trade!.nanoErg.toString());
    expect(trades[4]!.oracle_box_id).not.toBeNull();
    const legs = await db.selectFrom("payments").select(["tx_id", "payer", "payee", "amount"]).where("tx_id", "in", [h.buyAlice.txId, h.sellAlice.txId]).execute();
    expect(legs.map((l) => ({ ...l, amount: String(l.amount) })).sort((a, b) => (a.amount < b.amount ? -1 : 1))).toEqual([
      { tx_id: h.buyAlice.txId, payer: h.opened.desk.deskId, payee: alice, amount: "100" },
      { tx_id: h.sellAlice.txId, payer: alice, payee: h.opened.desk.deskId, amount: "40" },
    ].sort((a, b) => (a.amount < b.amount ? -1 : 1)));
  });

  it("records the desk's events: opening, deposit, announcements with their heights, changes applied, withdrawal, cancellation, committee", async () => {
    const events = await db.selectFrom("desk_events").select(["tx_id", "kind", "nano_erg", "effective_height"]).orderBy("height").orderBy("seq").execute();
    expect(events.map((e) => e.kind)).toEqual(["opened", "deposit", "announce", "applied", "withdraw", "announce", "cancel", "committee", "announce", "applied"]);
    expect(events.find((e) => e.tx_id === h.deposit.txId)!.nano_erg).toBe((20n * 1_000_000_000n).toString());
    expect(String(events.find((e) => e.tx_id === h.announce.txId)!.effective_height)).toBe(h.effective.toString());
    expect(events.find((e) => e.kind === "withdraw")!.nano_erg).toBe("-1000000000");
  });

  it("writes the same rows block by block as in one batch", async () => {
    const byBlock = await fresh();
    await sync(byBlock, h.c.blocks, true);
    expect(await dump(byBlock)).toEqual(await dump(db));
  });

  for (const [name, txOf] of [["the oracle-priced buy", () => h.oracleBuy.txId], ["the first buy", () => h.buyAlice.txId], ["the withdrawal", () => h.withdraw.txId]] as const) {
    it(`undoes the blocks from ${name} back to a sync of the blocks before it, row for row`, async () => {
      const height = heightOf(txOf());
      const undone = await fresh();
      await sync(undone, h.c.blocks);
      await undone.transaction().execute((trx) => rollbackFrom(trx, height));
      const before = await fresh();
      await sync(before, h.c.blocks.filter((b) => b.header.height < height));
      expect(await dump(undone)).toEqual(await dump(before));
      // And the rest synced again on top equals the whole history.
      await sync(undone, h.c.blocks.filter((b) => b.header.height >= height));
      expect(await dump(undone)).toEqual(await dump(db));
    });
  }
});
