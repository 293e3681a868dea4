// The exchange desk through the API, on every backend, over the real chain of `sync/desk-testing.ts`
// (fixed-rate buys and a sell, a deposit, a change announced and applied, a withdrawal, a change
// cancelled, a committee change, an oracle-priced buy): the desk against the chain's live box and
// the contract's arithmetic, trades, history and events as JSON and CSV, the account's trades and
// its payment legs with the desk, books that balance with the desk, and the 400s and 404s.
import { beforeAll, describe, expect, it } from "vitest";
import { activeTerms, coverNanoErg, outstandingUnits } from "../../contracts/desk/desk.ts";
import { csvRows } from "../../util/csv.ts";
import { BACKENDS } from "../db/testing.ts";
import { deskHistory, type DeskHistory } from "../sync/desk-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let h: DeskHistory;
beforeAll(() => {
  h = deskHistory();
}, 600_000);

describe.each(BACKENDS)("the exchange desk through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(h.c.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  }, 600_000);

  it("shows the desk as its live box states it, with units outstanding, cover at the last price and coverage", async () => {
    const live = h.f.deskOf();
    const desk = (await api.get(`/communities/${h.f.communityId.toUpperCase()}/desk`)).body;
    const outstanding = outstandingUnits(live);
    const cover = coverNanoErg(activeTerms(live, h.c.height + 1), outstanding, h.price);
    expect(desk).toMatchObject({
      deskId: live.deskId, communityId: h.f.communityId, boxId: live.boxId, openedHeight: h.opened.height,
      terms: { rateNum: "100", rateDen: "1", oracleNft: h.nft, maxUnits: live.terms.maxUnits.toString() }, pending: null,
      balance: live.balance.toString(), outstandingUnits: outstanding.toString(), reserveNanoErg: live.reserveNanoErg.toString(),
      coverNanoErg: cover.toString(), lastPrice: h.price.toString(), trades: 5, bought: "268", sold: "40",
    });
    expect(desk.activeTerms).toEqual(desk.terms);
    const ratio = (live.reserveNanoErg * 10_000n) / cover;
    expect(desk.coverageRatio).toBe(`${ratio / 10_000n}.${(ratio % 10_000n).toString().padStart(4, "0")}`);
    // The books balance with the desk's balance in them.
    expect((await api.get(`/communities/${h.f.communityId}`)).body.imbalance).toBe("0");
  });

  it("lists the trades newest first, by side, account and height, as JSON and CSV", async () => {
    const url = `/communities/${h.f.communityId}/desk/trades`;
    const all = (await api.get(url)).body;
    expect(all.items.map((t: { txId: string }) => t.txId)).toEqual([h.oracleBuy, h.applied, h.sellAlice, h.buyCarol, h.buyAlice].map((c) => c.txId));
    expect(all.items[0]).toMatchObject({ side: "buy", units: "50", price: h.price.toString(), nanoErg: h.oracleBuy.deskActivities[0]!.trade!.nanoErg.toString() });
    expect(all.items[2]).toMatchObject({ side: "sell", units: "40", price: "1", oracleBoxId: null });
    expect((await api.get(`${url}?side=sell`)).body.items.map((t: { txId: string }) => t.txId)).toEqual([h.sellAlice.txId]);
    const alice = h.f.account("alice").accountId;
    expect((await api.get(`${url}?account=${alice}&limit=1&offset=1`)).body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ txId: h.sellAlice.txId }] });
    const before = (await api.get(`${url}?before=${all.items[2].height}`)).body;
    expect(before.items.map((t: { txId: string }) => t.txId)).toEqual([h.buyCarol.txId, h.buyAlice.txId]);
    const [head, ...rows] = csvRows((await api.get(`${url}?format=csv`)).text, { crlf: true });
    expect(head).toEqual(["txId", "height", "timestamp", "side", "accountId", "units", "nanoErg", "price", "oracleBoxId", "feeNanoErg", "deskId", "communityId"]);
    expect(rows.map((r) => r[0])).toEqual(all.items.map((t: { txId: string }) => t.txId));
    expect(rows[2]![8]).toBe("");
  });

  it("gives an account its trades, and shows a buy as a payment leg from the desk and a sell as one to it", async () => {
    const alice = h.f.account("alice").accountId;
    const trades = (await api.get(`/accounts/${alice}/desk-trades?side=buy`)).body;
    expect(trades.items.map((t: { txId: string }) => t.txId)).toEqual([h.applied.txId, h.buyAlice.txId]);
    expect((await api.get(`/accounts/${h.f.account("bob").accountId}/desk-trades?format=csv`)).text.split("\r\n")).toHaveLength(3);
    const legs = (await api.get(`/accounts/${alice}/payments?limit=1000`)).body.items;
    const leg = (txId: string) => legs.find((l: { txId: string }) => l.txId === txId);
    expect(leg(h.buyAlice.txId)).toMatchObject({ payer: h.opened.desk.deskId, payee: alice, amount: "100" });
    expect(leg(h.sellAlice.txId)).toMatchObject({ payer: alice, payee: h.opened.desk.deskId, amount: "40" });
    const tx = await api.get(`/transactions/${h.buyAlice.txId}`);
    expect(tx.status).toBe(200);
    expect(tx.body.legs).toMatchObject([{ payer: h.opened.desk.deskId, payee: alice, amount: "100" }]);
  });

  it("shows the reserve, outstanding units and coverage after each desk box, oldest first, as JSON and CSV", async () => {
    const history = (await api.get(`/communities/${h.f.communityId}/desk/history`)).body;
    expect(history.items.map((p: { version: number }) => p.version)).toEqual(history.items.map((_: unknown, i: number) => i));
    expect(history.items[0]).toMatchObject({ txId: h.opened.txId, outstandingUnits: "0", coverNanoErg: "0", coverageRatio: null });
    const afterBuy = history.items.find((p: { txId: string }) => p.txId === h.buyAlice.txId);
    expect(afterBuy).toMatchObject({ outstandingUnits: "100", reserveNanoErg: h.buyAlice.deskActivities[0]!.desk.reserveNanoErg.toString() });
    expect(afterBuy.coverNanoErg).toBe(coverNanoErg(h.opened.desk.terms, 100n, 1n).toString());
    // The posted price is known from the pool box the sync saw: the oracle desk's cover is priced.
    expect(history.items.at(-1).coverNanoErg).not.toBeNull();
    const csv = csvRows((await api.get(`/communities/${h.f.communityId}/desk/history?format=csv&limit=3`)).text, { crlf: true });
    expect(csv[0]).toEqual(["version", "height", "timestamp", "txId", "boxId", "balance", "outstandingUnits", "reserveNanoErg", "coverNanoErg", "coverageRatio"]);
    expect(csv).toHaveLength(4);
  });

  it("lists the desk's events newest first: announcements with their effective heights, cancellations, withdrawals, deposits", async () => {
    const events = (await api.get(`/communities/${h.f.communityId}/desk/events`)).body;
    expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(["applied", "announce", "committee", "cancel", "announce", "withdraw", "applied", "announce", "deposit", "opened"]);
    const announce = events.items.find((e: { txId: string }) => e.txId === h.announce.txId);
    expect(announce).toMatchObject({ kind: "announce", effectiveHeight: h.effective.toString(), terms: { rateNum: "22" } });
    expect(events.items.find((e: { kind: string }) => e.kind === "committee").committee).toBe(h.newCommittee.owner.toLowerCase());
    const [head, ...rows] = csvRows((await api.get(`/communities/${h.f.communityId}/desk/events?format=csv`)).text, { crlf: true });
    expect(head!.slice(0, 8)).toEqual(["txId", "height", "timestamp", "kind", "nanoErg", "effectiveHeight", "committee", "rateNum"]);
    expect(rows).toHaveLength(10);
  });

  it("answers 404 for a community without a desk or an unknown account, 400 for bad parameters", async () => {
    const none = "ab".repeat(32);
    for (const path of ["desk", "desk/trades", "desk/history", "desk/events"]) expect((await api.get(`/communities/${none}/${path}`)).status).toBe(404);
    expect((await api.get(`/accounts/${none}/desk-trades`)).status).toBe(404);
    const url = `/communities/${h.f.communityId}/desk/trades`;
    for (const bad of ["side=both", "account=xyz", "limit=0", "limit=1001", "before=-1", "offset=x", "Side=buy", "format=xml"]) {
      const answer = await api.get(`${url}?${bad}`);
      expect(answer.status, bad).toBe(400);
    }
    expect((await api.get(`/communities/${h.f.communityId}/desk?limit=1`)).status).toBe(400);
    expect((await api.get(`/communities/not-hex/desk`)).status).toBe(400);
    expect((await api.get(`/accounts/${h.f.account("alice").accountId}/desk-trades?account=${none}`)).status).toBe(400);
  });
});
