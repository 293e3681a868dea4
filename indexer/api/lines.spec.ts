// Trade lines through the API, on every backend, over the real three-community chain of
// `sync/line-chain.ts`: the line routes (JSON and CSV, 400s and 404s), cross payments in both
// communities' payment lists, routes and quotes, and books that balance with the gateways.
import { beforeAll, describe, expect, it } from "vitest";
import { quoteHop } from "../../contracts/line/line.ts";
import { BACKENDS } from "../db/testing.ts";
import { lineChain, type LineChain } from "../sync/line-chain.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let chain: LineChain;
beforeAll(() => {
  chain = lineChain();
});

describe.each(BACKENDS)("trade lines through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(chain.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  });

  it("lists every line, filtered by status, as JSON and CSV", async () => {
    const all = (await api.get("/lines")).body;
    expect(all.total).toBe(3);
    expect(all.items.map((l: { lineId: string; status: string }) => [l.lineId, l.status])).toEqual([[chain.ids.ab, "open"], [chain.ids.bc, "closed"], [chain.ids.ac, "closed"]]);
    expect((await api.get("/lines?status=open")).body.items.map((l: { lineId: string }) => l.lineId)).toEqual([chain.ids.ab]);
    const csv = await api.get("/lines?format=csv");
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[0]).toBe("lineId,communityA,communityB,status,pausedA,pausedB,rateNum,rateDen,capA,capB,feeA,feeB,shards,pending,positionA,positionB,feesHeldA,feesHeldB,boxId,createdHeight,createdTxId,updatedHeight,updatedTxId");
    expect(csv.text.split("\r\n")).toHaveLength(5);
    expect((await api.get("/lines?status=gone")).status).toBe(400);
  });

  it("shows a line: terms after the change, gateways per shard, each side's totals equal to the chain's gateways", async () => {
    const line = (await api.get(`/lines/${chain.ids.ab.toUpperCase()}`)).body;
    expect(line).toMatchObject({ lineId: chain.ids.ab, communityA: chain.ids.a, communityB: chain.ids.b, status: "open", pausedA: false, pausedB: false, pending: null, terms: { rateNum: "2", feeA: "50", shards: "2" } });
    expect(line.gateways).toHaveLength(4);
    const n = chain.network;
    for (const g of line.gateways) {
      const onChain = n.gateway(chain.ids.ab, g.side, g.shard);
      expect([g.balance, g.feesHeld, g.position, g.boxId]).toEqual([`${onChain.balance}`, `${onChain.feesHeld}`, `${onChain.position}`, onChain.boxId]);
    }
    const sum = (side: number, k: string) => line.gateways.filter((g: { side: number }) => g.side === side).reduce((s: bigint, g: Record<string, string>) => s + BigInt(g[k]!), 0n);
    expect([line.positionA, line.positionB, line.feesHeldA, line.feesHeldB]).toEqual([`${sum(0, "position")}`, `${sum(1, "position")}`, `${sum(0, "feesHeld")}`, `${sum(1, "feesHeld")}`]);
    expect((await api.get(`/lines/${"ab".repeat(32)}`)).status).toBe(404);
    expect((await api.get("/lines/not-hex")).status).toBe(400);
  });

  it("shows a community's lines as it sees them: partner, side and its position", async () => {
    const b = (await api.get(`/communities/${chain.ids.b}/lines`)).body;
    expect(b.items.map((l: { lineId: string; side: number; partnerCommunityId: string }) => [l.lineId, l.side, l.partnerCommunityId])).toEqual([[chain.ids.ab, 1, chain.ids.a], [chain.ids.bc, 0, chain.ids.c]]);
    expect(b.items[0].position).toBe(b.items[0].positionB);
    expect((await api.get(`/communities/${chain.ids.c}/lines?status=closed`)).body.total).toBe(2);
    expect((await api.get(`/communities/${chain.ids.a}/lines?format=csv`)).text.split("\r\n")[0]).toMatch(/^lineId,side,partnerCommunityId,status/);
    expect((await api.get(`/communities/${"ab".repeat(32)}/lines`)).status).toBe(404);
  });

  it("tells a line's history: every event (a refresh's with no side, a shard's with its shard), and the positions after every payment", async () => {
    const h = (await api.get(`/lines/${chain.ids.ab}/history`)).body;
    expect(h.events.map((e: { kind: string; side: number; shard: number | null }) => [e.kind, e.side, e.shard])).toEqual([
      ["proposed", 0, null], ["accepted", 1, null], ["paused", 1, null], ["resumed", 1, null], ["change-proposed", 0, null], ["change-accepted", 1, null],
      ["shard-refreshed", null, 1],
    ]);
    expect(h.events[6]).toMatchObject({ txId: chain.tx.refreshPair, height: chain.at.refreshPair, status: "open", terms: { feeA: "50", rateNum: "2" }, pending: null });
    // The refreshed ends are the shard's positions at that height, unchanged.
    const shard1 = (height: number) => h.positions.filter((p: { height: number; shard: number }) => p.height === height && p.shard === 1).map(({ txId: _t, height: _h, ...p }: Record<string, unknown>) => p);
    expect(shard1(chain.at.refreshPair!)).toEqual(shard1(chain.at.twoHops!));
    expect(h.events[4].pending).toMatchObject({ proposerSide: 0, kind: "terms", terms: { feeA: "50", rateNum: "2" } });
    expect(h.positions.filter((p: { height: number }) => p.height === chain.at.aToB).map((p: { side: number; position: string }) => [p.side, p.position])).toEqual([[0, "50"], [1, "-75"]]);
    const bc = (await api.get(`/lines/${chain.ids.bc}/history`)).body.events.map((e: { kind: string }) => e.kind);
    expect(bc).toEqual(["proposed", "accepted", "change-proposed", "closed"]);
    const ac = (await api.get(`/lines/${chain.ids.ac}/history`)).body;
    expect(ac.events.map((e: { kind: string; shard: number | null; txId: string }) => [e.kind, e.shard, e.txId])).toEqual([
      ["proposed", null, chain.tx.proposeAC], ["cancelled", null, chain.tx.cancel], ["shard-refreshed", 0, chain.tx.refreshAlone], ["refreshed", null, chain.tx.refreshLine],
    ]);
    expect(ac.positions.filter((p: { txId: string }) => p.txId === chain.tx.refreshAlone).map((p: Record<string, unknown>) => [p.side, p.shard, p.position])).toEqual([[0, 0, "0"]]);
  });

  it("lists the cross payments through a line, both ways and two hops, as JSON and CSV", async () => {
    const ab = (await api.get(`/lines/${chain.ids.ab}/payments?order=asc`)).body;
    expect(ab.total).toBe(5);
    expect(ab.items[0]).toMatchObject({ txId: chain.tx.aToB, payer: chain.accounts["alice@A"], debit: "51", payee: chain.accounts["bob@B"], received: "74", lineIds: [chain.ids.ab] });
    const bc = (await api.get(`/lines/${chain.ids.bc}/payments`)).body;
    expect(bc.items).toHaveLength(1);
    expect(bc.items[0]).toMatchObject({ txId: chain.tx.twoHops, payerCommunityId: chain.ids.a, payeeCommunityId: chain.ids.c, lineIds: [chain.ids.ab, chain.ids.bc] });
    expect(bc.items[0].hops).toHaveLength(2);
    const csv = (await api.get(`/lines/${chain.ids.bc}/payments?format=csv`)).text.split("\r\n");
    expect(csv[0]).toBe("txId,leg,height,timestamp,payerCommunityId,payer,debit,payeeCommunityId,payee,received,lineIds,hops");
    expect(csv[1]).toContain(`${chain.ids.ab} ${chain.ids.bc}`);
    expect((await api.get(`/lines/${chain.ids.ab}/payments?limit=0`)).status).toBe(400);
  });

  it("shows a cross payment in both communities' payment lists and in both accounts', marked cross; a local leg alongside stays local", async () => {
    const inA = (await api.get(`/communities/${chain.ids.a}/payments?order=asc`)).body.items;
    const aToB = inA.find((p: { txId: string }) => p.txId === chain.tx.aToB);
    expect(aToB).toMatchObject({ communityId: chain.ids.a, payer: chain.accounts["alice@A"], payee: chain.accounts["bob@B"], amount: "51", cross: { side: "payer", otherCommunityId: chain.ids.b, debit: "51", received: "74" } });
    const inB = (await api.get(`/communities/${chain.ids.b}/payments`)).body.items.find((p: { txId: string }) => p.txId === chain.tx.aToB);
    expect(inB).toMatchObject({ communityId: chain.ids.b, amount: "74", cross: { side: "payee", otherCommunityId: chain.ids.a } });
    const both = inA.filter((p: { txId: string }) => p.txId === chain.tx.crossAndLocal);
    expect(both.map((p: { leg: number; cross?: unknown; amount: string }) => [p.leg, p.cross === undefined, p.amount])).toEqual([[0, true, "5"], [1, false, "21"]]);
    const bob = (await api.get(`/accounts/${chain.accounts["bob@C"]}/payments`)).body;
    expect(bob.items).toMatchObject([{ txId: chain.tx.twoHops, amount: "86", cross: { side: "payee", lineIds: [chain.ids.ab, chain.ids.bc] } }]);
    const page = (await api.get(`/communities/${chain.ids.a}/payments?limit=2&offset=1&order=asc`)).body;
    expect(page.items).toEqual(inA.slice(1, 3));
    expect(page.total).toBe(inA.length);
  });

  it("keeps each community's books with its gateways: imbalance 0, no compromise", async () => {
    for (const id of [chain.ids.a, chain.ids.b, chain.ids.c]) expect((await api.get(`/communities/${id}`)).body, id).toMatchObject({ imbalance: "0", compromises: 0 });
  });

  it("finds the route a wallet would take, with a quote; no route and bad input are 400s", async () => {
    const direct = (await api.get(`/routes?from=${chain.ids.a}&to=${chain.ids.b}&amount=100`)).body;
    const line = chain.network.line(chain.ids.ab);
    const q = quoteHop(line.terms, 0, 100n);
    expect(direct).toMatchObject({ from: chain.ids.a, to: chain.ids.b, amount: "100", debit: `${q.sent + q.senderFee}`, received: `${q.delivered}` });
    expect(direct.steps).toMatchObject([{ lineId: chain.ids.ab, fromSide: 0, quote: { converted: `${q.converted}` } }]);
    expect([0, 1]).toContain(direct.steps[0].shard);
    const back = (await api.get(`/routes?from=${chain.ids.b}&to=${chain.ids.a}`)).body;
    expect(back).toMatchObject({ amount: null, debit: null, received: null, steps: [{ lineId: chain.ids.ab, fromSide: 1, shard: null, quote: null }] });
    const none = await api.get(`/routes?from=${chain.ids.a}&to=${chain.ids.c}`); // B-C is closed
    expect(none.status).toBe(400);
    expect(none.body.detail).toMatch(/no route/);
    expect((await api.get(`/routes?from=${chain.ids.a}`)).status).toBe(400);
    expect((await api.get(`/routes?from=${chain.ids.a}&to=${chain.ids.b}&amount=0`)).status).toBe(400);
    expect((await api.get(`/routes?from=${chain.ids.a}&to=${chain.ids.b}&amount=-3`)).status).toBe(400);
    expect((await api.get(`/routes?from=${chain.ids.a}&to=${"ab".repeat(32)}`)).status).toBe(404);
  });
});
