// Trade lines in the sync (docs/inter-lets.md): a real chain of three communities with lines
// between them (both interpreters judged every transaction; `line-chain.ts`), decoded block by
// block and written to every backend. Gateways seated by a propose or accept are the community's
// books, not escaped units; a unit in a gateway-script box nobody seated still is. A dormant
// shard's ends refreshed (both, or A's alone) are an event of their line, no cross payment and no
// rent spend.
import { beforeAll, describe, expect, it } from "vitest";
import { decodeGateway } from "../../contracts/line/line.ts";
import { longConstant, readLong } from "../../contracts/registers.ts";
import { GATEWAY_ERGO_TREE } from "../../contracts/scripts.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { Replay, copyBox, edited } from "./block-testing.ts";
import { lineChain, type LineChain } from "./line-chain.ts";
import { BatchPipeline } from "./pipeline.ts";
import { liveTotals, rollbackFrom } from "./write-batch.ts";
import type { BlockChanges, GatewayRecord } from "./lets-events.ts";

let chain: LineChain;
/** What each block changed, by height. */
const changes = new Map<number, BlockChanges>();
let replay: Replay;
beforeAll(() => {
  chain = lineChain();
  replay = new Replay();
  for (const block of chain.blocks) changes.set(block.header.height, replay.applyBlock(block));
});

const kinds = (height: number) => changes.get(height)!.lineEvents.map((e) => [e.kind, e.side]);

/** The chain's blocks below `height` replayed. */
const replayUntil = (height: number) => {
  const r = new Replay();
  for (const block of chain.blocks.filter((b) => b.header.height < height)) r.applyBlock(block);
  return r;
};

