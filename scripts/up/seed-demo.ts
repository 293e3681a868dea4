/**
 * The demo communities `lets up` shows a newcomer: "Riverside LETS", created by development
 * account 0, joined by accounts 1-5, with a handful of payments between them; and "Harbour LETS",
 * created by account 6 and joined by accounts 7-9, with a trade line to Riverside (proposed by
 * Riverside's committee, accepted by Harbour's: docs/inter-lets.md) and a cross payment each way;
 * and "Meadow LETS", an economics community (docs/economics.md: demurrage, a usage fee, an earned
 * credit limit and a newcomer allowance) created by account 2, joined by accounts 1, 3, 4 and 5,
 * with a few payments and a sweep of the charges they accrued.
 * Seeding is idempotent: the ids are remembered in a marker file next to the devnet's data, and
 * what is still live on the node is never seeded twice (a marker from before the second or third
 * community gets what it lacks). A marker whose community the node does not know (the
 * devnet data was wiped) is replaced by a fresh seed.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { CommunityMetadata, LineTerms, Policy } from "../../contracts/index.ts";
import { sweepLeg, sweepMinimum } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp, type KeyHolder } from "../../client/lets-over-http.ts";
import { LinesOverHttp } from "../../client/lines.ts";

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

export const PARTNER_METADATA: CommunityMetadata = {
  name: "Harbour LETS",
  symbol: "HBR",
  description: "A second demo community, joined to Riverside by a trade line: fish for bread.",
  decimals: 2,
};

/** 1 RVL = 2 HBR; Riverside may owe Harbour 1,000.00 HBR, Harbour may owe Riverside 500.00 RVL; 0.5% each side. */
export const DEMO_LINE_TERMS: LineTerms = { rateNum: 2n, rateDen: 1n, capA: 100_000n, capB: 50_000n, feeA: 50n, feeB: 50n, shards: 2n };

const PARTNER_FOUNDER = 6;
const PARTNER_MEMBERS = [7, 8, 9];
/** Cross payments: payer, payee, amount in the payer's units. */
const CROSS_PAYMENTS: ReadonlyArray<readonly [number, number, bigint]> = [
  [1, 7, 1_500n], // 15.00 RVL of fish
  [8, 3, 2_000n], // 20.00 HBR of bread
];

/** Meadow LETS: every economics lever on, in a community's plausible settings (units of 1/100 MDW). */
export const ECONOMICS_POLICY: Policy = {
  ...DEMO_POLICY,
  creditLimit: 20_000n, // 200.00 MDW to start with
  economics: {
    demurragePpm: 10_000n, // 1% a month on positive balances
    demurragePeriod: 21_600n,
    feeBps: 50n, // 0.5% of each payment, at least 0.01
    feeMin: 1n,
    turnoverPpm: 5_000n, // the limit grows by 0.5% of what a member receives ...
    stepUnits: 1_000n, // ... and by 10.00 a month of membership ...
    stepBlocks: 21_600n,
    maxCreditLimit: 80_000n, // ... up to 800.00
    newcomerBlocks: 21_600n, // a newcomer's first month:
    allowance: 5_000n, // 50.00 MDW towards half of each purchase
    sweepMin: 1n,
  },
};

export const ECONOMICS_METADATA: CommunityMetadata = {
  name: "Meadow LETS",
  symbol: "MDW",
  description: "A demo community with economics levers: 1% a month demurrage, a 0.5% usage fee, earned credit limits and a newcomer allowance.",
  decimals: 2,
};

const ECONOMICS_FOUNDER = 2;
const ECONOMICS_MEMBERS = [1, 3, 4, 5];
const ECONOMICS_PAYMENTS: ReadonlyArray<readonly [number, number, bigint]> = [
  [1, 3, 4_000n], // 40.00 MDW of eggs: 20.00 from the newcomer allowance
  [3, 4, 2_500n],
  [4, 5, 6_000n],
  [5, 1, 1_200n],
];

export interface SeedOutcome {
  communityId: string;
  /** False when a live demo community was already there. */
  seeded: boolean;
  /** The second community and its line to the first. */
  partner?: { communityId: string; lineId: string };
  /** The economics community (docs/economics.md). */
  economics?: { communityId: string };
}

interface Marker {
  communityId: string;
  partner?: { communityId: string; lineId: string };
  economics?: { communityId: string };
}

const isId = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);

