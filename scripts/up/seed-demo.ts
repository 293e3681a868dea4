/**
 * The demo community `lets up` shows a newcomer: created by development account 0, joined by
 * accounts 1-5, with a handful of payments between them. Seeding is idempotent: the community id
 * is remembered in a marker file next to the devnet's data, and a community that is still live on
 * the node is never seeded twice. A marker whose community the node does not know (the devnet
 * data was wiped) is replaced by a fresh seed.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { CommunityMetadata, Policy } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp, type KeyHolder } from "../../client/lets-over-http.ts";

const ERG = 1_000_000_000n;

export const DEMO_POLICY: Policy = {
  creditLimit: 50_000n, // 500.00 RVL
  positiveCap: 200_000n, // 2,000.00 RVL
  joinFeeNanoErg: ERG / 10n,
  collateralNanoErg: ERG,
  maxMembers: 500n,
  inactivityBlocks: 21_600n, // 30 days of 2-minute blocks
};

export const DEMO_METADATA: CommunityMetadata = {
  name: "Riverside LETS",
  symbol: "RVL",
  description: "A demo community seeded by lets up: neighbours trading bread, repairs and lessons.",
  decimals: 2,
};

/** Dev account index of the founder, then of the members who join. */
const FOUNDER = 0;
const MEMBERS = [1, 2, 3, 4, 5];

/** Payer, payee and amount in units (1/100 RVL): a small, plausible week of trade. */
const PAYMENTS: ReadonlyArray<readonly [number, number, bigint]> = [
  [1, 2, 2_500n],
  [2, 3, 12_000n],
  [3, 4, 4_250n],
  [4, 1, 1_800n],
  [5, 2, 7_500n],
  [1, 5, 3_000n],
];

export interface SeedOutcome {
  communityId: string;
  /** False when a live demo community was already there. */
  seeded: boolean;
}

interface Marker {
  communityId: string;
}

async function readMarker(file: string): Promise<Marker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<Marker>;
    return typeof parsed.communityId === "string" && /^[0-9a-f]{64}$/.test(parsed.communityId) ? { communityId: parsed.communityId } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Seeds the demo community unless the marker names one the node still has. `mine` makes the node
 * include what was submitted (the devnet mines on demand), so each step sees the previous one.
 */
export async function seedDemo(node: NodeClient, markerFile: string, mine: () => Promise<void>): Promise<SeedOutcome> {
  const marker = await readMarker(markerFile);
  if (marker && (await node.unspentByTokenId(marker.communityId, 1)).length > 0) {
    return { communityId: marker.communityId, seeded: false };
  }
  const lets = new LetsOverHttp(node);
  const holder = (index: number): KeyHolder => devAccount(index);
  const { communityId } = await lets.createCommunity(holder(FOUNDER), DEMO_POLICY, DEMO_METADATA);
  await mine();
  for (const index of MEMBERS) {
    await lets.join(communityId, holder(index));
    await mine();
  }
  for (const [payer, payee, amountUnits] of PAYMENTS) {
    await lets.pay(communityId, holder(payer), [{ member: holder(payee), amountUnits }]);
    await mine();
  }
  await writeFile(markerFile, `${JSON.stringify({ communityId } satisfies Marker, null, 2)}\n`);
  return { communityId, seeded: true };
}
