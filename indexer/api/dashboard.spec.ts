// The dashboard routes over a chain of the builders synced into a database, on every backend:
// trade by listing category (every category, zeros included), the marketplace's share of trade
// and the top traders, exact to the unit; a listing reference the indexer refused is no
// marketplace payment; another community's trade does not count; CSV read back.
import { beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES } from "../../contracts/market/listing.ts";
import { csvRecords } from "../../util/csv.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { listing, MarketChain, syncBlocks } from "../sync/market-testing.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";

let c: MarketChain;
const acc = {} as Record<"alice" | "bob" | "carol", string>;

/** Community A trades through three listings and outside them; B trades through its own. */
function buildChain(): MarketChain {
  const m = new MarketChain();
  const h = () => m.world.height;
  for (const n of ["alice", "bob", "carol"] as const) acc[n] = m.account(n).accountId;
  const bread = m.publish("bob", listing(h(), { title: "Bread" }));
  const bike = m.publish("alice", listing(h(), { title: "Bike repair", category: "repairs" }));
  m.publish("carol", listing(h(), { title: "Garden help", category: "garden" }));
  m.pay("alice", "bob", 12n, bread);
  m.pay("carol", "bob", 5n, bread);
  m.pay("bob", "alice", 30n, bike);
  m.pay("alice", "carol", 3n);
  m.pay("carol", "alice", 4n, bread); // bread's author is not paid: the reference is refused
  const jam = m.publish("erin", listing(h(), { title: "Jam" }));
  m.pay("dave", "erin", 9n, jam);
  return m;
}

beforeAll(() => {
  c = buildChain();
});

describe.each(BACKENDS)("dashboard routes on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let api: ApiClient;
  const ok = async (url: string) => {
    const answer = await api.get(url);
    expect(answer.status, answer.text).toBe(200);
    return answer;
  };

  beforeAll(async () => {
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    api = await apiClient(buildIndexerApi({ db }));
  }, 120_000);

  it("sums marketplace trade by category, every category listed in order", async () => {
    const { body } = await ok(`/communities/${c.a.communityId}/dashboard/categories`);
    const expected = Object.fromEntries(CATEGORIES.map((k) => [k, [0, 0, "0"]]));
    Object.assign(expected, { food: [1, 2, "17"], repairs: [1, 1, "30"], garden: [1, 0, "0"] });
    expect(body.items.map((r: Record<string, unknown>) => [r.category, [r.activeListings, r.payments, r.volume]])).toEqual(Object.entries(expected));
    const csv = csvRecords((await ok(`/communities/${c.a.communityId}/dashboard/categories?format=csv`)).text);
    expect(csv.find((r) => r.category === "food")).toEqual({ category: "food", activeListings: "1", payments: "2", volume: "17" });
    const b = (await ok(`/communities/${c.bId}/dashboard/categories`)).body.items.find((r: { category: string }) => r.category === "food");
    expect(b).toEqual({ category: "food", activeListings: 1, payments: 1, volume: "9" });
  });

  it("gives the marketplace's share of the community's payments and volume per bucket", async () => {
    for (const interval of ["day", "week", "month"]) {
      const { body } = await ok(`/communities/${c.a.communityId}/dashboard/market-share?interval=${interval}`);
      const sum = (key: string) => body.items.reduce((s: bigint, r: Record<string, number | string>) => s + BigInt(r[key]!), 0n);
      expect([sum("payments"), sum("marketPayments"), sum("volume"), sum("marketVolume")], interval).toEqual([5n, 3n, 54n, 47n]);
      expect(body.items.every((r: { start: number; end: number }, i: number, all: { start: number }[]) => r.end > r.start && (i === 0 || all[i - 1]!.start < r.start))).toBe(true);
    }
    const csv = csvRecords((await ok(`/communities/${c.a.communityId}/dashboard/market-share?format=csv`)).text);
    expect(Object.keys(csv[0]!)).toEqual(["start", "end", "payments", "marketPayments", "volume", "marketVolume"]);
  });

  it("ranks the top traders by paid + received, with their payments and counterparties", async () => {
    const { body } = await ok(`/communities/${c.a.communityId}/dashboard/top-traders?days=36500&limit=3`);
    expect(body.items).toEqual([
      { accountId: acc.alice, paid: "15", received: "34", traded: "49", payments: 4, counterparties: 2 },
      { accountId: acc.bob, paid: "30", received: "17", traded: "47", payments: 3, counterparties: 2 },
      { accountId: acc.carol, paid: "9", received: "3", traded: "12", payments: 3, counterparties: 2 },
    ]);
    expect((await ok(`/communities/${c.a.communityId}/dashboard/top-traders?limit=1`)).body.items.map((r: { accountId: string }) => r.accountId)).toEqual([acc.alice]);
    expect(csvRecords((await ok(`/communities/${c.a.communityId}/dashboard/top-traders?format=csv`)).text)).toHaveLength(3);
  });

  it("refuses an unknown community (404) and a window or limit out of range (400)", async () => {
    for (const view of ["categories", "market-share", "top-traders"]) expect((await api.get(`/communities/${"0".repeat(64)}/dashboard/${view}`)).status).toBe(404);
    for (const q of ["days=0", "days=36501", "limit=0", "limit=101", "days=abc"]) expect((await api.get(`/communities/${c.a.communityId}/dashboard/top-traders?${q}`)).status, q).toBe(400);
    expect((await api.get(`/communities/${c.a.communityId}/dashboard/market-share?interval=year`)).status).toBe(400);
  });
});
