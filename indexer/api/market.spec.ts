// The marketplace routes over a chain of the builders (both interpreters judging every transaction)
// synced into a database, on every backend: search results exact (text, category, kind, near,
// community, status), a listing's status, matches, reviews and reputation with their weights,
// shops per community, refusals counted; JSON checked against /docs, CSV read back.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "../../contracts/builders/join.ts";
import { leave } from "../../contracts/builders/leave.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { csvRecords } from "../../util/csv.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { listing, MarketChain, syncBlocks } from "../sync/market-testing.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";

const ids = {} as Record<"bread" | "party" | "bike" | "garden" | "old" | "gone" | "other" | "left" | "paid", string>;
const acc = {} as Record<"alice" | "bob" | "carol" | "dave" | "erin" | "daveInA", string>;
let c: MarketChain;

/** The great-circle distance in km, to the metre: the oracle of `distanceKm`. */
function kmBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return Math.round(6371.0088 * 2 * Math.asin(Math.sqrt(a)) * 1000) / 1000;
}

/** The history every test reads: listings of every status, payments and reviews, shops. */
function buildChain(): MarketChain {
  const m = new MarketChain();
  const h = () => m.world.height;
  for (const n of ["alice", "bob", "carol", "dave", "erin"] as const) acc[n] = m.account(n).accountId;
  m.submit(topUp({ account: m.account("bob").box, profile: { name: "Bob's Bakery" } }, m.ctx()), [m.member("bob")]);
  ids.bread = m.publish("bob", listing(h(), { title: "Fresh sourdough bread", description: "Baked every morning", location: { lat: 51.5, lon: -0.1, place: "Market" } }));
  ids.party = m.publish("carol", listing(h(), { kind: "want", title: "Bread for a party" }));
  ids.bike = m.publish("alice", listing(h(), { title: "Bike repair and tuning", category: "repairs", location: { lat: 51.51, lon: -0.12 } }));
  ids.garden = m.publish("carol", listing(h(), { title: "Garden help", category: "garden", location: { lat: 48.85, lon: 2.35 } }));
  ids.old = m.publish("alice", listing(h(), { title: "Old bread", expiryHeight: h() + 1 }));
  ids.gone = m.publish("bob", listing(h(), { title: "Rye bread" }));
  m.note("bob", { listing: { op: "withdraw", id: ids.gone } });
  ids.other = m.publish("dave", listing(h(), { title: "Bread in the other town" }));
  ids.left = m.publish("erin", listing(h(), { title: "Leaving bread" }));
  m.submit(leave({ community: m.communityBox(m.bId), account: m.account("erin").box }, m.ctx(m.member("erin"))), [m.member("erin")]);
  ids.paid = m.pay("alice", "bob", 12n, ids.bread);
  m.pay("alice", "carol", 3n);
  const carolPaid = m.pay("carol", "bob", 5n);
  m.note("alice", { review: { payment: ids.paid, payee: acc.bob, rating: 5, text: "Lovely" } });
  m.note("carol", { review: { payment: carolPaid, payee: acc.bob, rating: 3 } });
  m.note("carol", { review: { payment: carolPaid, payee: acc.bob, rating: 1 } });
  const shop = { name: "Bakery", address: "1 Market St", lat: 51.5, lon: -0.1, hours: "Mon-Sat 8-18", accepts: [m.bId] };
  m.note("bob", { shop: { op: "set", shop } });
  m.note("dave", { shop: { op: "set", shop: { name: "Dave's Deli", address: "2 Other St", lat: 52, lon: 1, accepts: [m.a.communityId] } } });
  m.submit(join({ community: m.communityBox(m.a.communityId), owner: m.member("dave").owner }, m.ctx(m.member("dave"))), [m.member("dave")]);
  return m;
}

beforeAll(() => {
  c = buildChain();
});