describe("trade lines decoded from a real chain", () => {
  it("never flags a gateway seated by a propose or accept, nor a cross payment or a refresh, as a compromise", () => {
    for (const [height, c] of changes) {
      expect(c.compromises, `block ${height}`).toEqual([]);
      expect(c.ignored, `block ${height}`).toEqual([]);
    }
  });

  it("names every line path: propose, accept, pause, resume, change proposed and accepted, close, cancel", () => {
    const { at } = chain;
    expect(kinds(at.propose!)).toEqual([["proposed", 0]]);
    expect(kinds(at.accept!)).toEqual([["accepted", 1]]);
    expect(kinds(at.pause!)).toEqual([["paused", 1]]);
    expect(kinds(at.resume!)).toEqual([["resumed", 1]]);
    expect(kinds(at.proposeChange!)).toEqual([["change-proposed", 0]]);
    expect(kinds(at.acceptChange!)).toEqual([["change-accepted", 1]]);
    expect(changes.get(at.acceptChange!)!.lineEvents[0]!.line.terms).toMatchObject({ feeA: 50n, rateNum: 2n });
    expect(kinds(at.proposeClose!)).toEqual([["change-proposed", 1]]);
    expect(kinds(at.close!)).toEqual([["closed", 0]]);
    expect(changes.get(at.close!)!.lineEvents[0]!.line.status).toBe("closed");
    expect(kinds(at.proposeAC!)).toEqual([["proposed", 0]]);
    expect(kinds(at.cancel!)).toEqual([["cancelled", 0]]);
  });

  it("records a shard's ends refreshed (both, or A's alone) as `shard-refreshed` with the shard and the line it read, and a line box refreshed as `refreshed`", () => {
    const { at, ids } = chain;
    const events = (name: string) => changes.get(at[name]!)!.lineEvents.map((e) => [e.line.lineId, e.kind, e.side, e.shard, e.line.boxId]);
    const abLine = chain.network.lineBox(ids.ab).boxId; // A-B's line box since acceptChange, never spent after it
    const acLine = changes.get(at.cancel!)!.lines[0]!.boxId; // the cancelled A-C's, until refreshLine
    expect(events("refreshPair")).toEqual([[ids.ab, "shard-refreshed", null, 1, abLine]]);
    expect(events("refreshAlone")).toEqual([[ids.ac, "shard-refreshed", null, 0, acLine]]);
    const refreshed = changes.get(at.refreshLine!)!;
    expect(events("refreshLine")).toEqual([[ids.ac, "refreshed", null, null, refreshed.lines[0]!.boxId]]);
    expect([refreshed.gateways, refreshed.events]).toEqual([[], []]);
    const state = (g: GatewayRecord) => [g.gatewayId, g.communityId, g.balance, g.feesHeld, g.position];
    for (const [name, ends] of [["refreshPair", [[ids.ab, 0, 1], [ids.ab, 1, 1]]], ["refreshAlone", [[ids.ac, 0, 0]]]] as const) {
      const c = changes.get(at[name]!)!;
      // No line box made, no community event, no cross payment: the ends it spent recreated as they were.
      expect([c.lines, c.events, c.crossPayments], name).toEqual([[], [], []]);
      expect(c.gateways.map((g) => [g.lineId, g.side, g.shard]), name).toEqual(ends);
      const spent = c.spent.map((id) => replayUntil(at[name]!).state.gateway(id)!);
      expect(c.gateways.map(state), name).toEqual(spent.map(state));
    }
  });

  it("records no `shard-refreshed` when a gateway it spent comes back changed, nor when the line it reads is not given", () => {
    const height = chain.at.refreshPair!;
    const real = chain.blocks[height - 1]!.transactions[0]!;
    expect(replayUntil(height).peek(real, height).lineEvents).toHaveLength(1);
    const moved = edited(real, (t) => {
      const a = t.outputs.find((o) => o.ergoTree === GATEWAY_ERGO_TREE)!;
      a.additionalRegisters.R5 = longConstant(readLong("R5", a.additionalRegisters.R5) + 1n);
    });
    expect(replayUntil(height).peek(moved, height).lineEvents).toEqual([]);
    const unread = edited(real, (t) => void (t.dataInputs = []));
    expect(replayUntil(height).peek(unread, height).lineEvents).toEqual([]);
  });

  it("records a propose or accept as no `govern` of the community whose box it spent", () => {
    for (const step of ["propose", "accept", "openBC", "proposeAC"]) expect(changes.get(chain.at[step]!)!.events, step).toEqual([]);
  });

  it("decodes a cross payment each way: payer debited with its fee, payee credited the converted amount less its fee", () => {
    const { at, accounts, ids } = chain;
    const aToB = changes.get(at.aToB!)!;
    expect(aToB.events).toEqual([]);
    expect(aToB.crossPayments).toMatchObject([{
      payerCommunity: ids.a, payer: accounts["alice@A"], debit: 51n, payeeCommunity: ids.b, payee: accounts["bob@B"], received: 74n,
      hops: [{ lineId: ids.ab, shard: 0, from: 0, fromCommunity: ids.a, toCommunity: ids.b, sent: 50n, senderFee: 1n, converted: 75n, receiverFee: 1n, delivered: 74n }],
    }]);
    const bToA = changes.get(at.bToA!)!.crossPayments;
    expect(bToA).toMatchObject([{ payer: accounts["bob@B"], debit: 31n, payee: accounts["alice@A"], received: 19n, hops: [{ from: 1, shard: 1, sent: 30n, converted: 20n }] }]);
  });

  it("decodes a two-hop payment A -> B -> C as one payment with both hops", () => {
    const { at, accounts, ids } = chain;
    const [p, ...rest] = changes.get(at.twoHops!)!.crossPayments;
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ payerCommunity: ids.a, payer: accounts["alice@A"], debit: 41n, payeeCommunity: ids.c, payee: accounts["bob@C"], received: 86n });
    expect(p!.hops.map((h) => [h.lineId, h.shard, h.fromCommunity, h.toCommunity])).toEqual([[ids.ab, 1, ids.a, ids.b], [ids.bc, 0, ids.b, ids.c]]);
    expect(p!.hops[1]!.sent + p!.hops[1]!.senderFee).toBe(p!.hops[0]!.delivered);
  });

  it("keeps a local payment riding along a cross payment as a local payment", () => {
    const { at, accounts } = chain;
    const c = changes.get(at.crossAndLocal!)!;
    expect(c.crossPayments).toMatchObject([{ payer: accounts["bob@A"], payee: accounts["alice@B"], debit: 21n }]);
    expect(c.events).toMatchObject([{ kind: "payment", payer: accounts["bob@A"], payees: [{ accountId: accounts["alice@A"], amount: 5n }] }]);
  });

  it("keeps each community's books: accounts + gateways + communityBalance = 0, and the gateways as the chain has them", () => {
    const { state } = replay;
    for (const name of ["A", "B", "C"]) {
      const f = chain.network.c(name);
      const community = [...state.communities.values()].find((c) => c.communityId === f.communityId)!;
      const accounts = [...state.accounts.values()].filter((a) => a.communityId === f.communityId).reduce((s, a) => s + a.balance, 0n);
      const gateways = [...state.gateways.values()].filter((g) => g.communityId === f.communityId);
      expect(accounts + gateways.reduce((s, g) => s + g.balance, 0n) + community.communityBalance, name).toBe(0n);
      expect(f.conservation()).toBe(0n);
      const onChain = [...chain.network.world.utxos.values()].map((b) => decodeGateway(b)).flatMap((d) => (d.ok && d.value.communityId === f.communityId ? [d.value] : []));
      expect(gateways.map((g) => [g.gatewayId, g.balance, g.feesHeld]).sort(), name).toEqual(onChain.map((g) => [g.gatewayId, g.balance, g.feesHeld]).sort());
    }
    expect(state.gateways.size).toBe(2 * 2 * 2 + 2); // A-B and B-C: two shards each side; A-C proposed: A's two
  });
});

