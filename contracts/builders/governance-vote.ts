/**
 * Vote (docs/governance.md): a member's vote goes into the proposal's list after the vote box with
 * the largest smaller key, which it splits; the proposal and the member's account are only read, so
 * payments go on during a vote.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { GovernanceRefused, InvalidIntent, WrongCommunity } from "../errors.ts";
import { accountKey, voteRegisters, voteShare, type VoteBox, type VoteChoice, CHOICE_CODES, type Proposal } from "../governance/governance.ts";
import type { Account } from "../account/account.ts";
import { MAX_AGE_BLOCKS, VOTE_ERGO_TREE } from "../scripts.ts";
import { requireAccount, type BuildContext } from "./common.ts";
import { requireProposal, requireVote, VOTE_BOX_NANOERG } from "./governance-common.ts";
import { walletPaidTx } from "./line-common.ts";

export interface VoteIntent {
  /** The proposal (read, not spent). */
  proposal: Box<Amount>;
  /** The voter's account (read, not spent); its owner signs. */
  account: Box<Amount>;
  /** The proposal's unspent vote boxes (the list's head and every vote so far); the builder finds the one to split. */
  votes: Box<Amount>[];
  choice: VoteChoice;
}

/** Why `account` may not vote on `proposal` at `height`, or null. */
export function voteBlocker(proposal: Proposal, account: Account, height: number): string | null {
  if (account.communityId !== proposal.communityId) return "the account is of another community";
  if (BigInt(height) >= proposal.endHeight) return `the vote ended at height ${proposal.endHeight}`;
  if (account.terms.joinedHeight + BigInt(MAX_AGE_BLOCKS) >= proposal.openedHeight) {
    return `the account joined at height ${account.terms.joinedHeight}, too late for a proposal opened at ${proposal.openedHeight} (it must have joined before ${proposal.openedHeight - BigInt(MAX_AGE_BLOCKS)})`;
  }
  return null;
}

/** The vote box the account's vote goes after, from a proposal's unspent votes. */
export function predecessorOf(votes: readonly VoteBox[], key: bigint): VoteBox | undefined {
  return votes.find((v) => v.key < key && key < v.next);
}

/**
 * Builds a vote; the voter's wallet pays the new vote box (VOTE_BOX_NANOERG, which later pays for
 * its tally) and the fee. Two votes splitting the same box at once conflict: rebuild from fresh boxes.
 * @example
 * const tx = castVote({ proposal, account, votes, choice: "for" }, { height, wallet });
 */
export function castVote(intent: VoteIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const proposal = requireProposal(intent.proposal);
  const account = requireAccount(intent.account);
  if (!(intent.choice in CHOICE_CODES)) throw new InvalidIntent(`choice: "for", "against" or "abstain", got ${String(intent.choice)}`);
  const subject = `proposal ${proposal.proposalId.slice(0, 12)}…`;
  if (account.communityId !== proposal.communityId) throw new WrongCommunity(account.boxId, proposal.communityId, account.communityId);
  const blocker = voteBlocker(proposal, account, ctx.height);
  if (blocker) throw new GovernanceRefused(subject, "vote", blocker);
  const votes = intent.votes.map(requireVote).filter((v) => v.proposalId === proposal.proposalId);
  const key = accountKey(account.accountId);
  if (votes.some((v) => v.key === key)) throw new GovernanceRefused(subject, "vote", `account ${account.accountId.slice(0, 12)}… has voted already`);
  const before = predecessorOf(votes, key);
  if (!before) throw new GovernanceRefused(subject, "vote", "no vote box of the list spans this account's key: the list given is stale or incomplete");
  const share = voteShare(before.units, before.key, before.next, key);
  if (share === 0n) throw new GovernanceRefused(subject, "vote", "this account's key lies at the very edge of the vote box it would split, whose units are too few to give it a share (a chance of about 2^-62 for hashed ids)");

  const stay = new OutputBuilder(before.valueNanoErg, VOTE_ERGO_TREE)
    .addTokens({ tokenId: proposal.proposalId, amount: before.units - share })
    .setAdditionalRegisters(voteRegisters(before.key, key, before.choice))
    .setCreationHeight(ctx.height);
  const vote = new OutputBuilder(VOTE_BOX_NANOERG, VOTE_ERGO_TREE)
    .addTokens({ tokenId: proposal.proposalId, amount: share })
    .setAdditionalRegisters(voteRegisters(key, before.next, intent.choice))
    .setCreationHeight(ctx.height);
  return walletPaidTx({ inputs: [before.box], outputs: [stay, vote], dataInputs: [proposal.box, account.box] }, ctx, VOTE_BOX_NANOERG);
}
