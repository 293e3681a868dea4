// Matching leaves filler words out: two titles that share only "for", "a" or "the" (and differ in
// category) are no match; the twin sharing a real word is. On every backend.
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, freshDatabases } from "../db/testing.ts";
import { listing, MarketChain, syncBlocks } from "../sync/market-testing.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";

let c: MarketChain;
const ids = {} as Record<"want" | "party" | "guitar", string>;

beforeAll(() => {
  c = new MarketChain();
  const h = () => c.world.height;
  ids.want = c.publish("carol", listing(h(), { kind: "want", title: "Lessons for a child", category: "education" }));
  ids.party = c.publish("bob", listing(h(), { title: "Sourdough for the party", category: "food" }));
  ids.guitar = c.publish("alice", listing(h(), { title: "Guitar lessons", category: "crafts" }));
});

describe.each(BACKENDS)("matching on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let api: ApiClient;

  beforeAll(async () => {
    const db = await fresh();
    await syncBlocks(db, c.blocks);
    api = await apiClient(buildIndexerApi({ db }));
  }, 120_000);

  it("matches on a shared word of substance, not on filler", async () => {
    const answer = await api.get(`/accounts/${c.account("carol").accountId}/matches`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.items.map((m: { mine: { id: string }; theirs: { id: string } }) => [m.mine.id, m.theirs.id])).toEqual([[ids.want, ids.guitar]]);
    expect((await api.get(`/accounts/${c.account("bob").accountId}/matches`)).body.items).toEqual([]);
  });
});
