/**
 * Member governance from the browser (docs/governance.md, docs/web.md "Governance"), prepared like
 * the other actions: the governance box, a proposal and its votes, the community and the voter's
 * account are read live from the node (never the indexer), each action is judged for the connected
 * key in words, and only then built with the contracts' builders and signed.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { executeProposal, forfeitProposal, refundDeposit } from "$contracts/builders/governance-close.ts";
import { propose, type ChangeIntent } from "$contracts/builders/governance-propose.ts";
import { switchToMemberGovernance } from "$contracts/builders/governance-switch.ts";
import { tally } from "$contracts/builders/governance-tally.ts";
import { castVote, voteBlocker } from "$contracts/builders/governance-vote.ts";
import type { Community } from "$contracts/community/community.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import {
  accountKey, proposalPhase, type GovernanceRules, type Proposal, type ProposalPhase, type VoteBox, type VoteChoice,
} from "$contracts/governance/governance.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { liveGovernance, liveProposal } from "$lib/governance/live.ts";
import { liveAccount, liveCommunity } from "./actions.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** A proposal action the connected key may not take now, with the reason in words. */
export class GovernanceActionRefused extends InvalidIntent {
  constructor(readonly action: GovernanceAction, readonly reason: string) {
    super(`cannot ${ACTION_WORDS[action]}: ${reason}`);
  }
}

export type GovernanceAction = "vote" | "tally" | "execute" | "close" | "veto";
const ACTION_WORDS: Record<GovernanceAction, string> = { vote: "vote", tally: "tally", execute: "carry it out", close: "close it", veto: "veto it" };

/** What the connected key may do on one proposal now: each action's refusal in words, absent when allowed. */
export interface ProposalOptions {
  phase: ProposalPhase;
  /** The wallet's account that would vote, if any. */
  voter: Account | undefined;
  /** Its choice when it voted already (a vote not yet counted). */
  voted: VoteChoice | null;
  committee: boolean;
  refused: Partial<Record<GovernanceAction, string>>;
}

/**
 * Every action's refusal for the wallet at `changeAddress` with `accounts` (its open accounts in
 * the community, live) on `proposal` when the next block is `tipHeight + 1`. Pure.
 */
export function proposalOptions(proposal: Proposal, votes: readonly VoteBox[], community: Community, accounts: readonly Account[], changeAddress: string, tipHeight: number): ProposalOptions {
  const at = tipHeight + 1;
  const phase = proposalPhase(proposal, at);
  const refused: Partial<Record<GovernanceAction, string>> = {};
  const keys = new Map(votes.map((v) => [v.key, v]));
  const voter = accounts.find((a) => !keys.has(accountKey(a.accountId)) && voteBlocker(proposal, a, at) === null) ?? accounts.find((a) => !keys.has(accountKey(a.accountId))) ?? accounts[0];
  const cast = voter ? keys.get(accountKey(voter.accountId)) : undefined;
  if (phase !== "voting") refused.vote = `the vote ended at block ${proposal.endHeight}`;
  else if (!voter) refused.vote = "this wallet has no open account in this community: only members vote";
  else if (cast) refused.vote = `this account voted already (${cast.choice})`;
  else {
    const blocker = voteBlocker(proposal, voter, at);
    if (blocker) refused.vote = blocker;
  }
  if (phase === "voting") refused.tally = `votes are counted once the vote ends at block ${proposal.endHeight}`;
  else if (phase !== "tallying") refused.tally = "every vote is counted";
  if (phase !== "executable") {
    refused.execute = phase === "vetoable" ? `the committee may veto it until block ${proposal.endHeight + proposal.vetoBlocks}` : "only a proposal that passed, after any veto window, is carried out";
  }
  if (phase !== "rejected" && phase !== "no-quorum" && phase !== "expired") refused.close = "only a rejected, failed or expired proposal is closed";
  const committee = community.committee === ownerFromAddress(changeAddress);
  if (!committee) refused.veto = "only the committee vetoes";
  else if (proposal.vetoBlocks === 0n) refused.veto = "members decide alone: the committee has no veto";
  else if (BigInt(at) >= proposal.endHeight + proposal.vetoBlocks) refused.veto = `the veto window ended at block ${proposal.endHeight + proposal.vetoBlocks}`;
  return { phase, voter, voted: cast?.choice ?? null, committee, refused };
}

