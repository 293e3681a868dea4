/**
 * Member governance over a node's REST API (docs/governance.md): the governance box of a community
 * (governance script, R5 = communityId), its proposals (proposal script, R6 = communityId) and a
 * proposal's vote boxes (vote script, holding the proposal's token), each decoded; and the plans of
 * the switch, a proposal, a vote, a tally step and the closes. Same two steps as `LetsOverHttp`.
 */
import type { Account } from "../contracts/account/account.ts";
import { switchToMemberGovernance } from "../contracts/builders/governance-switch.ts";
import { propose, type ChangeIntent } from "../contracts/builders/governance-propose.ts";
import { castVote } from "../contracts/builders/governance-vote.ts";
import { tally } from "../contracts/builders/governance-tally.ts";
import { executeProposal, forfeitProposal, refundDeposit } from "../contracts/builders/governance-close.ts";
import {
  decodeGovernance, decodeProposal, decodeVote, type GovernanceBox, type GovernanceRules, type Proposal, type VoteBox, type VoteChoice,
} from "../contracts/governance/governance.ts";
import { GOVERNANCE_ERGO_TREE, PROPOSAL_ERGO_TREE, VOTE_ERGO_TREE } from "../contracts/scripts.ts";
import type { NodeClient } from "../ergo/node-client.ts";
import { ClientError } from "./errors.ts";
import type { Identity, LetsOverHttp, Plan } from "./lets-over-http.ts";

/** No live proposal box has this id (its token id). */
export class UnknownProposal extends ClientError {
  constructor(readonly proposalId: string) {
    super(`no live proposal ${proposalId} on this node (closed, executed, or never opened)`);
  }
}

/** The community has no governance box: its committee decides. */
export class NotGoverned extends ClientError {
  constructor(readonly communityId: string) {
    super(`community ${communityId} has no governance box: its committee decides (switch with 'lets governance switch')`);
  }
}

/** The governance box of `communityId`, or undefined before the switch. */
export async function governanceOf(node: NodeClient, communityId: string): Promise<GovernanceBox | undefined> {
  const boxes = (await node.allUnspentByErgoTree(GOVERNANCE_ERGO_TREE)).flatMap((box) => {
    const d = decodeGovernance(box);
    return d.ok && d.value.communityId === communityId ? [d.value] : [];
  });
  return boxes[0];
}

/** The live proposals of `communityId`, oldest first. */
export async function proposalsOf(node: NodeClient, communityId: string): Promise<Proposal[]> {
  return (await allProposals(node)).filter((p) => p.communityId === communityId).sort((a, b) => Number(a.openedHeight - b.openedHeight));
}

async function allProposals(node: NodeClient): Promise<Proposal[]> {
  return (await node.allUnspentByErgoTree(PROPOSAL_ERGO_TREE)).flatMap((box) => {
    const d = decodeProposal(box);
    return d.ok ? [d.value] : [];
  });
}

/** The live proposal whose token id is `proposalId`; `UnknownProposal` if none. */
export async function proposalById(node: NodeClient, proposalId: string): Promise<Proposal> {
  const found = (await allProposals(node)).find((p) => p.proposalId === proposalId.toLowerCase());
  if (!found) throw new UnknownProposal(proposalId);
  return found;
}

/** The live vote boxes of a proposal (its list's head and every vote not yet counted). */
export async function votesOf(node: NodeClient, proposalId: string): Promise<VoteBox[]> {
  return (await node.allUnspentByErgoTree(VOTE_ERGO_TREE)).flatMap((box) => {
    const d = decodeVote(box);
    return d.ok && d.value.proposalId === proposalId.toLowerCase() ? [d.value] : [];
  });
}

/** Governance over HTTP, on top of a `LetsOverHttp` (its node, wallets and signing). */
export class GovernanceOverHttp {
  constructor(readonly lets: LetsOverHttp) {}

  governance(communityId: string): Promise<GovernanceBox | undefined> {
    return governanceOf(this.lets.node, communityId);
  }

  async requireGovernance(communityId: string): Promise<GovernanceBox> {
    const g = await this.governance(communityId);
    if (!g) throw new NotGoverned(communityId);
    return g;
  }

  proposals(communityId: string): Promise<Proposal[]> {
    return proposalsOf(this.lets.node, communityId);
  }

  proposal(proposalId: string): Promise<Proposal> {
    return proposalById(this.lets.node, proposalId);
  }

  votes(proposalId: string): Promise<VoteBox[]> {
    return votesOf(this.lets.node, proposalId);
  }

  /** The committee switching `communityId` to member governance under `rules`. */
  async planSwitch(committee: Identity, communityId: string, rules: GovernanceRules): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.lets.community(communityId), this.lets.wallet(committee)]);
    return (height) => switchToMemberGovernance({ community: community.box, rules }, { height, wallet });
  }

  /** A member opening a proposal; its wallet pays the deposit. */
  async planPropose(member: Identity, account: Account, change: ChangeIntent, windowBlocks?: bigint): Promise<Plan> {
    const [{ community }, governance, wallet] = await Promise.all([
      this.lets.community(account.communityId), this.requireGovernance(account.communityId), this.lets.wallet(member),
    ]);
    return (height) =>
      propose({ governance: governance.box, community: community.box, account: account.box, change, ...(windowBlocks === undefined ? {} : { windowBlocks }) }, { height, wallet });
  }

  /** A member voting with `account`; the vote boxes are read when the plan is made. */
  async planVote(member: Identity, proposal: Proposal, account: Account, choice: VoteChoice): Promise<Plan> {
    const [votes, wallet] = await Promise.all([this.votes(proposal.proposalId), this.lets.wallet(member)]);
    return (height) => castVote({ proposal: proposal.box, account: account.box, votes: votes.map((v) => v.box), choice }, { height, wallet });
  }

  /** One tally step (no wallet input: the votes' ERG pays the fee; the rest to `rewardAddress`). */
  async planTally(proposal: Proposal, rewardAddress: string, maxVotes?: number): Promise<Plan> {
    const votes = await this.votes(proposal.proposalId);
    return (height) => tally({ proposal: proposal.box, votes: votes.map((v) => v.box), rewardAddress, ...(maxVotes === undefined ? {} : { maxVotes }) }, { height });
  }

  /** Execution of a passed proposal, a refund (or the committee's veto), or a forfeit. */
  async planClose(caller: Identity, proposal: Proposal, how: "execute" | "refund" | "veto" | "forfeit"): Promise<Plan> {
    const [{ community }, wallet] = await Promise.all([this.lets.community(proposal.communityId), this.lets.wallet(caller)]);
    const intent = { proposal: proposal.box, community: community.box };
    return (height) => {
      if (how === "execute") return executeProposal(intent, { height, wallet });
      if (how === "forfeit") return forfeitProposal(intent, { height, wallet });
      return refundDeposit({ ...intent, veto: how === "veto" }, { height, wallet });
    };
  }
}
