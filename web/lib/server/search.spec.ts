import { describe, expect, it } from "vitest";
import { idAdvice, searchHits } from "./search.ts";
import type { SearchResult } from "./indexer-types.ts";

const id = (c: string) => c.repeat(64);
const none: Omit<SearchResult, "q"> = { communities: [], accounts: [], transactions: [], blocks: [], boxes: [] };

describe("search hits", () => {
  it("links each kind of match to its page, with words to tell them apart", () => {
    const hits = searchHits(
      {
        communities: [{ communityId: id("a"), name: "Kaikoura Dollars", symbol: "KCD", matched: "symbol" }],
        accounts: [
          { accountId: id("b"), communityId: id("a"), status: "open", name: null } as SearchResult["accounts"][number],
          { accountId: id("7"), communityId: id("a"), status: "left", name: "Bob <b>" } as SearchResult["accounts"][number],
        ],
        transactions: [{ txId: id("c"), communityId: id("d"), kind: "payment", height: 1234 }],
        blocks: [{ height: 1234, blockId: id("e"), timestamp: Date.UTC(2026, 11, 2, 9, 30) }],
        boxes: [
          { boxId: id("f"), kind: "account", communityId: id("a"), accountId: id("b"), txId: id("c"), createdHeight: 1234, spentHeight: null },
          { boxId: id("9"), kind: "community", communityId: id("d"), accountId: null, txId: id("8"), createdHeight: 12, spentHeight: 15 },
        ],
      },
      new Map([[id("a"), "Kaikoura Dollars"]]),
    );
    expect(hits).toEqual([
      { href: `/lets/${id("a")}`, kind: "Community", label: "Kaikoura Dollars (KCD)", detail: "symbol matches; id aaaaaa…aaaa" },
      { href: `/lets/${id("a")}/members/${id("b")}`, kind: "Account", label: "Account bbbbbb…bbbb", detail: "in Kaikoura Dollars, open" },
      { href: `/lets/${id("a")}/members/${id("7")}`, kind: "Account", label: "Bob <b> · 777777…7777", detail: expect.stringMatching(/^in Kaikoura Dollars, /) },
      { href: `/tx/${id("c")}`, kind: "Transaction", label: "Transaction cccccc…cccc", detail: "a payment in community dddddd…dddd, block 1234" },
      { href: "/blocks/1234", kind: "Block", label: "Block 1234", detail: "id eeeeee…eeee, 2026-12-02 09:30 UTC" },
      { href: `/tx/${id("c")}#box-${id("f")}`, kind: "Box", label: "Box ffffff…ffff", detail: "a box of account bbbbbb…bbbb of Kaikoura Dollars, made in block 1234, unspent" },
      { href: `/tx/${id("8")}#box-${id("9")}`, kind: "Box", label: "Box 999999…9999", detail: "the community box of community dddddd…dddd, made in block 12, spent in block 15" },
    ]);
  });

  it("explains how ids are found when a text that looks like part of one finds nothing, and only then", () => {
    for (const q of ["3f2a9c1", "3F2A9C", "3f2a…b81e", "3f2a9c...b8", "3f2a9c1d4e"]) expect(idAdvice(q), q).toMatch(/first 8 hex digits .* \(3f2a9c…b81e\)/);
    for (const q of ["cafe", "99999999", "cd".repeat(32), "shells", "3f2a 9c1", "3f2a9c…b81e…"]) expect(idAdvice(q), q).toBeUndefined();
  });

  it("finds nothing in an empty answer", () => {
    expect(searchHits(none, new Map())).toEqual([]);
  });
});
