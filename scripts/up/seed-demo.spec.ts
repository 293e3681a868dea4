import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerFromPublicKey } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { LinesOverHttp, linePositions } from "../../client/lines.ts";
import { DEMO_METADATA, DEMO_LINE_TERMS, ECONOMICS_METADATA, ECONOMICS_POLICY, PARTNER_METADATA, seedDemo } from "./seed-demo.ts";
import { worth } from "../../contracts/index.ts";

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

  it("creates the demo community with five members, a partner community with a line to it, and nets every payment, once", async () => {
    const marker = join(dir, "demo.json");
    const first = await seedDemo(node, marker, mine);
    expect(first.seeded).toBe(true);

    const lets = new LetsOverHttp(node);
    const { community, accounts, gateways } = await lets.community(first.communityId);
    expect(community.metadata.name).toBe(DEMO_METADATA.name);
    expect(accounts).toHaveLength(5);
    const balanceOf = (index: number) => accounts.find((a) => a.owner === ownerFromPublicKey(devAccount(index).publicKey))?.balance;
    // 1 paid 25.00 and 30.00, received 18.00, and paid 15.00 RVL (+ 0.08 fee) to Harbour; ...
    expect(balanceOf(1)).toBe(-2_500n - 3_000n + 1_800n - 1_500n - 8n);
    expect(balanceOf(2)).toBe(2_500n + 7_500n - 12_000n);
    // 3 received 20.00 HBR of bread from Harbour: 10.00 RVL less Riverside's 0.5% fee (0.05).
    expect(balanceOf(3)).toBe(12_000n - 4_250n + 1_000n - 5n);
    expect(balanceOf(4)).toBe(4_250n - 1_800n);
    expect(balanceOf(5)).toBe(3_000n - 7_500n);
    type Books = { accounts: { balance: bigint }[]; gateways: { balance: bigint }[]; community: { communityBalance: bigint } };
    const books = (view: Books) =>
      view.accounts.reduce((sum, a) => sum + a.balance, 0n) + view.gateways.reduce((sum, g) => sum + g.balance, 0n) + view.community.communityBalance;
    expect(books({ community, accounts, gateways })).toBe(0n);

    // Harbour LETS: three members, an open line from Riverside, a cross payment each way.
    const partner = first.partner!;
    const harbour = await lets.community(partner.communityId);
    expect(harbour.community.metadata.name).toBe(PARTNER_METADATA.name);
    expect(harbour.accounts).toHaveLength(3);
    expect(books(harbour)).toBe(0n);
    const view = await new LinesOverHttp(lets).view(partner.lineId);
    expect(view.line).toMatchObject({ status: "open", communityA: first.communityId, communityB: partner.communityId, terms: DEMO_LINE_TERMS });
    const [riverside, harbourSide] = linePositions(view);
    // Riverside sent 15.00 RVL (fee 0.08 held) and received 20.00 HBR as 10.00 RVL (fee 0.05 held).
    expect(riverside.position).toBe(1_500n - 1_000n);
    expect(harbourSide.position).toBe(-3_000n + 2_000n);

    // Meadow LETS: an economics community; the allowance paid half of the first purchase, the
    // usage fees were swept into the community balance, and the books hold with every lever.
    const meadow = await lets.community(first.economics!.communityId);
    expect(meadow.community.metadata.name).toBe(ECONOMICS_METADATA.name);
    expect(meadow.community.policy).toEqual(ECONOMICS_POLICY);
    expect(meadow.accounts).toHaveLength(4);
    const meadowBalance = (index: number) => meadow.accounts.find((a) => a.owner === ownerFromPublicKey(devAccount(index).publicKey))!;
    // 1 bought 40.00 of eggs (20.00 from the allowance, 0.20 fee) and received 12.00.
    expect(meadowBalance(1)).toMatchObject({ balance: -2_000n - 20n + 1_200n, economy: { allowance: 3_000n, accrued: 0n } });
    const fees = [4_000n, 2_500n, 6_000n, 1_200n].reduce((s, sent) => s + (sent * 50n + 9_999n) / 10_000n, 0n);
    const issued = 4n * ECONOMICS_POLICY.economics!.allowance;
    expect(meadow.community.communityBalance).toBe(-issued + fees);
    expect(meadow.accounts.reduce((s, a) => s + worth(a.balance, a.economy), 0n) + meadow.community.communityBalance).toBe(0n);

    const height = devnet.chain.height;
    const second = await seedDemo(node, marker, mine);
    expect(second).toEqual({ communityId: first.communityId, seeded: false, partner, economics: first.economics });
    expect(devnet.chain.height).toBe(height);
  });

  it("seeds again when the marker names a community the node does not have", async () => {
    const marker = join(dir, "stale.json");
    await writeFile(marker, JSON.stringify({ communityId: "ab".repeat(32) }));
    const outcome = await seedDemo(node, marker, mine);
    expect(outcome.seeded).toBe(true);
    expect(outcome.communityId).not.toBe("ab".repeat(32));
  });

  it("adds the partner community and its line to a marker from before them, once", async () => {
    const marker = join(dir, "older.json");
    const first = await seedDemo(node, marker, mine);
    await writeFile(marker, JSON.stringify({ communityId: first.communityId }));
    const added = await seedDemo(node, marker, mine);
    expect(added.communityId).toBe(first.communityId);
    expect(added.seeded).toBe(true);
    expect(added.partner!.communityId).not.toBe(first.partner!.communityId);
    expect(added.economics!.communityId).not.toBe(first.economics!.communityId);
    expect(await seedDemo(node, marker, mine)).toEqual({ communityId: first.communityId, seeded: false, partner: added.partner, economics: added.economics });
  });
});
