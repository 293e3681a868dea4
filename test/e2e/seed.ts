/**
 * History a browser test needs only as a backdrop (a community with members and payments), made
 * straight against the node with the development accounts' keys, mined and indexed before the
 * test looks at a page.
 */
import type { CommunityMetadata, Policy } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import { ownerOf } from "../../client/lets-over-http.ts";
import type { E2eStack } from "./stack.ts";

/** A payment by development account `payer` to account `payee` of `amountUnits`. */
export type SeedPayment = readonly [payer: number, payee: number, amountUnits: bigint];

export interface SeedOptions {
  /** The development account that creates the community (its key is the committee). */
  founder?: number;
  /** Development accounts that join. */
  members: number[];
  policy?: Policy;
  metadata?: CommunityMetadata;
  /** Payments in rounds; each round is one block, and a payer pays at most once per round. */
  rounds?: SeedPayment[][];
}

export interface Seeded {
  communityId: string;
  policy: Policy;
  metadata: CommunityMetadata;
  /** Account id by development account index. */
  accountIds: Map<number, string>;
}

export const SEED_POLICY: Policy = {
  creditLimit: 50_000n,
  positiveCap: 0n,
  joinFeeNanoErg: 100_000_000n,
  collateralNanoErg: 1_000_000_000n,
  maxMembers: 20n,
  inactivityBlocks: 720n,
};
export const SEED_METADATA: CommunityMetadata = { name: "Seeded Shells", symbol: "SHL", description: "History for a browser test.", decimals: 2 };

/** Creates the community, joins the members, makes the payments, and waits until the indexer has it all. */
export async function seedCommunity(stack: E2eStack, options: SeedOptions): Promise<Seeded> {
  const policy = options.policy ?? SEED_POLICY;
  const metadata = options.metadata ?? SEED_METADATA;
  const { communityId } = await stack.lets.createCommunity(devAccount(options.founder ?? 0), policy, metadata);
  await stack.mine();
  for (const index of options.members) await stack.lets.join(communityId, devAccount(index));
  await stack.mine();
  for (const round of options.rounds ?? []) {
    for (const [payer, payee, amountUnits] of round) {
      await stack.lets.pay(communityId, devAccount(payer), [{ member: devAccount(payee), amountUnits }]);
    }
    await stack.mine();
  }
  const view = await stack.lets.community(communityId);
  const accountIds = new Map(
    options.members.map((index) => {
      const account = view.accounts.find((a) => a.owner === ownerOf(devAccount(index)));
      if (!account) throw new Error(`development account ${index} has no account in ${communityId}`);
      return [index, account.accountId] as const;
    }),
  );
  return { communityId, policy, metadata, accountIds };
}
