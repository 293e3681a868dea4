import { describe, expect, it } from "vitest";
import type { ChainTransaction } from "./apply-block.ts";
import type { CommunityRecord } from "./lets-events.ts";
import { dependencyOrder, pendingRows } from "./mempool.ts";

const tx = (id: string, spends: string[], creates: string[]): ChainTransaction => ({
  id,
  inputs: spends.map((boxId) => ({ boxId })),
  outputs: creates.map((boxId) => ({ boxId }) as ChainTransaction["outputs"][number]),
});

describe("dependencyOrder", () => {
  it("puts a transaction after the pooled transactions whose outputs it spends, keeping the pool order otherwise", () => {
    const a = tx("a", ["confirmed-1"], ["a0"]);
    const b = tx("b", ["a0"], ["b0"]);
    const c = tx("c", ["b0", "confirmed-2"], ["c0"]);
    const d = tx("d", ["confirmed-3"], ["d0"]);
    expect(dependencyOrder([c, d, b, a]).map((t) => t.id)).toEqual(["a", "b", "c", "d"]);
    expect(dependencyOrder([d, a, b, c]).map((t) => t.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("handles a long chain without recursion and ignores cycles (which a valid pool cannot have)", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => tx(`t${i}`, [`box${i}`], [`box${i + 1}`]));
    expect(dependencyOrder([...chain].reverse()).map((t) => t.id)).toEqual(chain.map((t) => t.id));
    const x = tx("x", ["y0"], ["x0"]);
    const y = tx("y", ["x0"], ["y0"]);
    expect(dependencyOrder([x, y]).map((t) => t.id).sort()).toEqual(["x", "y"]);
  });
});

describe("pendingRows", () => {
  const site = { txId: "t", height: 9, timestamp: 0, blockId: "mempool" };
  const community = { boxId: "c1", communityId: "c" } as CommunityRecord;

  it("closes a dormant account: its balance goes to 0, whatever its sign; a refresh only moves the community box", () => {
    const row = (accountId: string | null, balance_delta: bigint, new_box_id: string | null, kind: string) => ({ kind, community_id: "c", account_id: accountId, balance_delta, new_box_id });
    expect(pendingRows({ kind: "close", site, community, accountId: "a", balance: -30n })).toEqual([row(null, 0n, "c1", "close"), row("a", 30n, null, "close")]);
    expect(pendingRows({ kind: "close", site, community, accountId: "b", balance: 30n })).toEqual([row(null, 0n, "c1", "close"), row("b", -30n, null, "close")]);
    expect(pendingRows({ kind: "refresh", site, community })).toEqual([row(null, 0n, "c1", "refresh")]);
  });
});
