/**
 * The lines client without a devnet: reading boxes by script (the route, the body, paging, and
 * both answer shapes a node may give) and the positions summed per side. The reason given when no
 * route exists is `routeOrRefusal`'s (contracts/line/route.spec.ts). The whole flow on a devnet is
 * in scripts/commands/actions/line.spec.ts.
 */
import { describe, expect, it } from "vitest";
import { LINE_ERGO_TREE, type Gateway, type Line, type LineTerms } from "../contracts/index.ts";
import { NodeClient } from "../ergo/node-client.ts";
import { LetsOverHttp } from "./lets-over-http.ts";
import { linePositions, LinesOverHttp } from "./lines.ts";

const [A, B] = ["aa", "bb"].map((x) => x.repeat(32)) as [string, string];
const terms: LineTerms = { rateNum: 3n, rateDen: 2n, capA: 100n, capB: 100n, feeA: 0n, feeB: 0n, shards: 1n };

const lineOf = (lineId: string, communityA: string, communityB: string, state: Partial<Line> = {}): Line =>
  ({ lineId, communityA, communityB, terms, status: "open", pausedA: false, pausedB: false, pending: null, ...state }) as Line;

const box = (i: number) => ({ boxId: i.toString(16).padStart(64, "0"), value: 1, ergoTree: "00", creationHeight: 1, assets: [], additionalRegisters: {}, transactionId: "00".repeat(32), index: 0 });

describe("LinesOverHttp.unspentByErgoTree", () => {
  function client(pages: (offset: number) => unknown) {
    const calls: { url: string; body: unknown }[] = [];
    const fetcher = (async (input: string | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, body: init?.body });
      const offset = Number(new URL(url).searchParams.get("offset"));
      return new Response(JSON.stringify(pages(offset)), { status: 200 });
    }) as typeof fetch;
    return { lines: new LinesOverHttp(new LetsOverHttp(new NodeClient("http://node", fetcher))), calls };
  }

  it("posts the tree as a JSON string to /blockchain/box/unspent/byErgoTree, mempool applied, page by page", async () => {
    const { lines, calls } = client((offset) => (offset === 0 ? Array.from({ length: 100 }, (_, i) => box(i)) : [box(100)]));
    const boxes = await lines.unspentByErgoTree(LINE_ERGO_TREE);
    expect(boxes).toHaveLength(101);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe("http://node/blockchain/box/unspent/byErgoTree?offset=0&limit=100&includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc");
    expect(calls[0]!.body).toBe(JSON.stringify(LINE_ERGO_TREE));
    expect(calls[1]!.url).toContain("offset=100");
  });

  it("reads the { items, total } shape the node's OpenAPI file describes", async () => {
    const { lines } = client(() => ({ items: [box(1), box(2)], total: 2 }));
    expect((await lines.unspentByErgoTree(LINE_ERGO_TREE)).map((b) => b.boxId)).toEqual([box(1).boxId, box(2).boxId]);
  });

  it("skips boxes on the line script that are not well-formed lines", async () => {
    const { lines } = client(() => [{ ...box(1), ergoTree: LINE_ERGO_TREE }]);
    expect(await lines.allLines()).toEqual([]);
  });
});

describe("linePositions", () => {
  const g = (side: 0 | 1, shard: number, position: bigint, feesHeld: bigint) => ({ side, shard, position, feesHeld, balance: position + feesHeld }) as Gateway;

  it("sums each side's shards: trade position, fees held, balance", () => {
    const line = lineOf("01".repeat(32), A, B);
    const view = { line, gateways: [g(0, 0, 1_000n, 10n), g(0, 1, 100n, 1n), g(1, 0, -1_500n, 8n), g(1, 1, -150n, 1n)] };
    expect(linePositions(view)).toEqual([
      { side: 0, communityId: A, position: 1_100n, feesHeld: 11n, balance: 1_111n, shards: 2 },
      { side: 1, communityId: B, position: -1_650n, feesHeld: 9n, balance: -1_641n, shards: 2 },
    ]);
  });
});