/** The live proposal, its votes, the community, the wallet's accounts and what the wallet may do. */
export async function proposalState(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string, accountIds: readonly string[]) {
  const [{ proposal, votes }, community, tipHeight, changeAddress] = await Promise.all([
    liveProposal(node, proposalId), liveCommunity(node, communityId), node.height(), wallet.changeAddress(),
  ]);
  const me = ownerFromAddress(changeAddress);
  const accounts = (await Promise.all(accountIds.map((id) => liveAccount(node, communityId, id).catch(() => undefined)))).filter((a): a is Account => a !== undefined && a.owner === me);
  return { proposal, votes, community, tipHeight, options: proposalOptions(proposal, votes, community, accounts, changeAddress, tipHeight) };
}

async function judged(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string, action: GovernanceAction, accountIds: readonly string[] = []) {
  const [ctx, state] = await Promise.all([wallet.buildContext(), proposalState(wallet, node, communityId, proposalId, accountIds)]);
  const reason = state.options.refused[action];
  if (reason) throw new GovernanceActionRefused(action, reason);
  return { ctx, ...state };
}

/** The wallet's account votes `choice`: a new vote box after the one whose gap holds its key. */
export async function prepareVote(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string, accountIds: readonly string[], choice: VoteChoice): Promise<EIP12UnsignedTransaction> {
  const { ctx, proposal, votes, options } = await judged(wallet, node, communityId, proposalId, "vote", accountIds);
  return castVote({ proposal: proposal.box, account: options.voter!.box, votes: votes.map((v) => v.box), choice }, ctx);
}

/** Counts the next votes (up to the builder's default); the votes' ERG pays the fee, the rest to this wallet. */
export async function prepareTally(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, proposal, votes } = await judged(wallet, node, communityId, proposalId, "tally");
  return tally({ proposal: proposal.box, votes: votes.map((v) => v.box), rewardAddress: ctx.wallet.changeAddress }, ctx);
}

/** Carries out a passed proposal: exactly its change on the community box; the wallet pays the fee. */
export async function prepareExecute(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, proposal, community } = await judged(wallet, node, communityId, proposalId, "execute");
  return executeProposal({ proposal: proposal.box, community: community.box }, ctx);
}

/** Closes a rejected proposal (deposit to the proposer) or a failed or expired one (deposit to the treasury). */
export async function prepareClose(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, proposal, community, options } = await judged(wallet, node, communityId, proposalId, "close");
  const intent = { proposal: proposal.box, community: community.box };
  return options.phase === "rejected" ? refundDeposit(intent, ctx) : forfeitProposal(intent, ctx);
}

/** The committee's veto: the deposit back to the proposer, the change never made. */
export async function prepareVeto(wallet: ConnectedWallet, node: NodeClient, communityId: string, proposalId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, proposal, community } = await judged(wallet, node, communityId, proposalId, "veto");
  return refundDeposit({ proposal: proposal.box, community: community.box, veto: true }, ctx);
}

/** A member proposes `change` from its account (its owner is the wallet), paying the deposit. */
export async function preparePropose(
  wallet: ConnectedWallet, node: NodeClient, request: { communityId: string; governanceId: string; accountIds: readonly string[]; change: ChangeIntent; windowBlocks: bigint },
): Promise<{ unsigned: EIP12UnsignedTransaction; proposalId: string }> {
  const [ctx, community, { governance }] = await Promise.all([wallet.buildContext(), liveCommunity(node, request.communityId), liveGovernance(node, request.governanceId)]);
  if (!governance) throw new InvalidIntent("the community's governance box is not on the node");
  const me = ownerFromAddress(ctx.wallet.changeAddress);
  const accounts = await Promise.all(request.accountIds.map((id) => liveAccount(node, request.communityId, id).catch(() => undefined)));
  const account = accounts.find((a) => a?.owner === me);
  if (!account) throw new InvalidIntent("this wallet has no open account in this community: only members propose");
  const unsigned = propose({ governance: governance.box, community: community.box, account: account.box, change: request.change, windowBlocks: request.windowBlocks }, ctx);
  return { unsigned, proposalId: governance.boxId };
}

/** The committee's switch to member governance, for ever; the committee's key must be this wallet's. */
export async function prepareSwitch(wallet: ConnectedWallet, node: NodeClient, communityId: string, rules: GovernanceRules): Promise<EIP12UnsignedTransaction> {
  const [ctx, community] = await Promise.all([wallet.buildContext(), liveCommunity(node, communityId)]);
  if (community.committee !== ownerFromAddress(ctx.wallet.changeAddress)) {
    throw new InvalidIntent("only the committee switches, and this wallet's key is not the committee (a k-of-n committee signs with the CLI)");
  }
  return switchToMemberGovernance({ community: community.box, rules }, ctx);
}
