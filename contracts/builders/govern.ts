/** Govern: the committee changes the policy for future joins, itself, the metadata, or withdraws. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { keysProblem } from "../committee.ts";
import { communityRegisters, type CommunityMetadata, type Policy } from "../community/community.ts";
import { GovernanceRefused, InvalidIntent, InvalidPolicy, TreasuryBelowFloor } from "../errors.ts";
import { communityFloorNanoErg } from "../storage-rent.ts";
import { communitySuccessor, spendCommunityAlone } from "./community-successor.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { checkMetadata, checkPolicy } from "./policy.ts";
import type { Economics } from "../economics.ts";

/** What the committee changes; anything left out stays as it is. */
export interface GovernIntent {
  community: Box<Amount>;
  /** Levers of an economics community may change too (for future joins); a plain community gains none. */
  policy?: Partial<Omit<Policy, "maxMembers" | "economics">> & { economics?: Partial<Economics> };
  committee?: string;
  metadata?: CommunityMetadata;
  /** Treasury ERG to send to the wallet's change address; the treasury keeps its storage-rent floor. */
  withdrawNanoErg?: bigint;
  /**
   * ERG from the wallet into the treasury. Whatever the new rules' floor needs beyond the treasury
   * (a larger committee or longer metadata, or after storage rent took a fee) is added anyway.
   */
  depositNanoErg?: bigint;
}

/**
 * Builds a governance transaction; the committee of the spent community box must sign it.
 * @example
 * const tx = govern({ community, policy: { creditLimit: 800n } }, { height, wallet });
 */
export function govern(intent: GovernIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.governanceId !== null) {
    throw new GovernanceRefused(`community ${community.communityId}`, "govern by its committee", "its members decide by vote since the switch (propose the change instead; docs/governance.md)");
  }
  if (intent.policy && "maxMembers" in intent.policy) {
    throw new InvalidPolicy("maxMembers", "is fixed at creation by the token supply");
  }
  const { economics: levers, ...base } = intent.policy ?? {};
  if (levers && !community.policy.economics) {
    throw new InvalidPolicy("economics", "a community created without economics levers cannot gain them (its accounts use the plain contracts)");
  }
  const policy: Policy = { ...community.policy, ...base };
  if (levers && community.policy.economics) policy.economics = { ...community.policy.economics, ...levers };
  checkPolicy(policy);
  const metadata = intent.metadata ?? community.metadata;
  if (intent.metadata) checkMetadata(metadata);
  const committee = intent.committee ?? community.committee;
  const problem = keysProblem(committee);
  if (problem) throw new InvalidIntent(`committee ${problem}`);
  const withdraw = intent.withdrawNanoErg ?? 0n;
  const deposit = intent.depositNanoErg ?? 0n;
  if (withdraw < 0n || deposit < 0n) throw new InvalidIntent("withdrawNanoErg and depositNanoErg cannot be negative");
  if (withdraw > 0n && deposit > 0n) throw new InvalidIntent("withdraw or deposit, not both");
  const requested = community.treasuryNanoErg + deposit - withdraw;

  const registers = communityRegisters({ ...community, policy, committee, metadata });
  if (!intent.metadata) registers.R6 = community.box.additionalRegisters.R6 as string;
  const floor = communityFloorNanoErg(registers, community.box.ergoTree);
  if (requested < floor && withdraw > 0n) throw new TreasuryBelowFloor(floor, requested);
  // Rules that take more bytes (a larger committee, longer metadata) raise the floor, and storage
  // rent may have taken a fee from an untouched box: the wallet pays whatever is missing.
  const topUp = requested < floor ? floor - requested : 0n;
  const treasury = requested + topUp;
  const successor = communitySuccessor(
    community,
    { treasuryNanoErg: treasury, units: community.seatsLeft + 1n, registers, governed: true },
    ctx.height,
  );
  return spendCommunityAlone(community, successor, ctx, { receivedNanoErg: withdraw, paidNanoErg: deposit + topUp });
}
