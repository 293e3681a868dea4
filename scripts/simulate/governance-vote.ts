/**
 * A member-governance story on a devnet (docs/simulate.md, "Members vote on a fee change"): the
 * committee switches the community to member governance, a member proposes a lower join fee, the
 * members vote as the scenario says (for, against, abstain, or not at all), blocks pass, a stranger
 * tallies and executes, and a newcomer joins paying the new fee. Every step goes through the client
 * and the governance builders; the outcome is read back from the chain.
 */
import { GovernanceOverHttp } from "../../client/governance.ts";
import type { KeyHolder, LetsOverHttp } from "../../client/lets-over-http.ts";
import { hasMajority, isCounted, MAX_AGE_BLOCKS, proposalPhase, reachesQuorum, type GovernanceRules, type ProposalPhase, type VoteChoice, type VoteCounts } from "../../contracts/index.ts";

export interface FeeVoteSpec {
  rules: GovernanceRules;
  /** The join fee the proposal asks for. */
  newJoinFeeNanoErg: bigint;
  /** Blocks the vote runs. */
  windowBlocks: bigint;
  /** Each member's vote, in order; null: the member does not vote. The first member proposes. */
  votes: (VoteChoice | null)[];
}

export interface FeeVoteParties {
  lets: LetsOverHttp;
  communityId: string;
  committee: KeyHolder;
  /** Members already in the community (as many as `votes`). */
  members: KeyHolder[];
  /** Someone who tallies and executes or forfeits (need not be a member). */
  stranger: KeyHolder;
  /** Joins after the vote. */
  newcomer: KeyHolder;
  /** Mines `blocks` blocks (the devnet mines on demand). */
  mine: (blocks: number) => Promise<unknown>;
}

export interface FeeVoteOutcome {
  proposalId: string;
  counts: VoteCounts;
  seats: bigint;
  phaseAfterTally: ProposalPhase;
  quorumReached: boolean;
  majorityReached: boolean;
  executed: boolean;
  /** How the proposal was closed: executed, the deposit refunded (rejected) or forfeited (no quorum). */
  closedBy: "execute" | "refund" | "forfeit";
  closeTxId: string;
  /** Heights: the switch's, the proposal's opening and its end (from its registers). */
  switchHeight: number;
  openedHeight: bigint;
  endHeight: bigint;
  joinFeeBeforeNanoErg: bigint;
  joinFeeAfterNanoErg: bigint;
  /** What the newcomer's join added to the treasury: the fee it paid. */
  newcomerPaidNanoErg: bigint;
  tallySteps: number;
  /** Each tally step's transaction and the height of the block it went into. */
  tallies: { txId: string; height: number }[];
}

/** Runs the story; refusals from the builders propagate (the story is meant to succeed). */
export async function voteOnFee(parties: FeeVoteParties, spec: FeeVoteSpec): Promise<FeeVoteOutcome> {
  const { lets, communityId, mine } = parties;
  if (spec.votes.length !== parties.members.length) throw new Error(`votes: one per member (${parties.members.length}), got ${spec.votes.length}`);
  const gov = new GovernanceOverHttp(lets);
  const before = (await lets.community(communityId)).community;
  // Only accounts older than maxAgeBlocks when a proposal opens may vote on it.
  await mine(MAX_AGE_BLOCKS + 2);
  await lets.submit(parties.committee, await gov.planSwitch(parties.committee, communityId, spec.rules));
  await mine(1);
  const switchHeight = (await lets.tip()).height;

  const proposer = parties.members[0]!;
  const proposerAccount = await lets.account(communityId, proposer);
  const proposed = await lets.submit(proposer, await gov.planPropose(proposer, proposerAccount, { kind: "policy", policy: { joinFeeNanoErg: spec.newJoinFeeNanoErg } }, spec.windowBlocks));
  const proposalId = proposed.unsigned.inputs[0]!.boxId;
  await mine(1);

  for (const [i, choice] of spec.votes.entries()) {
    if (choice === null) continue;
    const member = parties.members[i]!;
    const proposal = await gov.proposal(proposalId);
    await lets.submit(member, await gov.planVote(member, proposal, await lets.account(communityId, member), choice));
    await mine(1);
  }

  let proposal = await gov.proposal(proposalId);
  const { height } = await lets.tip();
  if (BigInt(height) + 1n < proposal.endHeight) await mine(Number(proposal.endHeight) - height);
  const tallies: { txId: string; height: number }[] = [];
  while (!isCounted(proposal)) {
    const step = await lets.submit(parties.stranger, await gov.planTally(proposal, parties.stranger.address));
    await mine(1);
    tallies.push({ txId: step.id, height: (await lets.tip()).height });
    proposal = await gov.proposal(proposalId);
  }
  const phaseAfterTally = proposalPhase(proposal, (await lets.tip()).height + 1);
  const executed = phaseAfterTally === "executable";
  const closedBy = executed ? "execute" : phaseAfterTally === "rejected" ? "refund" : "forfeit";
  // The proposer takes its deposit back; anyone else executes or forfeits.
  const closer = closedBy === "refund" ? proposer : parties.stranger;
  const closed = await lets.submit(closer, await gov.planClose(closer, proposal, closedBy));
  await mine(1);

  const after = (await lets.community(communityId)).community;
  await lets.join(communityId, parties.newcomer);
  await mine(1);
  const joined = (await lets.community(communityId)).community;
  return {
    proposalId,
    counts: proposal.counts,
    seats: proposal.seats,
    phaseAfterTally,
    quorumReached: reachesQuorum(proposal),
    majorityReached: hasMajority(proposal),
    executed,
    closedBy,
    closeTxId: closed.id,
    switchHeight,
    openedHeight: proposal.openedHeight,
    endHeight: proposal.endHeight,
    joinFeeBeforeNanoErg: before.policy.joinFeeNanoErg,
    joinFeeAfterNanoErg: after.policy.joinFeeNanoErg,
    newcomerPaidNanoErg: joined.treasuryNanoErg - after.treasuryNanoErg,
    tallySteps: tallies.length,
    tallies,
  };
}
