/**
 * Tally (docs/governance.md): anyone counts the next votes of a proposal's list, in key order from
 * its cursor, and burns their units. Every sequence of tallies counts each vote exactly once, so the
 * result does not depend on who runs them or how they are cut. The votes' ERG pays the fee; the
 * rest goes to whoever runs it.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { GovernanceRefused, InvalidIntent } from "../errors.ts";
import { GOVERNANCE_KEY_MAX, isCounted, proposalRegisters, type Proposal, type VoteBox, type VoteCounts } from "../governance/governance.ts";
import { GOVERNANCE_EXEC_BLOCKS } from "../scripts.ts";
import { DEFAULT_FEE, finish, totalValue, type BuildContext } from "./common.ts";
import { requireProposal, requireVote } from "./governance-common.ts";

/**
 * Votes counted in one tally transaction unless told otherwise: 376 reach the node's cost limit of
 * 1,000,000 per transaction (docs/benchmarks.md), so 300 leave room.
 */
export const DEFAULT_TALLY_VOTES = 300;

export interface TallyIntent {
  proposal: Box<Amount>;
  /** The proposal's unspent vote boxes, in any order (the builder walks the list). */
  votes: Box<Amount>[];
  /** Where the votes' ERG beyond the fee goes. */
  rewardAddress: string;
  /** At most this many votes in this transaction (default DEFAULT_TALLY_VOTES). */
  maxVotes?: number;
}

/** The next `max` votes to count, in list order from the proposal's cursor. */
export function nextToCount(proposal: Proposal, votes: readonly VoteBox[], max: number): VoteBox[] {
  const byKey = new Map(votes.filter((v) => v.proposalId === proposal.proposalId).map((v) => [v.key, v]));
  const chunk: VoteBox[] = [];
  let key = proposal.cursor;
  while (chunk.length < max && key !== GOVERNANCE_KEY_MAX) {
    const v = byKey.get(key);
    if (!v) throw new GovernanceRefused(`proposal ${proposal.proposalId.slice(0, 12)}…`, "tally", `the vote box with key ${key.toString(16)} is not among the votes given`);
    chunk.push(v);
    key = v.next;
  }
  return chunk;
}

/** The counts after counting `chunk`. */
export function countsAfter(counts: VoteCounts, chunk: readonly VoteBox[]): VoteCounts {
  const next = { ...counts };
  for (const v of chunk) if (v.choice !== null) next[v.choice] += 1n;
  return next;
}

/**
 * Builds one tally step; no signature is needed.
 * @example
 * const tx = tally({ proposal, votes, rewardAddress }, { height });
 */
export function tally(intent: TallyIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const proposal = requireProposal(intent.proposal);
  const subject = `proposal ${proposal.proposalId.slice(0, 12)}…`;
  const max = intent.maxVotes ?? DEFAULT_TALLY_VOTES;
  if (!Number.isInteger(max) || max < 1) throw new InvalidIntent("maxVotes: a whole number from 1");
  if (isCounted(proposal)) throw new GovernanceRefused(subject, "tally", "every vote is counted");
  if (BigInt(ctx.height) < proposal.endHeight) throw new GovernanceRefused(subject, "tally", `the vote runs until height ${proposal.endHeight}`);
  const deadline = proposal.endHeight + proposal.vetoBlocks + BigInt(GOVERNANCE_EXEC_BLOCKS);
  if (BigInt(ctx.height) >= deadline) throw new GovernanceRefused(subject, "tally", `its deadline (height ${deadline}) has passed; it can only be closed`);
  const chunk = nextToCount(proposal, intent.votes.map(requireVote), max);
  const last = chunk[chunk.length - 1]!;
  const r = proposal.box.additionalRegisters;
  const registers = {
    ...proposalRegisters({ ...proposal, counts: countsAfter(proposal.counts, chunk) }, last.next, proposal.communityId, proposal.proposer),
    // copied byte for byte: the contract compares them
    R8: r.R8!, R9: r.R9!,
  };
  const next = new OutputBuilder(proposal.depositNanoErg, proposal.box.ergoTree)
    .addTokens(proposal.box.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })))
    .setAdditionalRegisters(registers)
    .setCreationHeight(ctx.height);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const inputs = [proposal.box, ...chunk.map((v) => v.box)];
  const builder = new TransactionBuilder(ctx.height)
    .from(inputs, { ensureInclusion: true })
    .to(next)
    .burnTokens([{ tokenId: proposal.proposalId, amount: chunk.reduce((sum, v) => sum + v.units, 0n) }])
    .sendChangeTo(intent.rewardAddress)
    .payFee(fee);
  return finish(builder, totalValue(inputs) - proposal.depositNanoErg, fee);
}
