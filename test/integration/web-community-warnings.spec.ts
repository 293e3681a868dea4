// What the community page warns about, read through the web's indexer client from a real indexer
// API over a database synced from the compromised chain (a forged account in A, B sound, C's
// metadata not JSON and its community box later taken by a storage-rent spend).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import { buildIndexerApi } from "../../indexer/api/app.ts";
import { openDatabase } from "../../indexer/db/connect.ts";
import { blockOf, copyBox, rentProof, testId } from "../../indexer/sync/block-testing.ts";
import { compromisedChain, type CompromisedChain } from "../../indexer/sync/compromised-chain.ts";
import { BatchPipeline } from "../../indexer/sync/pipeline.ts";
import { communityWarnings } from "../../web/lib/server/community-warnings.ts";
import { createIndexerClient, type IndexerClient } from "../../web/lib/server/indexer.ts";

let chain: CompromisedChain;
let indexer: IndexerClient;
let close: () => Promise<void>;

/** The blocks up to C's creation, then (with `taken`) a rent spend that takes C's box whole. */
async function serve(taken: boolean): Promise<void> {
  const db = await openDatabase();
  const blocks = [...chain.sound, chain.forged, ...chain.later];
  if (taken) {
    const box = chain.sound.flatMap((b) => b.transactions).flatMap((t) => t.outputs).find((o) => o.ergoTree === COMMUNITY_ERGO_TREE && o.assets?.[0]?.tokenId === chain.ids.c)!;
    const loot = copyBox(box, "C taken", { ergoTree: `0008cd${"02".repeat(33)}`, additionalRegisters: {} });
    blocks.push(blockOf(box.creationHeight + STORAGE_PERIOD_BLOCKS, { id: testId("take C"), inputs: [{ boxId: box.boxId, spendingProof: rentProof(0) }], outputs: [loot] }));
  }
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
  const app = buildIndexerApi({ db });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  indexer = createIndexerClient(url);
  close = async () => {
    await app.close();
    await db.destroy();
  };
}

beforeAll(() => {
  chain = compromisedChain();
});

describe("the community page's warnings", () => {
  afterAll(() => close?.());

  it("list a compromised community's flags with the imbalance; nothing for a sound community", async () => {
    await serve(false);
    const a = await communityWarnings(indexer, await indexer.community(chain.ids.a));
    expect(a).toEqual({
      compromises: {
        total: 1, imbalance: -15n, boxSpentHeight: null,
        items: [{
          communityId: chain.ids.a, kind: "forged-account", txId: chain.forged.transactions[0]!.id, height: chain.forged.header.height,
          timestamp: chain.forged.header.timestamp, boxId: chain.ids.forgedBox, detail: expect.stringContaining(chain.ids.forgedAccount),
        }],
      },
      metadata: null,
    });
    expect(await communityWarnings(indexer, await indexer.community(chain.ids.b))).toEqual({ compromises: null, metadata: null });
  });

  it("show metadata that is not JSON with its raw text, and a community box taken by rent with its height", async () => {
    expect(await communityWarnings(indexer, await indexer.community(chain.ids.c))).toEqual({
      compromises: null, metadata: { problem: "R6: metadata is not JSON", rawText: chain.cMetadata },
    });
    await close();
    await serve(true);
    const c = await communityWarnings(indexer, await indexer.community(chain.ids.c));
    expect(c.compromises).toMatchObject({ total: 2, boxSpentHeight: expect.any(Number), imbalance: 0n });
    expect(c.compromises!.items.map((f) => f.kind)).toEqual(["escaped-unit", "rent-spend"]);
    expect(c.metadata).toEqual({ problem: "R6: metadata is not JSON", rawText: chain.cMetadata });
  });
});