describe.each(BACKENDS)("marketplace routes on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let api: ApiClient;
  const list = async (url: string) => {
    const answer = await api.get(url);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.items.map((l: { id: string }) => l.id);
  };

  beforeAll(async () => {
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    api = await apiClient(buildIndexerApi({ db }));
  }, 120_000);

  it("searches active listings by text, newest first without a query, by category, kind, community and author", async () => {
    const a = c.a.communityId;
    expect(await list(`/listings?q=bread&community=${a}`)).toEqual([ids.party, ids.bread]);
    expect(await list("/listings?q=bread")).toEqual([ids.other, ids.party, ids.bread]);
    expect(await list('/listings?q="sourdough bread"')).toEqual([ids.bread]);
    expect(await list("/listings?q=bread -party")).toEqual([ids.other, ids.bread]);
    expect(await list(`/listings?community=${a}`)).toEqual([ids.garden, ids.bike, ids.party, ids.bread]);
    expect(await list(`/listings?community=${a}&category=repairs`)).toEqual([ids.bike]);
    expect(await list(`/listings?community=${a}&kind=want`)).toEqual([ids.party]);
    expect(await list(`/listings?author=${acc.alice}`)).toEqual([ids.bike]);
    expect(await list(`/listings?author=${acc.alice}&status=all`)).toEqual([ids.old, ids.bike]);
    expect(await list(`/listings?community=${c.bId}&status=all`)).toEqual([ids.left, ids.other]);
    expect((await api.get("/listings?q=bread&limit=2&offset=1")).body).toMatchObject({ total: 3, items: [{ id: ids.party }, { id: ids.bread }] });
    expect((await api.get("/listings?q=bread&offset=5")).body).toMatchObject({ total: 3, items: [] });
  });

  it("searches near a place, nearest first within the radius, with the distance", async () => {
    const near = await api.get("/listings?near=51.5,-0.1&radiusKm=5");
    expect(near.body.items.map((l: { id: string; distanceKm: number }) => [l.id, l.distanceKm])).toEqual([[ids.bread, 0], [ids.bike, kmBetween(51.5, -0.1, 51.51, -0.12)]]);
    expect(await list("/listings?near=48.86,2.34&radiusKm=500")).toEqual([ids.garden, ids.bread, ids.bike]);
    expect(await list("/listings?near=48.86,2.34&radiusKm=1")).toEqual([]);
    for (const bad of ["near=91,0", "near=0,0&radiusKm=501", "near=0,0&radiusKm=0", "near=1,2,3", "q=", "q=%00", "category=bakery", "kind=gift", "status=gone", "author=xyz"]) {
      expect((await api.get(`/listings?${bad}`)).status, bad).toBe(400);
    }
    expect(await list(`/listings?author=${acc.bob.toUpperCase()}`)).toEqual([ids.bread]);
    expect(await list(`/listings?q=${encodeURIComponent("'\\:* & | ! (")}`)).toEqual([]);
  });

  it("shows one listing with its status, its author's name and reputation; 404 for an unknown one", async () => {
    const bread = (await api.get(`/listings/${ids.bread}`)).body;
    expect(bread).toMatchObject({
      id: ids.bread, accountId: acc.bob, authorName: "Bob's Bakery", kind: "offer", title: "Fresh sourdough bread", description: "Baked every morning",
      category: "food", price: { type: "fixed", units: "12" }, location: { lat: 51.5, lon: -0.1, place: "Market" }, contact: null, status: "active",
      distanceKm: null, reputation: { score: "4.33", mean: "4.00", count: 2 },
    });
    const status = async (id: string) => (await api.get(`/listings/${id}`)).body.status;
    expect([await status(ids.old), await status(ids.gone), await status(ids.left)]).toEqual(["expired", "withdrawn", "author-left"]);
    expect((await api.get(`/listings/${"0".repeat(64)}`)).status).toBe(404);
  });

  it("lists an account's listings of every status, newest first, as JSON and CSV", async () => {
    expect(await list(`/accounts/${acc.bob}/listings`)).toEqual([ids.gone, ids.bread]);
    const csv = csvRecords((await api.get(`/accounts/${acc.bob}/listings?format=csv`)).text);
    expect(csv.map((r) => [r.id, r.status, r.priceUnits, r.score])).toEqual([[ids.gone, "withdrawn", "12", "4.33"], [ids.bread, "active", "12", "4.33"]]);
  });

  it("matches a member's wants with others' offers in its community and the other way round", async () => {
    const pairs = async (id: string) => (await api.get(`/accounts/${id}/matches`)).body.items.map((m: { mine: { id: string }; theirs: { id: string } }) => [m.mine.id, m.theirs.id]);
    expect(await pairs(acc.carol)).toEqual([[ids.party, ids.bread]]);
    expect(await pairs(acc.bob)).toEqual([[ids.bread, ids.party]]);
    expect(await pairs(acc.alice)).toEqual([]);
  });

  it("lists the reviews of an account with each reviewer's paid members, weight and whether it counts; the reputation from them", async () => {
    const reviews = (await api.get(`/accounts/${acc.bob}/reviews`)).body;
    expect(reviews.total).toBe(2);
    expect(reviews.items.map((r: Record<string, unknown>) => [r.reviewer, r.rating, r.text, r.reviewerPaidMembers, r.weight, r.counted])).toEqual([
      [acc.carol, 3, null, 1, "0.20", true], [acc.alice, 5, "Lovely", 2, "0.40", true],
    ]);
    expect((await api.get(`/accounts/${acc.bob}/reputation`)).body).toEqual({ score: "4.33", mean: "4.00", count: 2, reviewers: 2 });
    expect((await api.get(`/accounts/${acc.alice}/reputation`)).body).toEqual({ score: null, mean: null, count: 0, reviewers: 0 });
    const csv = csvRecords((await api.get(`/accounts/${acc.bob}/reviews?format=csv`)).text);
    expect(csv.map((r) => r.weight)).toEqual(["0.20", "0.40"]);
  });

  it("shows a shop in its community, and in an accepted one only where its owner holds an open account", async () => {
    const shops = async (url: string) => (await api.get(url)).body.items.map((s: { name: string }) => s.name);
    expect(await shops(`/communities/${c.a.communityId}/shops`)).toEqual(["Bakery", "Dave's Deli"]);
    expect(await shops(`/communities/${c.bId}/shops`)).toEqual(["Dave's Deli"]);
    expect(await shops("/shops")).toEqual(["Bakery", "Dave's Deli"]);
    const bakery = (await api.get(`/communities/${c.a.communityId}/shops`)).body.items[0];
    expect(bakery).toMatchObject({ accountId: acc.bob, ownerName: "Bob's Bakery", hours: "Mon-Sat 8-18", accepts: [c.bId], lat: 51.5, lon: -0.1 });
    expect(csvRecords((await api.get("/shops?format=csv")).text).map((r) => r.accepts)).toEqual([c.bId, c.a.communityId]);
  });

  it("lists the payments that said they pay for a listing", async () => {
    expect((await api.get(`/listings/${ids.bread}/payments`)).body.items).toMatchObject([{ txId: ids.paid, leg: 0, payer: acc.alice, payee: acc.bob, amount: "12" }]);
    expect((await api.get(`/listings/${ids.bike}/payments`)).body).toMatchObject({ total: 0, items: [] });
    expect((await api.get(`/listings/${"0".repeat(64)}/payments`)).status).toBe(404);
  });

  it("counts refused marketplace notes by reason", async () => {
    expect((await api.get("/market/refusals")).body.items).toEqual([{ note: "review", reason: "already reviewed", count: 1 }]);
    expect((await api.get("/market/refusals/notes")).body.items).toMatchObject([{ note: "review", reason: "already reviewed", accountId: acc.carol }]);
  });
});
