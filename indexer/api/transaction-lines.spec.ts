// GET /transactions/{txId} for trade-line transactions, on every backend, over the real
// three-community chain of `sync/line-chain.ts` (every transaction judged by both interpreters):
// a cross payment alone, over two hops, with a local payment alongside, and every line action are
// found (none is a 404); the cross payments (both legs, hops, fees, conversion) agree with the
// quote of the line's terms and with /lines/{lineId}/payments, the line events with
// /lines/{lineId}/history, the gateway boxes with the line's positions and the chain's live
// gateways, the balances before and after with each account's history. A local transaction's
// answer has none of the new fields. A shard's ends refreshed (both, or A's alone) and a line box
// refreshed are a `refresh` of community A, with the line event and the gateways they recreated.
// Every transaction is listed in its block (/blocks/{height}) and found by /search, whole, by a
// prefix or shortened. Every answer is validated against /docs by the test client.
import { beforeAll, describe, expect, it } from "vitest";
import { quoteHop, type LineTerms, type Side } from "../../contracts/line/line.ts";
import { TEST_TERMS } from "../../contracts/testing/network-fixture.ts";
import { BACKENDS } from "../db/testing.ts";
import { lineChain, type LineChain } from "../sync/line-chain.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let chain: LineChain;
beforeAll(() => {
  chain = lineChain();
});

/** The terms after the change of line A-B (proposeChange, acceptChange). */
const CHANGED: LineTerms = { ...TEST_TERMS, feeA: 50n, rateNum: 2n };

const hopOf = (lineId: string, shard: number, from: string, to: string, terms: LineTerms, side: Side, sent: bigint) => {
  const q = quoteHop(terms, side, sent);
  return { lineId, shard, fromCommunityId: from, toCommunityId: to, sent: `${q.sent}`, senderFee: `${q.senderFee}`, converted: `${q.converted}`, receiverFee: `${q.receiverFee}`, delivered: `${q.delivered}` };
};