describe("a unit of a community in a gateway-script box nobody seated", () => {
  const before = () => {
    const r = new Replay();
    for (const block of chain.blocks.filter((b) => b.header.height < chain.at.proposeAC!)) r.applyBlock(block);
    return r;
  };

  it("is no compromise in the real propose, and an escaped unit when its gateway id names a shard the line does not have", () => {
    const height = chain.at.proposeAC!;
    const sound = before().peek(chain.soundPropose, height);
    expect(sound.compromises).toEqual([]);
    expect(sound.gateways.filter((g) => g.lineId === chain.ids.ac)).toHaveLength(2);
    const forged = before().peek(chain.forgedGateway, height);
    const box = chain.forgedGateway.outputs.find((o) => o.ergoTree === GATEWAY_ERGO_TREE)!;
    expect(forged.compromises).toEqual([{
      communityId: chain.ids.a, txId: chain.forgedGateway.id, kind: "escaped-unit", boxId: box.boxId,
      detail: "1 unit of the community token in a gateway box that no propose or accept of a valid community, nor a gateway input, of its transaction made",
    }]);
    expect(forged.lineEvents).toEqual([]); // the transaction compromised A: no event of it
  });

  it("is an escaped unit when a cross payment makes a second box for a gateway it spent", () => {
    const r = new Replay();
    for (const block of chain.blocks.filter((b) => b.header.height < chain.at.aToB!)) r.applyBlock(block);
    const real = chain.blocks[chain.at.aToB! - 1]!.transactions[0]!;
    expect(r.peek(real, chain.at.aToB!).compromises).toEqual([]);
    const gateway = real.outputs.find((o) => o.ergoTree === GATEWAY_ERGO_TREE)!;
    const twin = edited(real, (t) => void t.outputs.push(copyBox(gateway, "a second A gateway")));
    expect(r.peek(twin, chain.at.aToB!).compromises).toMatchObject([{ communityId: chain.ids.a, kind: "escaped-unit", boxId: copyBox(gateway, "a second A gateway").boxId }]);
  });
});

