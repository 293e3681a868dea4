import { describe, expect, it } from "vitest";
import { drawNetwork } from "./network.ts";
import type { TradeLine } from "./types.ts";

const id = (c: string) => c.repeat(64);
const communities = [
  { communityId: id("a"), name: "Kaikoura", symbol: "KCD", decimals: 2 },
  { communityId: id("b"), name: "Otago Dollars", symbol: "OTD", decimals: 2 },
  { communityId: id("c"), name: "Lonely", symbol: "LON", decimals: 0 },
];
const line = (over: Partial<TradeLine>): TradeLine => ({
  lineId: id("1"), communityA: id("a"), communityB: id("b"), status: "open", pausedA: false, pausedB: false,
  terms: { rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 5_000n, feeA: 0n, feeB: 0n, shards: 1n }, pending: null,
  boxId: id("2"), createdHeight: 1, createdTxId: id("3"), updatedHeight: 2, updatedTxId: id("4"),
  positionA: 0n, positionB: 0n, feesHeldA: 0n, feesHeldB: 0n, ...over,
});

describe("drawNetwork", () => {
  it("draws the communities with lines and labels an edge with who owes whom and the cap it uses", () => {
    // A paid in 10.00 KCD: B issued 15.00 OTD; A's deficit is capped by capA = 100.00 OTD.
    const d = drawNetwork(communities, [line({ positionA: 1000n, positionB: -1500n })]);
    expect(d.nodes.map((n) => n.name)).toEqual(["Kaikoura", "Otago Dollars"]);
    expect(d.edges).toHaveLength(1);
    const e = d.edges[0]!;
    expect([e.rate, e.position, e.cap, e.use, e.status]).toEqual(["1 KCD = 1.5 OTD", "Kaikoura owes Otago Dollars 10.00 KCD", "15.00 OTD of cap 100.00 OTD", 0.15, "open"]);
    for (const n of d.nodes) expect([n.x >= 0 && n.x <= d.width, n.y >= 0 && n.y <= d.height]).toEqual([true, true]);
  });

  it("says the other way round when B owes and balanced when neither does", () => {
    const [owing] = drawNetwork(communities, [line({ positionA: -200n, positionB: 300n, pausedB: true })]).edges;
    expect([owing!.position, owing!.cap, owing!.use, owing!.status]).toEqual(["Otago Dollars owes Kaikoura 3.00 OTD", "2.00 KCD of cap 50.00 KCD", 0.04, "paused"]);
    const [even] = drawNetwork(communities, [line({})]).edges;
    expect([even!.position, even!.cap]).toEqual(["balanced", "caps 100.00 OTD / 50.00 KCD"]);
  });

  it("draws a partner the indexer does not list as an unknown node, named by its id, its amounts in base units", () => {
    // Kaikoura proposed a line to a community this indexer does not follow (another contract version, say), and paid in.
    const d = drawNetwork(communities, [line({ communityB: id("f"), positionA: 1000n, positionB: -1500n }), line({ lineId: id("5") })]);
    expect(d.nodes.map((n) => [n.communityId, n.name, n.known, n.lines])).toEqual([
      [id("a"), "Kaikoura", true, 2], [id("b"), "Otago Dollars", true, 1], [id("f"), "community ffffff…ffff", false, 1],
    ]);
    const toUnknown = d.edges.find((e) => e.lineId === id("1"))!;
    expect([toUnknown.from.communityId, toUnknown.to.known, toUnknown.rate, toUnknown.position, toUnknown.cap]).toEqual([
      id("a"), false, "1 KCD = 150 ?", "Kaikoura owes community ffffff…ffff 10.00 KCD", "1,500 ? of cap 10,000 ?",
    ]);
    // Only the listed communities are known: the page links those and no other.
    expect(d.nodes.filter((n) => n.known).map((n) => n.communityId)).toEqual(communities.slice(0, 2).map((c) => c.communityId));
  });
});