async function readMarker(file: string): Promise<Marker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<Marker>;
    if (!isId(parsed.communityId)) return undefined;
    const partner = parsed.partner && isId(parsed.partner.communityId) && isId(parsed.partner.lineId) ? parsed.partner : undefined;
    const economics = parsed.economics && isId(parsed.economics.communityId) ? parsed.economics : undefined;
    return { communityId: parsed.communityId, ...(partner ? { partner } : {}), ...(economics ? { economics } : {}) };
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
  const live = async (id: string) => (await node.unspentByTokenId(id, 1)).length > 0;
  if (marker && (await live(marker.communityId))) {
    const partnerLive = marker.partner !== undefined && (await live(marker.partner.communityId));
    const economicsLive = marker.economics !== undefined && (await live(marker.economics.communityId));
    if (partnerLive && economicsLive) return { ...marker, seeded: false };
    const partner = partnerLive ? marker.partner! : await seedPartner(node, marker.communityId, mine);
    const economics = economicsLive ? marker.economics! : await seedEconomics(node, mine);
    await writeMarker(markerFile, { communityId: marker.communityId, partner, economics });
    return { communityId: marker.communityId, seeded: true, partner, economics };
  }
  const lets = new LetsOverHttp(node);
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
  const partner = await seedPartner(node, communityId, mine);
  const economics = await seedEconomics(node, mine);
  await writeMarker(markerFile, { communityId, partner, economics });
  return { communityId, seeded: true, partner, economics };
}

/** Meadow LETS: its members, a few payments under the levers, and a sweep of what they accrued. */
async function seedEconomics(node: NodeClient, mine: () => Promise<void>): Promise<{ communityId: string }> {
  const lets = new LetsOverHttp(node);
  const { communityId } = await lets.createCommunity(holder(ECONOMICS_FOUNDER), ECONOMICS_POLICY, ECONOMICS_METADATA);
  await mine();
  for (const index of ECONOMICS_MEMBERS) {
    await lets.join(communityId, holder(index));
    await mine();
  }
  for (const [payer, payee, amountUnits] of ECONOMICS_PAYMENTS) {
    await lets.pay(communityId, holder(payer), [{ member: holder(payee), amountUnits }]);
    await mine();
  }
  // The founder sweeps the usage fees into the community balance (anyone may).
  const { accounts } = await lets.community(communityId);
  const height = BigInt(await node.height());
  const least = sweepMinimum(ECONOMICS_POLICY.economics!.sweepMin);
  const sweepable = accounts.filter((a) => sweepLeg(a, height).collected >= least);
  if (sweepable.length > 0) {
    await lets.submit(holder(ECONOMICS_FOUNDER), await lets.planSweep(communityId, holder(ECONOMICS_FOUNDER), sweepable));
    await mine();
  }
  return { communityId };
}

const holder = (index: number): KeyHolder => devAccount(index);

const writeMarker = (file: string, marker: Marker) => writeFile(file, `${JSON.stringify(marker, null, 2)}\n`);

/** Harbour LETS, its members, the line Riverside proposes and Harbour accepts, and a payment each way. */
async function seedPartner(node: NodeClient, riverside: string, mine: () => Promise<void>): Promise<{ communityId: string; lineId: string }> {
  const lets = new LetsOverHttp(node);
  const lines = new LinesOverHttp(lets);
  const { communityId } = await lets.createCommunity(holder(PARTNER_FOUNDER), DEMO_POLICY, PARTNER_METADATA);
  await mine();
  for (const index of PARTNER_MEMBERS) {
    await lets.join(communityId, holder(index));
    await mine();
  }
  const proposal = await lets.submit(holder(FOUNDER), await lines.planPropose(riverside, holder(FOUNDER), communityId, DEMO_LINE_TERMS));
  const lineId = proposal.unsigned.inputs[0]!.boxId;
  await mine();
  await lets.submit(holder(PARTNER_FOUNDER), await lines.planAccept(lineId, holder(PARTNER_FOUNDER)));
  await mine();
  for (const [payer, payee, amountUnits] of CROSS_PAYMENTS) {
    const [from, to] = PARTNER_MEMBERS.includes(payer) ? [communityId, riverside] : [riverside, communityId];
    const payerAccount = await accountOf(lets, from, payer);
    const payeeAccount = await accountOf(lets, to, payee);
    const quote = await lines.quoteCrossPay(holder(payer), payerAccount, [{ account: payeeAccount, amountUnits }]);
    await lets.submit(holder(payer), quote.plan);
    await mine();
  }
  return { communityId, lineId };
}

async function accountOf(lets: LetsOverHttp, communityId: string, index: number) {
  const { accounts } = await lets.community(communityId);
  const owner = devAccount(index).publicKey;
  const account = accounts.find((a) => a.owner.endsWith(owner));
  if (!account) throw new Error(`development account ${index} has no account in community ${communityId}`);
  return account;
}
