// Underwriting (contract version 8, docs/underwriting.md) through the API, on every backend, over
// the real chain of `sync/underwriting-testing.ts` (alice's stake accepted and settled at her
// default; carol's accepted with a premium, used, repaid and withdrawn, then carol's unbacked
// default; an offer to bob cancelled, another accepted and left live): stakes listed and filtered,
// one stake with its history, an account's backing, a community's backed and unbacked credit and
// its defaults, as JSON (each answer checked against the OpenAPI document) and CSV; the 400s and 404s.
import { beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../util/csv.ts";
import { BACKENDS } from "../db/testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import { underwritingHistory, type UnderwritingHistory } from "../sync/underwriting-testing.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let h: UnderwritingHistory;
beforeAll(() => {
  h = underwritingHistory();
}, 600_000);

const ERG = 1_000_000_000n;
const id = (name: "alice" | "bob" | "carol") => h.ids[name];
type Stake = { stakeId: string; state: string };

describe.each(BACKENDS)("underwriting through the API on $name", ({ open }) => {
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

  it("lists stakes newest offered first, filtered by community, account, underwriter and state, paged, as JSON and CSV", async () => {
    const all = (await api.get(`/underwriting?communityId=${h.f.communityId.toUpperCase()}`)).body;
    expect(all).toMatchObject({ total: 4, limit: 100, offset: 0 });
    expect(all.items.map((s: Stake) => [s.stakeId, s.state])).toEqual([
      [h.bobOffer2.boxId, "active"], [h.bobOffer.boxId, "cancelled"], [h.carolOffer.boxId, "withdrawn"], [h.aliceOffer.boxId, "settled"],
    ]);
    expect(all.items[3]).toEqual({
      stakeId: h.aliceOffer.boxId, communityId: h.f.communityId, accountId: id("alice"), underwriter: h.f.uma.owner.toLowerCase(), raise: "200", premium: "0",
      premiumAccountId: null, stakeNanoErg: String(10n * ERG), state: "settled", boxId: h.aliceStake.boxId, offeredHeight: h.aliceOffer.site.height,
      offeredTxId: h.aliceOffer.site.txId, offeredTimestamp: expect.any(Number), acceptedHeight: h.aliceStake.site.height, acceptedTxId: h.aliceStake.site.txId,
      endedHeight: h.aliceDefault.site.height, endedTxId: h.aliceDefault.site.txId, exitKind: "default", lostNanoErg: String(h.aliceDefaulted.lost),
      returnedNanoErg: String(h.aliceDefaulted.returned),
    });
    expect(all.items[2]).toMatchObject({ premium: "5", premiumAccountId: id("bob"), endedTxId: h.withdrawn.site.txId, exitKind: null, lostNanoErg: null });
    expect((await api.get(`/underwriting?accountId=${id("bob")}`)).body.items.map((s: Stake) => s.stakeId)).toEqual([h.bobOffer2.boxId, h.bobOffer.boxId]);
    expect((await api.get(`/underwriting?state=active`)).body).toMatchObject({ total: 1, items: [{ stakeId: h.bobOffer2.boxId }] });
    expect((await api.get(`/underwriting?underwriter=${h.f.uma.owner.toUpperCase()}&limit=2&offset=1`)).body).toMatchObject({
      total: 4, limit: 2, offset: 1, items: [{ stakeId: h.bobOffer.boxId }, { stakeId: h.carolOffer.boxId }],
    });
    expect((await api.get(`/underwriting?underwriter=${h.f.committee.owner}`)).body).toMatchObject({ total: 0, items: [] });
    const [head, ...rows] = csvRows((await api.get(`/underwriting?format=csv&state=settled`)).text, { crlf: true });
    expect(head).toEqual([
      "stakeId", "communityId", "accountId", "underwriter", "raise", "premium", "premiumAccountId", "stakeNanoErg", "state", "boxId", "offeredHeight", "offeredTxId",
      "offeredTimestamp", "acceptedHeight", "acceptedTxId", "endedHeight", "endedTxId", "exitKind", "lostNanoErg", "returnedNanoErg",
    ]);
    expect(rows.map((r) => [r[0], r[8], r[18]])).toEqual([[h.aliceOffer.boxId, "settled", String(h.aliceDefaulted.lost)]]);
  });

  it("answers one stake with its history, oldest first", async () => {
    const alice = (await api.get(`/underwriting/${h.aliceOffer.boxId.toUpperCase()}`)).body;
    expect(alice).toMatchObject({ stakeId: h.aliceOffer.boxId, state: "settled" });
    expect(alice.history).toEqual([
      { event: "offered", height: h.aliceOffer.site.height, txId: h.aliceOffer.site.txId, timestamp: expect.any(Number), boxId: h.aliceOffer.boxId, stakeNanoErg: String(10n * ERG) },
      { event: "accepted", height: h.aliceStake.site.height, txId: h.aliceStake.site.txId, timestamp: expect.any(Number), boxId: h.aliceStake.boxId, stakeNanoErg: String(10n * ERG) },
      { event: "exited", height: h.aliceDefault.site.height, txId: h.aliceDefault.site.txId, timestamp: expect.any(Number), boxId: null, stakeNanoErg: String(10n * ERG) },
    ]);
    const cancelled = (await api.get(`/underwriting/${h.bobOffer.boxId}`)).body;
    expect(cancelled.history.map((e: { event: string }) => e.event)).toEqual(["offered", "cancelled"]);
    expect(cancelled).toMatchObject({ acceptedHeight: null, endedHeight: h.cancelled.site.height });
  });

  it("gives an account its backing: limit, base, backed, raise in use, live and past stakes", async () => {
    const bob = (await api.get(`/accounts/${id("bob")}/backing`)).body;
    expect(bob).toMatchObject({
      accountId: id("bob"), communityId: h.f.communityId, live: true, balance: h.f.account("bob").balance.toString(), creditLimit: "200", baseCreditLimit: "100",
      backed: "100", raiseInUse: "0", stakesNanoErg: String(5n * ERG), offers: [],
    });
    expect(bob.liveStakes.map((s: Stake) => s.stakeId)).toEqual([h.bobOffer2.boxId]);
    expect(bob.pastStakes.map((s: Stake) => [s.stakeId, s.state])).toEqual([[h.bobOffer.boxId, "cancelled"]]);
    const alice = (await api.get(`/accounts/${id("alice")}/backing`)).body;
    expect(alice).toMatchObject({ live: false, balance: "-250", creditLimit: "300", baseCreditLimit: "100", backed: "200", raiseInUse: "150", stakesNanoErg: "0", liveStakes: [] });
    expect(alice.pastStakes.map((s: Stake) => s.state)).toEqual(["settled"]);
    const carol = (await api.get(`/accounts/${id("carol")}/backing`)).body;
    expect(carol).toMatchObject({ live: false, balance: "-55", creditLimit: "100", baseCreditLimit: "100", backed: "0", raiseInUse: "0" });
    expect(carol.pastStakes.map((s: Stake) => [s.stakeId, s.state])).toEqual([[h.carolOffer.boxId, "withdrawn"]]);
  });

  it("sums a community's backed and unbacked credit, its stakes, the committee's ERG, and its defaults with and without backing", async () => {
    const body = (await api.get(`/communities/${h.f.communityId}/underwriting`)).body;
    const lost = String(h.aliceDefaulted.lost);
    expect(body).toEqual({
      communityId: h.f.communityId, accounts: 1, backedAccounts: 1, baseCredit: "100", backedCredit: "100", raiseInUse: "0", liveStakes: 1,
      stakesLockedNanoErg: String(5n * ERG), openOffers: 0, offersNanoErg: "0", committeeNanoErg: lost, returnedAtExitsNanoErg: String(h.aliceDefaulted.returned),
      defaults: {
        backed: { count: 1, unitsWrittenOff: "250", carriedByUnderwriters: "150", carriedByCommunity: "100", lostNanoErg: lost },
        unbacked: { count: 1, unitsWrittenOff: "55" },
      },
      recentDefaults: [
        {
          accountId: id("carol"), height: h.carolDefault.site.height, txId: h.carolDefault.site.txId, timestamp: expect.any(Number), unitsWrittenOff: "55", backed: "0",
          carriedByUnderwriters: "0", carriedByCommunity: "55", lostNanoErg: "0", stakes: 0,
        },
        {
          accountId: id("alice"), height: h.aliceDefault.site.height, txId: h.aliceDefault.site.txId, timestamp: expect.any(Number), unitsWrittenOff: "250", backed: "200",
          carriedByUnderwriters: "150", carriedByCommunity: "100", lostNanoErg: lost, stakes: 1,
        },
      ],
    });
    // The committee really received the share the contract computes (docs/underwriting.md).
    expect(h.aliceDefaulted.lost).toBe((10n * ERG * 150n) / 200n);
  });

  it("answers 404 for an unknown stake, account or community, 400 for bad ids and parameters", async () => {
    const none = "ab".repeat(32);
    expect((await api.get(`/underwriting/${none}`)).status).toBe(404);
    expect((await api.get(`/accounts/${none}/backing`)).status).toBe(404);
    expect((await api.get(`/communities/${none}/underwriting`)).status).toBe(404);
    for (const path of ["/underwriting/not-hex", `/accounts/${none.slice(2)}/backing`, "/communities/xyz/underwriting"]) expect((await api.get(path)).status, path).toBe(400);
    for (const bad of ["state=open", "communityId=xyz", "accountId=12", "underwriter=zz", "underwriter=abc", "limit=0", "limit=1001", "offset=-1", "format=xml", "status=active"]) {
      const res = await api.get(`/underwriting?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.detail, bad).toEqual(expect.any(String));
    }
    expect((await api.get(`/underwriting/${h.aliceOffer.boxId}?format=csv`)).status).toBe(400);
    expect((await api.get(`/accounts/${id("bob")}/backing?limit=1`)).status).toBe(400);
  });

  it("documents its routes at /docs", async () => {
    const paths = Object.keys(api.docs.paths);
    for (const path of ["/underwriting", "/underwriting/{stakeId}", "/accounts/{accountId}/backing", "/communities/{communityId}/underwriting"]) expect(paths).toContain(path);
  });
});
