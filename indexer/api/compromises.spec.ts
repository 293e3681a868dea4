// Compromise flags and lenient metadata through the API, on every backend, over the compromised
// chain of `sync/compromised-chain.ts` plus a block whose rent spend takes C's community box whole.
import { beforeAll, describe, expect, it } from "vitest";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import { BACKENDS } from "../db/testing.ts";
import { blockOf, copyBox, rentProof, testId } from "../sync/block-testing.ts";
import { compromisedChain, type CompromisedChain } from "../sync/compromised-chain.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let chain: CompromisedChain;
let cBox: { boxId: string; creationHeight: number };
let taken: ReturnType<typeof blockOf>;
beforeAll(() => {
  chain = compromisedChain();
  const genesis = chain.sound.flatMap((b) => b.transactions).find((t) => t.outputs.some((o) => o.ergoTree === COMMUNITY_ERGO_TREE && o.assets?.[0]?.tokenId === chain.ids.c))!;
  const box = genesis.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE)!;
  cBox = { boxId: box.boxId, creationHeight: box.creationHeight };
  const loot = copyBox(box, "C taken by rent", { ergoTree: `0008cd${"02".repeat(33)}`, additionalRegisters: {} });
  taken = blockOf(box.creationHeight + STORAGE_PERIOD_BLOCKS, { id: testId("rent takes C"), inputs: [{ boxId: box.boxId, spendingProof: rentProof(0) }], outputs: [loot] });
});

describe.each(BACKENDS)("compromises and metadata problems through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add([...chain.sound, chain.forged, ...chain.later, taken]);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  });

  it("counts the flags in /status, by kind and community", async () => {
    const { compromises } = (await api.get("/status")).body;
    expect(compromises).toEqual({ total: 3, communities: 2, byKind: { "escaped-unit": 1, "forged-account": 1, "rent-spend": 1 } });
  });

  it("flags A with its count and imbalance on /communities/{id} and in the list; B stays sound", async () => {
    const a = (await api.get(`/communities/${chain.ids.a}`)).body;
    expect(a).toMatchObject({ compromises: 1, imbalance: "-15", boxSpentHeight: null, metadataProblem: null });
    expect(BigInt(a.moneySupply) - BigInt(a.creditInUse) + BigInt(a.communityBalance)).toBe(-15n);
    expect((await api.get(`/communities/${chain.ids.b}`)).body).toMatchObject({ compromises: 0, imbalance: "0" });
    const list = (await api.get("/communities")).body.items as { communityId: string; compromises: number }[];
    expect(Object.fromEntries(list.map((c) => [c.communityId, c.compromises]))).toEqual({ [chain.ids.a]: 1, [chain.ids.b]: 0, [chain.ids.c]: 2 });
  });

  it("lists a community's flags, oldest first, as JSON and CSV; an unknown community is a 404", async () => {
    const forged = chain.forged;
    const page = (await api.get(`/communities/${chain.ids.a}/compromises`)).body;
    expect(page).toEqual({
      total: 1, limit: 100, offset: 0,
      items: [{
        communityId: chain.ids.a, kind: "forged-account", txId: forged.transactions[0]!.id, height: forged.header.height, timestamp: forged.header.timestamp,
        boxId: chain.ids.forgedBox, detail: `an account box whose accountId comes from no account input or join of its transaction: accountId ${chain.ids.forgedAccount}`,
      }],
    });
    const csv = await api.get(`/communities/${chain.ids.a}/compromises?format=csv`);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[0]).toBe("kind,txId,height,timestamp,boxId,detail,communityId");
    expect(csv.text.split("\r\n")[1]).toBe(`forged-account,${forged.transactions[0]!.id},${forged.header.height},${forged.header.timestamp},${chain.ids.forgedBox},${page.items[0].detail},${chain.ids.a}`);
    expect((await api.get(`/communities/${chain.ids.b}/compromises`)).body).toMatchObject({ total: 0, items: [] });
    expect((await api.get(`/communities/${"ab".repeat(32)}/compromises`)).status).toBe(404);
  });

  it("keeps C (metadata not JSON) with the raw text and the problem, and after rent took its box, its last box and when", async () => {
    const c = (await api.get(`/communities/${chain.ids.c}`)).body;
    expect(c).toMatchObject({
      metadataProblem: "R6: metadata is not JSON",
      metadata: { name: "(unnamed community)", symbol: "?", description: chain.cMetadata, decimals: 0 },
      boxId: cBox.boxId, boxSpentHeight: taken.header.height, compromises: 2,
    });
    const flags = (await api.get(`/communities/${chain.ids.c}/compromises`)).body.items;
    expect(flags.map((f: { kind: string; boxId: string }) => [f.kind, f.boxId])).toEqual([["escaped-unit", taken.transactions[0]!.outputs[0]!.boxId], ["rent-spend", cBox.boxId]]);
    const box = (await api.get(`/boxes/${cBox.boxId}`)).body;
    expect(box).toMatchObject({ kind: "community", metadataProblem: "R6: metadata is not JSON", creationHeight: cBox.creationHeight, spentHeight: taken.header.height });
  });
});
