import { describe, expect, it } from "vitest";
import { searchHits } from "./search.ts";
import type { SearchResult } from "./indexer-types.ts";

const id = (c: string) => c.repeat(64);
const none: Omit<SearchResult, "q"> = { communities: [], accounts: [], transactions: [], blocks: [] };

describe("search hits", () => {
  it("links each kind of match to its page, with words to tell them apart", () => {
    const hits = searchHits(
      {
        communities: [{ communityId: id("a"), name: "Kaikoura Dollars", symbol: "KCD", matched: "symbol" }],
        accounts: [{ accountId: id("b"), communityId: id("a"), status: "open" } as SearchResult["accounts"][number]],
        transactions: [{ txId: id("c"), communityId: id("d"), kind: "payment", height: 1234 }],
        blocks: [{ height: 1234, blockId: id("e"), timestamp: Date.UTC(2026, 11, 2, 9, 30) }],
      },
      new Map([[id("a"), "Kaikoura Dollars"]]),
    );
    expect(hits).toEqual([
      { href: `/lets/${id("a")}`, kind: "Community", label: "Kaikoura Dollars (KCD)", detail: "symbol matches; id aaaaaa…aaaa" },
      { href: `/lets/${id("a")}/members/${id("b")}`, kind: "Account", label: "Account bbbbbb…bbbb", detail: "in Kaikoura Dollars, open" },
      { href: `/tx/${id("c")}`, kind: "Transaction", label: "Transaction cccccc…cccc", detail: "a payment in community dddddd…dddd, block 1234" },
      { href: "/blocks/1234", kind: "Block", label: "Block 1234", detail: "id eeeeee…eeee, 2026-12-02 09:30 UTC" },
    ]);
  });

  it("finds nothing in an empty answer", () => {
    expect(searchHits(none, new Map())).toEqual([]);
  });
});
