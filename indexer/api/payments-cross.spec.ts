// Cross payments in a community's and an account's payment CSV, on every backend, over the real
// three-community chain of `sync/line-chain.ts`: the cross columns added at the end (side, other
// community, debit, received, the fee this community kept, lines, hops), empty on a local leg,
// every row the JSON item's.
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

const HEADER = "txId,leg,height,timestamp,communityId,payer,payee,amount,memo,requestId,cross,otherCommunityId,debit,received,communityFee,lineIds,hops";

interface Hop { senderFee: string; receiverFee: string }
interface Leg { txId: string; leg: number; payer: string; payee: string; amount: string; cross?: { side: string; otherCommunityId: string; debit: string; received: string; lineIds: string[]; hops: Hop[] } }

/** The CSV row a JSON payment item should be. */
const rowOf = (p: Leg & Record<string, unknown>) => {
  const c = p.cross;
  const fee = c ? (c.side === "payer" ? c.hops[0]!.senderFee : c.hops.at(-1)!.receiverFee) : "";
  return [p.txId, p.leg, p.height, p.timestamp, p.communityId, p.payer, p.payee, p.amount, p.memo ?? "", p.requestId ?? "",
    c?.side ?? "", c?.otherCommunityId ?? "", c?.debit ?? "", c?.received ?? "", fee, c?.lineIds.join(" ") ?? "", c ? JSON.stringify(c.hops) : ""].map(String);
};

describe.each(BACKENDS)("cross payments in the payment lists' CSV on $name", ({ open }) => {
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
    expect(local.slice(10)).toEqual(["", "", "", "", "", "", ""]);
    // The payee's row: the fee B's gateway kept, in B's units.
    const [, ...inB] = csvRows((await api.get(`/communities/${chain.ids.b}/payments?format=csv`)).text, { crlf: true });
    expect(inB.find((r) => r[0] === chain.tx.aToB)!.slice(10, 15)).toEqual(["payee", chain.ids.a, "51", "74", "1"]);
  });

  it("writes an account's two-hop payment with both lines and both hops", async () => {
    const [head, ...rows] = csvRows((await api.get(`/accounts/${chain.accounts["bob@C"]}/payments?format=csv`)).text, { crlf: true });
    expect(head!.join(",")).toBe(HEADER);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(10, 16)).toEqual(["payee", chain.ids.a, "41", "86", "1", `${chain.ids.ab} ${chain.ids.bc}`]);
    expect(JSON.parse(rows[0]![16]!)).toHaveLength(2);
  });
});
