// GET /search and GET /blocks/{block} over a synced devnet history, on every backend: each kind of
// text finds what it names (checked against the chain or the other routes), bad input is a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../db/testing.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOverHistory, historyForThisFile, MEMBERS, OTHER_METADATA } from "./testing.ts";

const history = historyForThisFile();

describe.each(BACKENDS)("search and blocks on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOverHistory(open, history);
    ({ api } = served);
    return served.close;
  });

  const get = async (url: string) => {
    const reply = await api.get(url);
    expect(reply.status, url).toBe(200);
    return reply.body;
  };
  const search = (q: string) => get(`/search?q=${encodeURIComponent(q)}`);
  const none = { communities: [], accounts: [], transactions: [], blocks: [] };

  it("finds a community by id, by part of its name in any case, and by its symbol", async () => {
    const A = history.communityId;
    expect((await search(A.toUpperCase())).communities).toEqual([expect.objectContaining({ communityId: A, matched: "id" })]);
    const byName = await search("kaikoura");
    expect(byName.communities).toEqual([{ communityId: A, name: "Kaikoura Dollars", symbol: "KCD", matched: "name" }]);
    expect((await search("kcd")).communities).toEqual([expect.objectContaining({ communityId: A, matched: "symbol" })]);
    expect((await search(OTHER_METADATA.symbol)).communities.map((c: { communityId: string }) => c.communityId)).toEqual([history.otherCommunityId]);
    // Percent and underscore are text, not patterns.
    expect(await search("%")).toEqual({ q: "%", ...none });
  });

  it("finds an account by id, and the accounts of an address", async () => {
    const bob = history.accountIds.bob;
    const byId = await search(bob);
    expect(byId.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([bob]);
    expect(byId.communities).toEqual([]);
    const byAddress = await search(MEMBERS.bob.address);
    const owned = (await get(`/accounts/by-owner/${MEMBERS.bob.address}`)).items;
    expect(byAddress.accounts).toEqual(owned);
    expect(owned.map((a: { accountId: string }) => a.accountId)).toContain(bob);
  });

  it("finds a LETS transaction by id and a block by id or height, and the block lists its LETS transactions", async () => {
    const height = history.paymentHeights[0]!;
    const block = await get(`/blocks/${height}`);
    const [id] = await history.node.request<string[]>("GET", `/blocks/at/${height}`);
    const header = await history.node.request<{ id: string; timestamp: number; parentId: string }>("GET", `/blocks/${id}/header`);
    expect(block).toMatchObject({ height, blockId: header.id, parentId: header.parentId, timestamp: header.timestamp });
    const legs = (await get(`/communities/${history.communityId}/payments?fromHeight=${height}&toHeight=${height}`)).items;
    expect(block.transactions.map((t: { txId: string }) => t.txId)).toEqual([...new Set(legs.map((l: { txId: string }) => l.txId))].sort());
    expect(block.transactions.every((t: { kind: string; communityId: string }) => t.kind === "payment" && t.communityId === history.communityId)).toBe(true);
    expect(await get(`/blocks/${block.blockId.toUpperCase()}`)).toEqual(block);

    const tx = block.transactions[0];
    expect((await search(tx.txId)).transactions).toEqual([{ ...tx, height }]);
    expect((await search(String(height))).blocks).toEqual([{ height, blockId: block.blockId, timestamp: block.timestamp }]);
    expect((await search(block.blockId)).blocks).toEqual([{ height, blockId: block.blockId, timestamp: block.timestamp }]);
  });

  it("answers nothing found as empty lists, and bad input as 400s naming it", async () => {
    expect(await search("cd".repeat(32))).toEqual({ q: "cd".repeat(32), ...none });
    expect(await search("  nobody  ")).toEqual({ q: "nobody", ...none });
    expect((await search("99999999")).blocks).toEqual([]);
    expect((await search("9".repeat(11))).blocks).toEqual([]);
    // Looks like an address, is not one: no accounts, no error.
    expect(await search("9".repeat(51))).toMatchObject({ accounts: [] });
    for (const [url, detail] of [
      ["/search", /q/],
      ["/search?q=", /q/],
      ["/search?q=%20%20", /blank/],
      [`/search?q=${"x".repeat(201)}`, /q/],
      ["/search?q=a&limit=3", /limit/],
      ["/blocks/abc", /block/],
      ["/blocks/9999999999", /at most/],
    ] as const) {
      const reply = await api.get(url);
      expect(reply.status, url).toBe(400);
      expect(reply.body.detail, url).toMatch(detail);
    }
    const missing = await api.get("/blocks/999999");
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/no block 999999/);
  });
});
