// Attacks on the marketplace routes (issue 16): what a client sends must never crash the API (no
// 5xx), a search near a place must be exact across the antimeridian, near a pole and at the
// antipode, ids are taken in any case, CSV cells stay in their columns, and a co-payer raises no
// reviewer's weight. On every backend, over a chain both interpreters judged.
import { beforeAll, describe, expect, it } from "vitest";
import { csvRecords, csvRows } from "../../util/csv.ts";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { splitBill } from "../sync/market-attack-testing.ts";
import { listing, MarketChain, syncBlocks } from "../sync/market-testing.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";

/** A title a spreadsheet would run as a formula; the CSV keeps it exact, in its own cell. */
const FORMULA = '=HYPERLINK("http://evil.example","click"),+1';
/** Antipodal points whose haversine term rounds to 1 + 2^-52 on both backends: asin() of it is an error. */
const NEAR_ANTIPODE = { lat: 1.424984, lon: 177.443622 };
const ANTIPODE = { lat: -1.424984, lon: -2.556378 };

const ids = {} as Record<"east" | "pole" | "antipode" | "formula" | "long", string>;
const acc = {} as Record<"alice" | "bob" | "carol", string>;
let c: MarketChain;

function buildChain(): MarketChain {
  const m = new MarketChain();
  const h = () => m.world.height;
  acc.alice = m.account("alice").accountId;
  acc.bob = m.account("bob").accountId;
  acc.carol = m.account("carol").accountId;
  ids.east = m.publish("alice", listing(h(), { title: "Café crème brûlée", location: { lat: 0.5, lon: 179.9 } }));
  ids.pole = m.publish("bob", listing(h(), { title: "Polar bread", location: { lat: 89.95, lon: 120 } }));
  ids.antipode = m.publish("carol", listing(h(), { title: "Far away", location: { ...ANTIPODE, place: "Gulf of Guinea" } }));
  ids.formula = m.publish("alice", listing(h(), { title: FORMULA, description: "-2+3 @SUM(A1)", contact: "+44 20 7946 0000" }));
  // One word of 1,000 four-byte characters: longer than the 2,047 bytes a tsvector lexeme may hold.
  ids.long = m.publish("bob", listing(h(), { title: "Long words", description: "𝔸".repeat(1_000) }));
  const paid = splitBill(m, "alice", "bob", "carol");
  m.note("alice", { review: { payment: paid, payee: acc.carol, rating: 5 } });
  return m;
}

beforeAll(() => {
  c = buildChain();
});