describe.each(BACKENDS)("trade lines written on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("writes lines, gateways, line events and cross payments; the live totals (gateways counted) balance; one block at a time equals one batch, and a rollback the blocks before it", async () => {
    const db = await fresh();
    const pipeline = new BatchPipeline(db);
    await pipeline.add(chain.blocks);
    await pipeline.finish();
    const { ids, accounts } = chain;
    expect(await db.selectFrom("compromises").selectAll().execute()).toEqual([]);
    const lines = await db.selectFrom("lines").select(["line_id", "community_a", "community_b"]).orderBy("created_height").execute();
    expect(lines).toEqual([{ line_id: ids.ab, community_a: ids.a, community_b: ids.b }, { line_id: ids.bc, community_a: ids.b, community_b: ids.c }, { line_id: ids.ac, community_a: ids.a, community_b: ids.c }]);
    const live = await db.selectFrom("line_boxes").select(["line_id", "status", "fee_a", "rate_num"]).where("spent_height", "is", null).orderBy("created_height").execute();
    expect(live.map((l) => [l.line_id, l.status, String(l.fee_a), String(l.rate_num)])).toEqual([[ids.ab, "open", "50", "2"], [ids.bc, "closed", "100", "3"], [ids.ac, "closed", "100", "3"]]);
    const events = await db.selectFrom("line_events").select(["kind"]).where("line_id", "=", ids.ab).orderBy("height").execute();
    expect(events.map((e) => e.kind)).toEqual(["proposed", "accepted", "paused", "resumed", "change-proposed", "change-accepted", "shard-refreshed"]);
    const refreshes = await db.selectFrom("line_events").select(["line_id", "tx_id", "kind", "side", "shard"]).where("kind", "in", ["refreshed", "shard-refreshed"]).orderBy("height").execute();
    expect(refreshes).toEqual([
      { line_id: ids.ab, tx_id: chain.tx.refreshPair, kind: "shard-refreshed", side: null, shard: 1 },
      { line_id: ids.ac, tx_id: chain.tx.refreshAlone, kind: "shard-refreshed", side: null, shard: 0 },
      { line_id: ids.ac, tx_id: chain.tx.refreshLine, kind: "refreshed", side: null, shard: null },
    ]);
    expect(await db.selectFrom("line_events").select("kind").where("shard", "is not", null).where("kind", "!=", "shard-refreshed").execute()).toEqual([]);
    const cross = await db.selectFrom("cross_payments").select(["tx_id", "leg", "payer", "payee", "debit", "received", "line_ids"]).orderBy("height").execute();
    expect(cross.map((c) => [c.payer, c.payee, String(c.debit), String(c.received), c.line_ids])).toEqual([
      [accounts["alice@A"], accounts["bob@B"], "51", "74", ids.ab],
      [accounts["bob@B"], accounts["alice@A"], "31", "19", ids.ab],
      [accounts["alice@A"], accounts["bob@C"], "41", "86", `${ids.ab},${ids.bc}`],
      [accounts["bob@A"], accounts["alice@B"], "21", "29", ids.ab],
      [accounts["alice@B"], accounts["bob@A"], "11", "9", ids.ab],
    ]);
    expect(cross[3]).toMatchObject({ tx_id: chain.tx.crossAndLocal, leg: 1 }); // after the local leg 0
    expect(await db.selectFrom("payments").select(["tx_id", "leg"]).where("tx_id", "=", chain.tx.crossAndLocal!).execute()).toEqual([{ tx_id: chain.tx.crossAndLocal, leg: 0 }]);
    expect(await db.selectFrom("cross_payment_hops").select("hop").where("tx_id", "=", chain.tx.twoHops!).execute()).toHaveLength(2);
    const totals = await liveTotals(db, [ids.a, ids.b, ids.c]);
    for (const [id, t] of totals) expect(t.balances + t.communityBalance, id).toBe(0n);
    const gateways = await db.selectFrom("gateway_boxes").select(["community_id", "balance"]).where("spent_height", "is", null).execute();
    expect(gateways.filter((g) => g.community_id === ids.a && BigInt(g.balance) !== 0n).length).toBeGreaterThan(0);

    // One block at a time equals one batch; undoing from the first cross payment equals the sync of the blocks before it.
    const oneByOne = await fresh();
    const single = new BatchPipeline(oneByOne);
    let beforeCross: Awaited<ReturnType<typeof dump>> | undefined;
    for (const block of chain.blocks) {
      if (block.header.height === chain.at.aToB) {
        await single.finish();
        beforeCross = await dump(oneByOne);
      }
      await single.add([block]);
    }
    await single.finish();
    expect(await dump(oneByOne)).toEqual(await dump(db));
    await oneByOne.transaction().execute((trx) => rollbackFrom(trx, chain.at.aToB!));
    expect(await dump(oneByOne)).toEqual(beforeCross);
    const again = new BatchPipeline(oneByOne);
    await again.add(chain.blocks.filter((b) => b.header.height >= chain.at.aToB!));
    await again.finish();
    expect(await dump(oneByOne)).toEqual(await dump(db));
  });

  it("finds the line a shard refresh reads in the database when a pass starts at the refresh: the same rows as one batch", async () => {
    const db = await fresh();
    const whole = new BatchPipeline(db);
    await whole.add(chain.blocks);
    await whole.finish();
    const split = await fresh();
    const first = new BatchPipeline(split);
    await first.add(chain.blocks.filter((b) => b.header.height < chain.at.refreshPair!));
    await first.finish();
    // A new pass holds no state: the gateways it spends and the line boxes it reads come from the database.
    const next = new BatchPipeline(split);
    await next.add(chain.blocks.filter((b) => b.header.height >= chain.at.refreshPair!));
    await next.finish();
    expect(await split.selectFrom("line_events").select(["kind", "shard"]).where("height", ">=", chain.at.refreshPair!).orderBy("height").execute())
      .toEqual([{ kind: "shard-refreshed", shard: 1 }, { kind: "shard-refreshed", shard: 0 }, { kind: "refreshed", shard: null }]);
    expect(await dump(split)).toEqual(await dump(db));
  });
});
