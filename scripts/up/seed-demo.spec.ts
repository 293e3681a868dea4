import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerFromPublicKey } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { DEMO_METADATA, seedDemo } from "./seed-demo.ts";

describe("seedDemo", () => {
  let devnet: Devnet;
  let dir: string;
  let node: NodeClient;
  const mine = async () => void devnet.chain.mine(1);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lets-seed-"));
    devnet = await startDevnet({ port: 0, blockTimeMs: 3_600_000 });
    node = new NodeClient(devnet.url);
  });
  afterAll(async () => {
    await devnet.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the demo community with five members and nets every payment, once", async () => {
    const marker = join(dir, "demo.json");
    const first = await seedDemo(node, marker, mine);
    expect(first.seeded).toBe(true);

    const { community, accounts } = await new LetsOverHttp(node).community(first.communityId);
    expect(community.metadata.name).toBe(DEMO_METADATA.name);
    expect(accounts).toHaveLength(5);
    const balanceOf = (index: number) => accounts.find((a) => a.owner === ownerFromPublicKey(devAccount(index).publicKey))?.balance;
    // 1 paid 25.00 and 30.00, received 18.00; 2 received 25.00 + 75.00 and paid 120.00; ...
    expect(balanceOf(1)).toBe(-2_500n - 3_000n + 1_800n);
    expect(balanceOf(2)).toBe(2_500n + 7_500n - 12_000n);
    expect(balanceOf(3)).toBe(12_000n - 4_250n);
    expect(balanceOf(4)).toBe(4_250n - 1_800n);
    expect(balanceOf(5)).toBe(3_000n - 7_500n);
    expect(accounts.reduce((sum, a) => sum + a.balance, 0n) + community.communityBalance).toBe(0n);

    const height = devnet.chain.height;
    const second = await seedDemo(node, marker, mine);
    expect(second).toEqual({ communityId: first.communityId, seeded: false });
    expect(devnet.chain.height).toBe(height);
  });

  it("seeds again when the marker names a community the node does not have", async () => {
    const marker = join(dir, "stale.json");
    await writeFile(marker, JSON.stringify({ communityId: "ab".repeat(32) }));
    const outcome = await seedDemo(node, marker, mine);
    expect(outcome.seeded).toBe(true);
    expect(outcome.communityId).not.toBe("ab".repeat(32));
  });
});
