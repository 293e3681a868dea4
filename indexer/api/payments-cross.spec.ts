// Cross payments in a community's and an account's payment CSV, on every backend, over the real
// three-community chain of `sync/line-chain.ts`: the cross columns added at the end (side, other
// community, debit, received, the fee this community kept, lines, hops), empty on a local leg,
// every row the JSON item's. And in the aggregates, which count a cross payment as the payment of
// the member it debited or credited, in that community's units: a community's stats and network
// and an account's counterparties, each against the payment lists (local and cross rows).
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../db/testing.ts";
import { lineChain, type LineChain } from "../sync/line-chain.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { csvRows } from "../../util/csv.ts";
import { apiOver } from "./testing.ts";

let chain: LineChain;
beforeAll(() => {
  chain = lineChain();
});

const HEADER = "txId,leg,height,timestamp,communityId,payer,payee,amount,ergNanoErg,memo,requestId,cross,otherCommunityId,debit,received,communityFee,lineIds,hops,payerFee,payerDemurrage,payerAllowanceUsed,payeeFee,payeeDemurrage,payeeAllowanceUsed";
/** An economics leg's charges, empty in these plain communities. */
const NO_ECONOMICS = ["", "", "", "", "", ""];

interface Hop { senderFee: string; receiverFee: string }
interface Leg { txId: string; leg: number; payer: string; payee: string; amount: string; cross?: { side: string; otherCommunityId: string; debit: string; received: string; lineIds: string[]; hops: Hop[] } }

/** The CSV row a JSON payment item should be. */
const rowOf = (p: Leg & Record<string, unknown>) => {
  const c = p.cross;
  const fee = c ? (c.side === "payer" ? c.hops[0]!.senderFee : c.hops.at(-1)!.receiverFee) : "";
  return [p.txId, p.leg, p.height, p.timestamp, p.communityId, p.payer, p.payee, p.amount, p.ergNanoErg ?? "", p.memo ?? "", p.requestId ?? "",
    c?.side ?? "", c?.otherCommunityId ?? "", c?.debit ?? "", c?.received ?? "", fee, c?.lineIds.join(" ") ?? "", c ? JSON.stringify(c.hops) : "", ...NO_ECONOMICS].map(String);
};