describe.each(BACKENDS)("transactions of trade lines through the API on $name", ({ open }) => {
  let api: ApiClient;
  const tx = async (name: string) => {
    const answer = await api.get(`/transactions/${chain.tx[name]}`);
    expect(answer.status, name).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(chain.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  });

  it("finds every transaction of the chain, each with its block, kind and community (a line action is the acting committee's govern, a refresh community A's)", async () => {
    const { a, b, c } = chain.ids;
    const expected: Record<string, [string, string]> = {
      propose: ["govern", a], accept: ["govern", b], openBC: ["govern", c], aToB: ["payment", a], bToA: ["payment", b], twoHops: ["payment", a],
      crossAndLocal: ["payment", a], pause: ["govern", b], resume: ["govern", b], proposeChange: ["govern", a], acceptChange: ["govern", b],
      afterChange: ["payment", b], proposeClose: ["govern", c], close: ["govern", b], proposeAC: ["govern", a], cancel: ["govern", a],
      refreshPair: ["refresh", a], refreshAlone: ["refresh", a], refreshLine: ["refresh", a],
    };
    expect(Object.keys(expected).sort()).toEqual(Object.keys(chain.tx).sort());
    for (const [name, [kind, communityId]] of Object.entries(expected)) {
      const t = await tx(name);
      const block = chain.blocks[chain.at[name]! - 1]!;
      expect([t.txId, t.height, t.blockId, t.timestamp, t.kind, t.communityId], name).toEqual([chain.tx[name], chain.at[name], block.header.id, block.header.timestamp, kind, communityId]);
    }
  });

  it("a cross payment alone: both legs, the hop's amounts, fees and conversion as the terms quote them, the gateway boxes it made, no local leg", async () => {
    const t = await tx("aToB");
    expect([t.events, t.legs]).toEqual([[], []]);
    const hop = hopOf(chain.ids.ab, 0, chain.ids.a, chain.ids.b, TEST_TERMS, 0, 50n);
    expect(t.crossPayments).toEqual([{
      leg: 0, payerCommunityId: chain.ids.a, payer: chain.accounts["alice@A"], debit: `${BigInt(hop.sent) + BigInt(hop.senderFee)}`,
      payeeCommunityId: chain.ids.b, payee: chain.accounts["bob@B"], received: hop.delivered, lineIds: [chain.ids.ab], hops: [hop],
    }]);
    expect(t.gateways.map((g: { side: number; shard: number; position: string; feesHeld: string }) => [g.side, g.shard, g.position, g.feesHeld]))
      .toEqual([[0, 0, hop.sent, hop.senderFee], [1, 0, `-${hop.converted}`, hop.receiverFee]]);
    expect(t.lineEvents).toBeUndefined();
    const back = await tx("bToA");
    expect(back.crossPayments[0]).toMatchObject({ payerCommunityId: chain.ids.b, payer: chain.accounts["bob@B"], payee: chain.accounts["alice@A"], hops: [hopOf(chain.ids.ab, 1, chain.ids.b, chain.ids.a, TEST_TERMS, 1, 30n)] });
    // After the change of terms, the new rate and fee.
    const after = await tx("afterChange");
    expect(after.crossPayments[0].hops).toEqual([hopOf(chain.ids.ab, 0, chain.ids.b, chain.ids.a, CHANGED, 1, 10n)]);
  });

  it("two hops: the lines in order, what B forwards, and the four gateway boxes", async () => {
    const t = await tx("twoHops");
    const [first, second] = t.crossPayments[0].hops;
    expect(t.crossPayments[0]).toMatchObject({ payer: chain.accounts["alice@A"], payee: chain.accounts["bob@C"], payerCommunityId: chain.ids.a, payeeCommunityId: chain.ids.c, lineIds: [chain.ids.ab, chain.ids.bc] });
    expect(first).toEqual(hopOf(chain.ids.ab, 1, chain.ids.a, chain.ids.b, TEST_TERMS, 0, 40n));
    expect(BigInt(second.sent) + BigInt(second.senderFee)).toBe(BigInt(first.delivered));
    expect(second).toEqual(hopOf(chain.ids.bc, 0, chain.ids.b, chain.ids.c, TEST_TERMS, 0, BigInt(second.sent)));
    expect(t.crossPayments[0]).toMatchObject({ debit: "41", received: second.delivered });
    // By line id (the lines' ids are random box ids: A-B's may sort after B-C's), then side.
    const byLine = [[chain.ids.ab, chain.ids.a], [chain.ids.ab, chain.ids.b], [chain.ids.bc, chain.ids.b], [chain.ids.bc, chain.ids.c]].sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
    expect(t.gateways.map((g: { lineId: string; communityId: string }) => [g.lineId, g.communityId])).toEqual(byLine);
  });

  it("a cross payment with a local payment alongside: the local leg in legs, the cross payment after it, the payer's balance fell by both", async () => {
    const t = await tx("crossAndLocal");
    expect(t.legs).toEqual([{ leg: 0, payer: chain.accounts["bob@A"], payee: chain.accounts["alice@A"], amount: "5", ergNanoErg: "0" }]);
    expect(t.crossPayments).toMatchObject([{ leg: 1, payer: chain.accounts["bob@A"], payee: chain.accounts["alice@B"], debit: "21" }]);
    const bob = t.accounts.find((x: { accountId: string }) => x.accountId === chain.accounts["bob@A"]);
    expect(BigInt(bob.balanceAfter) - BigInt(bob.balanceBefore)).toBe(-26n);
  });

  it("agrees with the line's payments and history, and its gateway boxes are the line's positions (the live ones the chain's)", async () => {
    for (const lineId of [chain.ids.ab, chain.ids.bc, chain.ids.ac]) {
      const payments = (await api.get(`/lines/${lineId}/payments?limit=1000`)).body.items;
      const history = (await api.get(`/lines/${lineId}/history`)).body;
      for (const p of payments) {
        const t = (await api.get(`/transactions/${p.txId}`)).body;
        const { txId: _t, height: _h, timestamp: _s, ...cross } = p;
        expect(t.crossPayments).toContainEqual(cross);
      }
      for (const name of Object.keys(chain.tx)) {
        const t = await tx(name);
        const made = (t.gateways ?? []).filter((g: { lineId: string }) => g.lineId === lineId).map((g: Record<string, unknown>) => [g.side, g.shard, g.balance, g.feesHeld, g.position]);
        const positions = history.positions.filter((p: { txId: string }) => p.txId === t.txId).map((p: Record<string, unknown>) => [p.side, p.shard, p.balance, p.feesHeld, p.position]);
        expect(made, `${name} on ${lineId}`).toEqual(positions);
        const events = (t.lineEvents ?? []).filter((e: { lineId: string }) => e.lineId === lineId).map(({ lineId: _l, seq: _q, communityId: _c, boxId: _b, ...e }: Record<string, unknown>) => e);
        const logged = history.events.filter((e: { txId: string }) => e.txId === t.txId).map(({ txId: _x, height: _h, timestamp: _s, ...e }: Record<string, unknown>) => e);
        expect(events, `${name} on ${lineId}`).toEqual(logged);
      }
    }
    const last = await tx("afterChange");
    for (const g of last.gateways) expect(g.boxId).toBe(chain.network.gateway(chain.ids.ab, g.side, g.shard).boxId);
  });

  it("tells each line action: the event, the acting side and its community, the line after it, the gateways a propose or accept seats", async () => {
    const { a, b, c, ab, bc, ac } = chain.ids;
    const events: Record<string, [string, string, number | null, string | null, string]> = {
      propose: [ab, "proposed", 0, a, "proposed"], accept: [ab, "accepted", 1, b, "open"], openBC: [bc, "accepted", 1, c, "open"],
      pause: [ab, "paused", 1, b, "open"], resume: [ab, "resumed", 1, b, "open"], proposeChange: [ab, "change-proposed", 0, a, "open"],
      acceptChange: [ab, "change-accepted", 1, b, "open"], proposeClose: [bc, "change-proposed", 1, c, "open"], close: [bc, "closed", 0, b, "closed"],
      proposeAC: [ac, "proposed", 0, a, "proposed"], cancel: [ac, "cancelled", 0, a, "closed"],
    };
    for (const [name, [lineId, kind, side, communityId, status]] of Object.entries(events)) {
      const t = await tx(name);
      expect(t.lineEvents.map((e: Record<string, unknown>) => [e.lineId, e.kind, e.side, e.communityId, e.status]), name).toEqual([[lineId, kind, side, communityId, status]]);
      expect([t.events, t.legs, t.accounts, t.crossPayments], name).toEqual([[], [], [], undefined]);
    }
    expect((await tx("pause")).lineEvents[0]).toMatchObject({ pausedA: false, pausedB: true });
    expect((await tx("proposeChange")).lineEvents[0]).toMatchObject({ terms: { rateNum: "3" }, pending: { proposerSide: 0, kind: "terms", terms: { rateNum: "2", feeA: "50" } } });
    expect((await tx("acceptChange")).lineEvents[0]).toMatchObject({ terms: { rateNum: "2", feeA: "50" }, pending: null });
    const seats = (name: string) => tx(name).then((t) => t.gateways.map((g: Record<string, unknown>) => [g.lineId, g.side, g.shard, g.balance]));
    expect(await seats("propose")).toEqual([[ab, 0, 0, "0"], [ab, 0, 1, "0"]]);
    expect(await seats("accept")).toEqual([[ab, 1, 0, "0"], [ab, 1, 1, "0"]]);
    expect((await tx("pause")).gateways).toBeUndefined();
    expect((await tx("pause")).lineEvents[0].shard).toBeNull();
  });

  it("tells a refresh by anyone: the shard whose ends it recreated (both, or A's alone) and the line it read, or the line box it made; no cross payment", async () => {
    const { a, ab, ac } = chain.ids;
    const line = (lineId: string) => api.get(`/lines/${lineId}`).then((r) => r.body);
    const refreshes: Record<string, [string, string, number | null, string]> = {
      // A-B's line box is still the one refreshPair read; A-C's was the cancel's until refreshLine.
      refreshPair: [ab, "shard-refreshed", 1, (await line(ab)).boxId], refreshAlone: [ac, "shard-refreshed", 0, (await tx("cancel")).lineEvents[0].boxId],
      refreshLine: [ac, "refreshed", null, (await line(ac)).boxId],
    };
    for (const [name, [lineId, kind, shard, boxId]] of Object.entries(refreshes)) {
      const t = await tx(name);
      expect([t.kind, t.communityId], name).toEqual(["refresh", a]);
      expect(t.lineEvents.map((e: Record<string, unknown>) => [e.lineId, e.seq, e.kind, e.side, e.communityId, e.shard, e.boxId]), name).toEqual([[lineId, 0, kind, null, null, shard, boxId]]);
      expect([t.events, t.legs, t.accounts, t.crossPayments], name).toEqual([[], [], [], undefined]);
    }
    // The ends it recreated, as they were: A-B's shard 1 after the two-hop payment, the cancelled A-C's A end at 0.
    const gateways = (name: string) => tx(name).then((t) => t.gateways.map((g: Record<string, unknown>) => [g.lineId, g.side, g.shard, g.position, g.feesHeld]));
    const twoHops = (await tx("twoHops")).gateways.filter((g: { lineId: string }) => g.lineId === ab).map((g: Record<string, unknown>) => [g.lineId, g.side, g.shard, g.position, g.feesHeld]);
    expect(await gateways("refreshPair")).toEqual(twoHops);
    expect(await gateways("refreshAlone")).toEqual([[ac, 0, 0, "0", "0"]]);
    expect((await tx("refreshLine")).gateways).toBeUndefined();
    for (const g of (await tx("refreshPair")).gateways) expect(g.boxId).toBe(chain.network.gateway(ab, g.side, g.shard).boxId);
  });

  it("gives each account's balance before and after as its history has them, cross payments counted", async () => {
    for (const name of ["aToB", "bToA", "twoHops", "crossAndLocal", "afterChange"]) {
      const t = await tx(name);
      expect(t.accounts.length, name).toBeGreaterThanOrEqual(2);
      for (const account of t.accounts) {
        const points = (await api.get(`/accounts/${account.accountId}/history`)).body.items;
        const i = points.findIndex((p: { height: number }) => p.height === t.height);
        expect([account.balanceBefore, account.balanceAfter], `${name} ${account.accountId}`).toEqual([points[i - 1].balance, points[i].balance]);
      }
    }
  });

  it("lists every transaction in its block and finds it by id, whole, by a prefix or shortened (a cross payment alone or a line action has no community event)", async () => {
    for (const [name, txId] of Object.entries(chain.tx)) {
      const { kind, communityId, height } = await tx(name);
      const block = (await api.get(`/blocks/${chain.at[name]}`)).body;
      expect(block.transactions, name).toEqual([{ txId, communityId, kind }]);
      for (const q of [txId, txId.toUpperCase(), txId.slice(0, 8), `${txId.slice(0, 6)}…${txId.slice(-4)}`]) {
        const found = (await api.get(`/search?q=${encodeURIComponent(q)}`)).body;
        expect(found.transactions, `${name} by ${q}`).toEqual([{ txId, communityId, kind, height }]);
      }
    }
  });

  it("leaves a local transaction's answer as it was, and an unknown id a 404", async () => {
    const create = await api.get(`/transactions/${chain.blocks[0]!.transactions[0]!.id}`);
    expect(create.body.kind).toBe("create");
    expect(Object.keys(create.body)).toEqual(["txId", "height", "blockId", "timestamp", "communityId", "kind", "events", "legs", "memo", "requestId", "accounts", "boxes"]);
    expect((await api.get(`/transactions/${"ab".repeat(32)}`)).status).toBe(404);
  });
});
