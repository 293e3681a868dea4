// ERG loans through the API, on every backend, over the real chain of `sync/loan-testing.ts` (one
// bank's five loans: A funded, drawn (one tranche early, a milestone), instalment 0 repaid on time,
// instalment 1 missed and claimed from the bond, instalment 2 repaid, released; B repaid early and
// released; C cancelled; E funded with its first instalments past grace; D left open): the market
// by state and party as JSON (each answer checked against the OpenAPI document) and CSV, one
// loan's schedule against what happened, the bank's record, and the 400s and 404s.
import { beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../util/csv.ts";
import { ERG } from "../../contracts/testing/loan-fixture.ts";
import { BACKENDS } from "../db/testing.ts";
import { loanHistory, type LoanHistory } from "../sync/loan-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let h: LoanHistory;
beforeAll(() => {
  h = loanHistory();
}, 600_000);

type Item = { loanId: string; state: string; status: string };

describe.each(BACKENDS)("loans through the API on $name", ({ open }) => {
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

  it("lists every loan newest offered first with its state and its status now, as JSON and CSV", async () => {
    const body = (await api.get("/loans")).body;
    expect(body).toMatchObject({ total: 5, limit: 100, offset: 0 });
    expect(body.items.map((l: Item) => [l.loanId, l.state, l.status])).toEqual([
      [h.d.loanId, "offered", "open"],
      [h.e.loanId, "funded", "claimable"],
      [h.cc.loanId, "cancelled", "cancelled"],
      [h.b.loanId, "released", "released"],
      [h.a.loanId, "released", "released"],
    ]);
    const tip = h.c.blocks.at(-1)!.header.height;
    const inst = h.eTerms.instalments;
    // E: instalments 0 and 1 are due by the next HEIGHT; 0 is past its grace, so claimable.
    expect(body.items[1]).toMatchObject({
      investor: h.f.investor.owner.toLowerCase(), drawn: 1, dueNowNanoErg: (inst[0]!.amountNanoErg + inst[1]!.amountNanoErg).toString(),
      claimableNanoErg: inst[0]!.amountNanoErg.toString(), nextDueHeight: inst[0]!.dueHeight.toString(), height: tip + 1, fundedHeight: h.eFund.height, endedHeight: null,
    });
    expect(body.items[0]).toEqual({
      loanId: h.d.loanId, bank: h.f.bank.owner.toLowerCase(), business: h.f.business.owner.toLowerCase(), investor: null, state: "offered", status: "open",
      principalNanoErg: (6n * ERG).toString(), totalOwedNanoErg: h.dTerms.instalments.reduce((s, i) => s + i.amountNanoErg, 0n).toString(), trancheCount: 3, instalmentCount: 3,
      graceBlocks: "20", firstDueHeight: h.dTerms.instalments[0]!.dueHeight.toString(), lastDueHeight: h.dTerms.instalments[2]!.dueHeight.toString(), drawn: 0,
      repaidNanoErg: "0", claimedNanoErg: "0", dueNowNanoErg: "0", claimableNanoErg: "0", outstandingNanoErg: h.dTerms.instalments.reduce((s, i) => s + i.amountNanoErg, 0n).toString(),
      nextDueHeight: h.dTerms.instalments[0]!.dueHeight.toString(), bondPostedNanoErg: expect.any(String), bondNanoErg: expect.any(String),
      bondPaidOutNanoErg: "0", bondReturnedNanoErg: null, boxId: h.dTerms.boxId, valueNanoErg: h.dTerms.valueNanoErg.toString(), offeredHeight: h.d.height, offeredTxId: h.d.txId,
      offeredTimestamp: expect.any(Number), fundedHeight: null, endedHeight: null, endedTxId: null, height: tip + 1,
    });
    expect(body.items[0].bondNanoErg).toBe(body.items[0].bondPostedNanoErg);
    expect(BigInt(body.items[0].bondPostedNanoErg)).toBeGreaterThan(4n * ERG);
    const [head, ...rows] = csvRows((await api.get("/loans?format=csv")).text, { crlf: true });
    expect(head!.slice(0, 6)).toEqual(["loanId", "bank", "business", "investor", "state", "status"]);
    expect(rows.map((r) => r[0])).toEqual(body.items.map((l: Item) => l.loanId));
  });

  it("filters by state (open is an unfunded offer) and by party, by key, public key or address", async () => {
    expect((await api.get("/loans?state=open")).body).toMatchObject({ total: 1, items: [{ loanId: h.d.loanId }] });
    expect((await api.get("/loans?state=released")).body.items.map((l: Item) => l.loanId)).toEqual([h.b.loanId, h.a.loanId]);
    expect((await api.get("/loans?state=cancelled&limit=1")).body).toMatchObject({ total: 1, items: [{ loanId: h.cc.loanId }] });
    const investorKey = h.f.investor.owner;
    expect((await api.get(`/loans?investor=${investorKey}`)).body.total).toBe(3);
    expect((await api.get(`/loans?investor=${investorKey.slice(4)}&state=funded`)).body.items.map((l: Item) => l.loanId)).toEqual([h.e.loanId]);
    expect((await api.get(`/loans?bank=${h.f.bank.address}`)).body.total).toBe(5);
    expect((await api.get(`/loans?business=${h.f.business.address}&limit=2&offset=1`)).body).toMatchObject({ total: 5, limit: 2, offset: 1, items: [{ loanId: h.e.loanId }, { loanId: h.cc.loanId }] });
    expect((await api.get(`/loans?bank=${h.f.stranger.address}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it("gives a loan's schedule against what happened: tranches drawn (one a milestone), instalments paid, claimed, and the events", async () => {
    const a = (await api.get(`/loans/${h.a.loanId.toUpperCase()}`)).body;
    const inst = h.a.terms.instalments;
    expect(a).toMatchObject({ loanId: h.a.loanId, state: "released", status: "released", drawn: 2, endedHeight: h.aRelease.height, endedTxId: h.aRelease.txId, fundedHeight: h.aFund.height });
    expect(a.tranches).toEqual([
      { index: 0, amountNanoErg: (3n * ERG).toString(), unlockHeight: h.a.terms.tranches[0]!.unlockHeight.toString(), drawnHeight: h.aDraw0.height, drawnTxId: h.aDraw0.txId, milestone: false },
      { index: 1, amountNanoErg: (2n * ERG).toString(), unlockHeight: h.a.terms.tranches[1]!.unlockHeight.toString(), drawnHeight: h.aDraw1.height, drawnTxId: h.aDraw1.txId, milestone: true },
      { index: 2, amountNanoErg: (1n * ERG).toString(), unlockHeight: h.a.terms.tranches[2]!.unlockHeight.toString(), drawnHeight: null, drawnTxId: null, milestone: null },
    ]);
    expect(a.instalments.map((i: { status: string; paidHeight: number | null; paidTxId: string | null }) => [i.status, i.paidHeight, i.paidTxId])).toEqual([
      ["paid", h.aRepay0.height, h.aRepay0.txId],
      ["claimed", h.aClaim.height, h.aClaim.txId],
      ["paid", h.aRepay2.height, h.aRepay2.txId],
    ]);
    expect(a.instalments[1]).toMatchObject({ amountNanoErg: inst[1]!.amountNanoErg.toString(), dueHeight: inst[1]!.dueHeight.toString(),
      graceEndHeight: (inst[1]!.dueHeight + 20n).toString(), paidNanoErg: inst[1]!.amountNanoErg.toString(), claimedNanoErg: h.aClaimed.toString() });
    expect(a.events.map((e: { kind: string }) => e.kind)).toEqual(["offer", "fund", "draw", "draw", "repay", "claim", "repay", "release"]);
    const claim = a.events[5];
    expect(claim).toMatchObject({ txId: h.aClaim.txId, amountNanoErg: h.aClaimed.toString(), bondNanoErg: h.bondPaid.toString() });
    const posted = BigInt(a.bondPostedNanoErg);
    expect(a).toMatchObject({ bondPaidOutNanoErg: h.bondPaid.toString(), bondReturnedNanoErg: (posted - h.bondPaid).toString(), bondNanoErg: "0" });
    expect(a.events.at(-1)).toMatchObject({ kind: "release", txId: h.aRelease.txId, bondNanoErg: (posted - h.bondPaid).toString() });

    const e = (await api.get(`/loans/${h.e.loanId}`)).body;
    expect(e.instalments.map((i: { status: string }) => i.status)).toEqual(["claimable", "late", "upcoming"]);
    const d = (await api.get(`/loans/${h.d.loanId}`)).body;
    expect(d.instalments.map((i: { status: string }) => i.status)).toEqual(["open", "open", "open"]);
    expect(d.events).toMatchObject([{ kind: "offer", txId: h.d.txId }]);
    const c = (await api.get(`/loans/${h.cc.loanId}`)).body;
    expect(c.events.map((x: { kind: string }) => x.kind)).toEqual(["offer", "cancel"]);
    expect(c).toMatchObject({ endedTxId: h.cCancel.txId, bondReturnedNanoErg: c.bondPostedNanoErg });
  });

  it("gives a bank's record by key or address: made, repaid on time, late, defaulted, bond posted and paid out", async () => {
    const byKey = (await api.get(`/banks/${h.f.bank.owner}`)).body;
    expect(byKey).toEqual({
      bank: h.f.bank.owner.toLowerCase(), height: h.c.blocks.at(-1)!.header.height + 1, loansMade: 5, open: 1, funded: 3, active: 1, repaidOnTime: 1, repaidLate: 0, late: 1,
      defaulted: 1, cancelled: 1, principalLentNanoErg: (18n * ERG).toString(), bondPostedNanoErg: expect.any(String), bondPaidOutNanoErg: h.bondPaid.toString(),
      firstOfferedHeight: h.a.offered.height, lastOfferedHeight: h.d.height,
    });
    const posted = (await api.get("/loans")).body.items.reduce((s: bigint, l: { bondPostedNanoErg: string }) => s + BigInt(l.bondPostedNanoErg), 0n);
    expect(byKey.bondPostedNanoErg).toBe(posted.toString());
    expect((await api.get(`/banks/${h.f.bank.address}`)).body).toEqual(byKey);
  });

  it("answers 404 for an unknown loan or bank, 400 for bad ids and parameters", async () => {
    const none = "ab".repeat(32);
    expect((await api.get(`/loans/${none}`)).status).toBe(404);
    expect((await api.get(`/banks/${h.f.stranger.owner}`)).status).toBe(404);
    for (const path of ["/loans/not-hex", `/loans/${none.slice(2)}`, "/banks/not-an-address", "/banks/08cd"]) expect((await api.get(path)).status, path).toBe(400);
    const bad = (await api.get("/loans?bank=xyz")).body;
    expect(bad).toMatchObject({ error: 400, detail: expect.stringMatching(/^bank: /) });
    for (const q of ["state=closed", "state=OPEN", "limit=0", "limit=1001", "offset=-1", "format=xml", "owner=x", "investor=", "business=a-b"]) {
      expect((await api.get(`/loans?${q}`)).status, q).toBe(400);
    }
    expect((await api.get(`/loans/${h.d.loanId}?format=csv`)).status).toBe(400);
  });

  it("documents its routes at /docs", async () => {
    const paths = Object.keys(api.docs.paths);
    for (const path of ["/loans", "/loans/{loanId}", "/banks/{bankId}"]) expect(paths).toContain(path);
  });
});