describe.each(BACKENDS)("cross payments in the payment lists' CSV and in the aggregates on $name", ({ open }) => {
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

  it("adds the cross columns at the end of a community's payments, filled on a cross payment's row and empty on a local leg", async () => {
    for (const id of [chain.ids.a, chain.ids.b, chain.ids.c]) {
      const json = (await api.get(`/communities/${id}/payments?order=asc`)).body.items as (Leg & Record<string, unknown>)[];
      const csv = await api.get(`/communities/${id}/payments?order=asc&format=csv`);
      const [head, ...rows] = csvRows(csv.text, { crlf: true });
      expect(head!.join(",")).toBe(HEADER);
      expect(rows).toEqual(json.map(rowOf));
    }
    const [head, ...rows] = csvRows((await api.get(`/communities/${chain.ids.a}/payments?order=asc&format=csv`)).text, { crlf: true });
    const column = (row: string[], name: string) => row[head!.indexOf(name)];
    const aToB = rows.find((r) => r[0] === chain.tx.aToB)!;
    expect(["cross", "otherCommunityId", "debit", "received", "communityFee", "lineIds"].map((n) => column(aToB, n))).toEqual(["payer", chain.ids.b, "51", "74", "1", chain.ids.ab]);
    expect(JSON.parse(column(aToB, "hops")!)).toMatchObject([{ sent: "50", senderFee: "1", converted: "75", receiverFee: "1", delivered: "74" }]);
    const local = rows.find((r) => r[0] === chain.tx.crossAndLocal && r[1] === "0")!;
    expect(local[8]).toBe("0");
    expect(local.slice(11)).toEqual(["", "", "", "", "", "", "", ...NO_ECONOMICS]);
    // The payee's row: the fee B's gateway kept, in B's units.
    const [, ...inB] = csvRows((await api.get(`/communities/${chain.ids.b}/payments?format=csv`)).text, { crlf: true });
    expect(inB.find((r) => r[0] === chain.tx.aToB)!.slice(11, 16)).toEqual(["payee", chain.ids.a, "51", "74", "1"]);
  });

  it("writes an account's two-hop payment with both lines and both hops", async () => {
    const [head, ...rows] = csvRows((await api.get(`/accounts/${chain.accounts["bob@C"]}/payments?format=csv`)).text, { crlf: true });
    expect(head!.join(",")).toBe(HEADER);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(11, 17)).toEqual(["payee", chain.ids.a, "41", "86", "1", `${chain.ids.ab} ${chain.ids.bc}`]);
    expect(JSON.parse(rows[0]![17]!)).toHaveLength(2);
  });

  /** Every leg of a community's (or an account's) payment list, local and cross. */
  const legsOf = async (path: string): Promise<Leg[]> => (await api.get(`${path}/payments?limit=1000`)).body.items;
  const memberOf = (id: string) => Object.entries(chain.accounts).filter(([name]) => name.endsWith(`@${id}`)).map(([, accountId]) => accountId);

  it("counts a member's cross payments in the community's stats: payments, volume in its units, active members (its own only)", async () => {
    const names: Record<string, string> = { [chain.ids.a]: "A", [chain.ids.b]: "B", [chain.ids.c]: "C" };
    for (const id of [chain.ids.a, chain.ids.b, chain.ids.c]) {
      const legs = await legsOf(`/communities/${id}`);
      const items = (await api.get(`/communities/${id}/stats`)).body.items as { payments: number; volume: string; activeMembers: number }[];
      // The chain's blocks are two minutes apart: one day.
      expect(items, names[id]).toHaveLength(1);
      const members = new Set(memberOf(names[id]!));
      const active = new Set(legs.flatMap((l) => [l.payer, l.payee]).filter((a) => members.has(a)));
      expect(items[0], names[id]).toMatchObject({
        payments: new Set(legs.map((l) => l.txId)).size,
        volume: `${legs.reduce((s, l) => s + (BigInt(l.amount) > 0n ? BigInt(l.amount) : 0n), 0n)}`,
        activeMembers: active.size,
      });
      expect(legs.some((l) => l.cross), names[id]).toBe(true);
    }
    // B is the middle of the two-hop payment: none of its members paid or was paid, so it is not B's payment.
    expect((await legsOf(`/communities/${chain.ids.b}`)).some((l) => l.txId === chain.tx.twoHops)).toBe(false);
  });

  it("draws a cross payment in both communities' networks, between the member and the other community's account, in each one's units", async () => {
    for (const id of [chain.ids.a, chain.ids.b, chain.ids.c]) {
      const expected = new Map<string, { amount: bigint; count: number }>();
      for (const l of await legsOf(`/communities/${id}`)) {
        const [source, target] = BigInt(l.amount) >= 0n ? [l.payer, l.payee] : [l.payee, l.payer];
        const edge = expected.get(`${source} ${target}`) ?? { amount: 0n, count: 0 };
        expected.set(`${source} ${target}`, { amount: edge.amount + (BigInt(l.amount) < 0n ? -BigInt(l.amount) : BigInt(l.amount)), count: edge.count + 1 });
      }
      const edges = (await api.get(`/communities/${id}/network`)).body.items as { source: string; target: string; amount: string; count: number }[];
      expect(new Map(edges.map((e) => [`${e.source} ${e.target}`, { amount: BigInt(e.amount), count: e.count }]))).toEqual(expected);
    }
    const inA = (await api.get(`/communities/${chain.ids.a}/network?fromHeight=${chain.at.aToB}&toHeight=${chain.at.aToB}`)).body.items;
    const inB = (await api.get(`/communities/${chain.ids.b}/network?fromHeight=${chain.at.aToB}&toHeight=${chain.at.aToB}`)).body.items;
    const edge = { source: chain.accounts["alice@A"], target: chain.accounts["bob@B"], count: 1 };
    expect([inA, inB]).toEqual([[{ ...edge, amount: "51" }], [{ ...edge, amount: "74" }]]);
  });

  it("lists the other community's accounts among an account's counterparties, the amounts in the account's units", async () => {
    for (const accountId of Object.values(chain.accounts)) {
      const expected = new Map<string, { paid: bigint; received: bigint; payments: number }>();
      for (const l of await legsOf(`/accounts/${accountId}`)) {
        if (l.payer === l.payee) continue;
        const other = l.payer === accountId ? l.payee : l.payer;
        const delta = l.payer === accountId ? -BigInt(l.amount) : BigInt(l.amount);
        const c = expected.get(other) ?? { paid: 0n, received: 0n, payments: 0 };
        expected.set(other, { paid: c.paid + (delta < 0n ? -delta : 0n), received: c.received + (delta > 0n ? delta : 0n), payments: c.payments + 1 });
      }
      const items = (await api.get(`/accounts/${accountId}/counterparties?limit=1000`)).body.items as { accountId: string; paid: string; received: string; net: string; payments: number }[];
      expect(new Map(items.map((i) => [i.accountId, { paid: BigInt(i.paid), received: BigInt(i.received), payments: i.payments }])), accountId).toEqual(expected);
      for (const i of items) expect(BigInt(i.net)).toBe(BigInt(i.received) - BigInt(i.paid));
    }
    const alice = (await api.get(`/accounts/${chain.accounts["alice@A"]}/counterparties`)).body;
    expect(alice.items.find((i: { accountId: string }) => i.accountId === chain.accounts["bob@C"])).toMatchObject({ paid: "41", received: "0", payments: 1 });
    expect((await api.get(`/accounts/${chain.accounts["alice@A"]}/counterparties?offset=100`)).body.total).toBe(alice.total);
  });
});
