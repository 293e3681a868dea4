import { describe, expect, it } from "vitest";
import { IndexerNotFound, IndexerUnreachable, type IndexerClient } from "./indexer.ts";
import type { Community } from "./indexer-types.ts";
import { unitsOf } from "./lines.ts";

const id = (c: string) => c.repeat(64);
const KNOWN: Record<string, { name: string; symbol: string; decimals: number }> = {
  [id("a")]: { name: "Kaikoura", symbol: "KCD", decimals: 2 },
  [id("b")]: { name: "Otago Dollars", symbol: "OTD", decimals: 0 },
};

/** An indexer that knows `KNOWN`, answers any other id as the API does (404), and counts the calls. */
function fakeIndexer(down = new Set<string>()) {
  const asked: string[] = [];
  const community = async (communityId: string): Promise<Community> => {
    asked.push(communityId);
    if (down.has(communityId)) throw new IndexerUnreachable(0, "unreachable", "no answer", `/communities/${communityId}`);
    const metadata = KNOWN[communityId];
    if (!metadata) throw new IndexerNotFound(404, "not-found", `no community ${communityId}`, `/communities/${communityId}`);
    return { communityId, metadata, committee: `committee-${communityId.slice(0, 2)}` } as unknown as Community;
  };
  return { asked, indexer: { community } as unknown as IndexerClient };
}

describe("unitsOf", () => {
  it("names each known community once, and leaves out one the indexer does not know (the pages fall back to its id)", async () => {
    const { asked, indexer } = fakeIndexer();
    const units = await unitsOf(indexer, [id("a"), id("f"), id("b"), id("a")]);
    expect(units).toEqual({
      [id("a")]: { communityId: id("a"), name: "Kaikoura", symbol: "KCD", decimals: 2, committee: "committee-aa" },
      [id("b")]: { communityId: id("b"), name: "Otago Dollars", symbol: "OTD", decimals: 0, committee: "committee-bb" },
    });
    expect(asked).toEqual([id("a"), id("f"), id("b")]);
  });

  it("still fails when the indexer does not answer", async () => {
    const { indexer } = fakeIndexer(new Set([id("b")]));
    await expect(unitsOf(indexer, [id("a"), id("b")])).rejects.toBeInstanceOf(IndexerUnreachable);
  });
});