describe.each(BACKENDS)("marketplace route attacks on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let api: ApiClient;
  const list = async (url: string) => {
    const answer = await api.get(url);
    expect(answer.status, `${url}: ${answer.text}`).toBe(200);
    return answer.body.items.map((l: { id: string }) => l.id);
  };
  const status = async (url: string) => (await api.get(url)).status;

  beforeAll(async () => {
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    api = await apiClient(buildIndexerApi({ db }));
  }, 120_000);

  it("finds a listing across the antimeridian and across a pole, exactly within the radius", async () => {
    expect(await list("/listings?near=0.5,-179.9&radiusKm=23")).toEqual([ids.east]);
    expect(await list("/listings?near=0.5,-179.9&radiusKm=22")).toEqual([]);
    expect(await list("/listings?near=89.95,-60&radiusKm=12")).toEqual([ids.pole]);
    expect(await list("/listings?near=89.95,-60&radiusKm=11")).toEqual([]);
    expect(await list("/listings?near=90,0&radiusKm=6")).toEqual([ids.pole]);
  });

  it("answers a search from the antipode of a listing (a haversine term of 1 + 2^-52), and finds it from its own place", async () => {
    // sqrt(1 + 2^-52) rounds to 1, so asin() never sees more than 1: no 'input is out of range'.
    expect(await list(`/listings?near=${NEAR_ANTIPODE.lat},${NEAR_ANTIPODE.lon}&radiusKm=500`)).toEqual([ids.east]);
    const answer = await api.get(`/listings?near=${ANTIPODE.lat},${ANTIPODE.lon}&radiusKm=1`);
    expect(answer.body.items.map((l: { id: string; distanceKm: number }) => [l.id, l.distanceKm])).toEqual([[ids.antipode, 0]]);
  });

  it("refuses a near point or radius that is not a number on the globe with a 400; twin: the largest radius", async () => {
    for (const near of ["NaN,0", "1e309,0", "Infinity,0", "91,0", "0,180.5", "-90.000001,0", "0", "0,0,0", "0x10,0", " 1,2", "1,2 "]) {
      expect(await status(`/listings?near=${encodeURIComponent(near)}`), near).toBe(400);
    }
    for (const radius of ["0", "-1", "1e309", "NaN", "Infinity", "-Infinity", "500.001", "", "1,2"]) expect(await status(`/listings?near=0,0&radiusKm=${radius}`), radius).toBe(400);
    const infinite = await api.get("/listings?near=0,0&radiusKm=1e309");
    expect(infinite.body).toEqual({ error: 400, reason: "bad.request", detail: "radiusKm must be a number of km above 0 and at most 500, got Infinity" });
    expect(await status("/listings?radiusKm=5")).toBe(200);
    expect(await list("/listings?near=-90,-180&radiusKm=500")).toEqual([]);
    expect(await list("/listings?near=0.5,179.9&radiusKm=500")).toEqual([ids.east]);
  });

  it("answers every query text websearch can be handed, finds accented words in any case, and refuses NUL and 201 characters", async () => {
    const nasty = ['"unclosed', "or", "-", "- -bread", "!", ":*", "'", "\\", "&|!()<->", "bread OR", "OR OR OR", '""', "🍞", "新鲜面包", "\u202e", "a".repeat(200), "%", "_", "*"];
    for (const q of nasty) expect(await status(`/listings?q=${encodeURIComponent(q)}`), q).toBe(200);
    expect(await list(`/listings?q=${encodeURIComponent("BRÛLÉE")}`)).toEqual([ids.east]);
    expect(await list(`/listings?q=${encodeURIComponent("brûlée -café")}`)).toEqual([]);
    for (const q of ["\u0000", "bread\u0000", "a".repeat(201), ""]) expect(await status(`/listings?q=${encodeURIComponent(q)}`), JSON.stringify(q)).toBe(400);
    expect(await status("/listings?q=%ED%A0%80")).toBeLessThan(500);
    expect(await list("/listings?q=long")).toEqual([ids.long]);
    expect(await list(`/listings?q=${encodeURIComponent("𝔸".repeat(200))}`)).toEqual([]);
  });

  it("refuses paging outside its limits; twin: the largest page", async () => {
    for (const p of ["limit=0", "limit=1001", "limit=1.5", "limit=-1", "offset=-1", "offset=2147483648", "limit=1e3x", "offset=NaN"]) {
      for (const route of ["/listings", `/accounts/${acc.carol}/reviews`, `/accounts/${acc.alice}/matches`, "/shops", "/market/refusals"]) {
        expect(await status(`${route}?${p}`), `${route}?${p}`).toBe(400);
      }
    }
    expect(await list("/listings?limit=1000&offset=2147483647")).toEqual([]);
  });

  it("refuses a parameter given twice and parameters named like an object's own properties; twin: each given once", async () => {
    for (const p of ["q=a&q=b", "near=1,2&near=3,4", "radiusKm=5&near=0,0&radiusKm=6", "limit=1&limit=2", "status=active&status=all", "__proto__=x", "constructor=x", "hasOwnProperty=1"]) {
      expect(await status(`/listings?${p}`), p).toBe(400);
    }
    expect(await list("/listings?q=a&near=1,2&radiusKm=5&limit=1&status=all")).toEqual([]);
  });

  it("takes ids in upper case as in lower case, and refuses ids that are not 64 hex digits", async () => {
    const same = async (path: string) => {
      const [lower, upper] = [await api.get(path), await api.get(path.replace(/[0-9a-f]{64}/g, (id) => id.toUpperCase()))];
      expect(lower.status, path).toBe(200);
      expect(upper.body, path).toEqual(lower.body);
    };
    for (const path of [`/listings/${ids.east}`, `/listings/${ids.east}/payments`, `/accounts/${acc.alice}/listings`, `/accounts/${acc.carol}/reviews`,
      `/accounts/${acc.carol}/reputation`, `/accounts/${acc.alice}/matches`, `/listings?author=${acc.alice}`, `/listings?community=${c.a.communityId}`,
      `/communities/${c.a.communityId}/shops`]) await same(path);
    for (const bad of [ids.east.slice(1), `${ids.east}0`, `${ids.east.slice(1)}g`, `${ids.east.slice(2)}%00`]) expect(await status(`/listings/${bad}`), bad).toBe(400);
  });

  it("keeps a formula-looking title, description and contact exact, each in its own CSV cell", async () => {
    const text = (await api.get(`/listings?author=${acc.alice}&format=csv`)).text;
    const rows = csvRows(text, { crlf: true });
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]!.length]));
    const row = csvRecords(text, { crlf: true }).find((r) => r.id === ids.formula)!;
    expect([row.title, row.description, row.contact]).toEqual([FORMULA, "-2+3 @SUM(A1)", "+44 20 7946 0000"]);
  });

  it("weighs a reviewer by the members it credited: a co-payer in its transaction is not one", async () => {
    const reviews = (await api.get(`/accounts/${acc.carol}/reviews`)).body.items;
    expect(reviews.map((r: { reviewer: string; reviewerPaidMembers: number; weight: string }) => [r.reviewer, r.reviewerPaidMembers, r.weight])).toEqual([[acc.alice, 1, "0.20"]]);
    expect((await api.get(`/accounts/${acc.carol}/reputation`)).body).toEqual({ score: "5.00", mean: "5.00", count: 1, reviewers: 1 });
  });

  it("ranks a co-payer as paying what it paid, not as receiving a negative amount, among the top traders", async () => {
    const answer = await api.get(`/communities/${c.a.communityId}/dashboard/top-traders?days=36500`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.items).toEqual([
      { accountId: acc.carol, paid: "0", received: "6", traded: "6", payments: 1, counterparties: 1 },
      { accountId: acc.alice, paid: "5", received: "0", traded: "5", payments: 1, counterparties: 1 },
      { accountId: acc.bob, paid: "1", received: "0", traded: "1", payments: 1, counterparties: 0 },
    ]);
  });
});
