// GET /search and GET /blocks/{block} over a synced devnet history, on every backend: each kind of
// text finds what it names (checked against the chain or the other routes), ids by a prefix or as
// the explorer shortens them, bad input is a 400.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { idMatches } from "../db/queries/id-pattern.ts";
import { BACKENDS } from "../db/testing.ts";
import type { TestDatabase } from "../db/testing.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOverHistory, historyForThisFile, MEMBERS, OTHER_METADATA } from "./testing.ts";

const history = historyForThisFile();

describe.each(BACKENDS)("search and blocks on $name", ({ open }) => {
  let api: ApiClient;
  let database: TestDatabase;

  beforeAll(async () => {
    const served = await apiOverHistory(open, history);
    ({ api, database } = served);
    return served.close;
  });

  const get = async (url: string) => {
    const reply = await api.get(url);
    expect(reply.status, url).toBe(200);
    return reply.body;
  };
  const search = (q: string) => get(`/search?q=${encodeURIComponent(q)}`);
  const none = { communities: [], accounts: [], transactions: [], blocks: [], boxes: [] };

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

  /** The ids of each list in a search answer. */
  const idsIn = async (q: string) => {
    const found = await search(q);
    return {
      communities: found.communities.map((c: { communityId: string }) => c.communityId),
      accounts: found.accounts.map((a: { accountId: string }) => a.accountId),
      transactions: found.transactions.map((t: { txId: string }) => t.txId),
      blocks: found.blocks.map((b: { blockId: string }) => b.blockId),
      boxes: found.boxes.map((b: { boxId: string }) => b.boxId),
    };
  };
  const only = (kind: keyof typeof none, id: string) => ({ ...none, [kind]: [id] });

  it("finds each kind of id by its first 8 hex digits or more, in any case, and as the explorer shortens it", async () => {
    const height = history.paymentHeights[0]!;
    const block = await get(`/blocks/${height}`);
    const txId: string = block.transactions[0].txId;
    const bob = history.accountIds.bob;
    const community = history.communityId;
    const bobBox: string = (await get(`/accounts/${bob}`)).boxId;
    const shortened = (id: string) => `${id.slice(0, 6)}…${id.slice(-4)}`;

    expect(await idsIn(txId.slice(0, 8))).toEqual(only("transactions", txId));
    expect(await idsIn(txId.slice(0, 20).toUpperCase())).toEqual(only("transactions", txId));
    expect(await idsIn(shortened(txId))).toEqual(only("transactions", txId));
    expect(await idsIn(`${txId.slice(0, 10)}...${txId.slice(-8)}`.toUpperCase())).toEqual(only("transactions", txId));
    expect(await idsIn(`${txId.slice(0, 10)}…`)).toEqual(only("transactions", txId));
    expect(await idsIn(bob.slice(0, 8))).toEqual(only("accounts", bob));
    expect(await idsIn(shortened(bob))).toEqual(only("accounts", bob));
    expect(await idsIn(block.blockId.slice(0, 12))).toEqual(only("blocks", block.blockId));
    expect(await idsIn(shortened(community).toUpperCase())).toEqual(only("communities", community));
    expect((await search(community.slice(0, 9))).communities).toEqual([expect.objectContaining({ communityId: community, matched: "id" })]);

    // A box: the account's live box, with the transaction that made it.
    const boxes = (await search(bobBox.slice(0, 8))).boxes;
    const made = await get(`/boxes/${bobBox}`);
    expect(boxes).toEqual([{ boxId: bobBox, kind: "account", communityId: community, accountId: bob, txId: made.txId, createdHeight: made.createdHeight, spentHeight: null }]);
    expect(await idsIn(shortened(bobBox))).toEqual(only("boxes", bobBox));
    // A join spends the community box and the account takes its id: such a box (kept when it was made
    // in an earlier block than the join) is found as the account only.
    const kept = [];
    for (const accountId of Object.values(history.accountIds)) {
      const reply = await api.get(`/boxes/${accountId}`);
      if (reply.status === 200) kept.push({ accountId, kind: reply.body.kind });
    }
    expect(kept.length).toBeGreaterThan(0);
    for (const { accountId, kind } of kept) {
      expect(kind).toBe("community");
      expect(await idsIn(accountId.slice(0, 8))).toEqual(only("accounts", accountId));
    }
  });

  it("treats fewer than 8 hex digits, or a shortened id under 6…4, as text, and answers a fitting head with the wrong tail with nothing", async () => {
    const txId: string = (await get(`/blocks/${history.paymentHeights[0]!}`)).transactions[0].txId;
    for (const q of [txId.slice(0, 7), `${txId.slice(0, 5)}…${txId.slice(-4)}`, `${txId.slice(0, 6)}…${txId.slice(-3)}`, `${txId.slice(0, 6)}..${txId.slice(-4)}`]) {
      expect(await search(q), q).toEqual({ q, ...none });
    }
    const wrongTail = `${txId.slice(0, 8)}…${txId.at(-1) === "0" ? "1111" : "0000"}`;
    expect(await search(wrongTail)).toEqual({ q: wrongTail, ...none });
    expect(await search("0123456789abcdef")).toEqual({ q: "0123456789abcdef", ...none });
    // 65 digits, or 6…4 longer than an id, name nothing.
    expect(await search("a".repeat(65))).toEqual({ q: "a".repeat(65), ...none });
    expect(await search(`${"a".repeat(40)}…${"b".repeat(30)}`)).toMatchObject(none);
  });

  it("lists every kind a prefix fits: a block whose id starts like a transaction's is listed beside it", async () => {
    const height = history.paymentHeights[0]!;
    const txId: string = (await get(`/blocks/${height}`)).transactions[0].txId;
    // No two ids of a small chain share 8 digits by chance: this block is made up for the test, sharing 8 with the transaction.
    const fill = txId[8] === "f" ? "e" : "f";
    const twin = { height: 2_000_000, block_id: `${txId.slice(0, 8)}${fill.repeat(56)}`, parent_id: "00".repeat(32), timestamp: 0n };
    await database.db.insertInto("blocks").values(twin).execute();
    try {
      expect(await idsIn(txId.slice(0, 8).toUpperCase())).toEqual({ ...none, transactions: [txId], blocks: [twin.block_id] });
      expect(await idsIn(txId.slice(0, 9))).toEqual(only("transactions", txId));
      expect(await idsIn(`${txId.slice(0, 8)}…${fill.repeat(4)}`)).toEqual(only("blocks", twin.block_id));
    } finally {
      await database.db.deleteFrom("blocks").where("height", "=", twin.height).execute();
    }
  });

  it("can look an id up by its index: a range on the id column's B-tree, not a scan of the table", async () => {
    const pattern = { head: "abcdef", tail: "1234" };
    const queries = [
      sql`select tx_id from events where ${idMatches("tx_id", pattern)} and seq = 0`,
      sql`select tx_id from cross_payments where ${idMatches("tx_id", pattern)}`,
      sql`select distinct account_id from account_boxes where ${idMatches("account_id", pattern)}`,
      sql`select box_id from account_boxes where ${idMatches("box_id", pattern)}`,
      sql`select box_id from community_boxes where ${idMatches("box_id", pattern)}`,
      sql`select block_id from blocks where ${idMatches("block_id", pattern)}`,
    ];
    // The tables are small, so the planner would rather scan them; with scans priced out it shows whether the index can answer.
    await database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      for (const query of queries) {
        const { rows } = await sql<Record<string, string>>`explain ${query}`.execute(trx);
        const plan = rows.map((r) => Object.values(r)[0]).join("\n");
        // The range is the index's condition (a full index walk with a filter would not say so).
        expect(plan, plan).toMatch(/Index Cond: .*>= 'abcdef'.*< 'abcdefg'/);
        expect(plan, plan).not.toMatch(/Seq Scan/);
      }
    });
  });
});
