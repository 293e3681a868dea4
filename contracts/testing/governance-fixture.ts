/** A plain community that decides by member vote, in a test world (docs/governance.md). */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { executeProposal, forfeitProposal, refundDeposit } from "../builders/governance-close.ts";
import { propose, type ChangeIntent } from "../builders/governance-propose.ts";
import { switchToMemberGovernance } from "../builders/governance-switch.ts";
import { tally } from "../builders/governance-tally.ts";
import { castVote } from "../builders/governance-vote.ts";
import {
  decodeGovernance, decodeProposal, decodeVote, type GovernanceBox, type GovernanceRules, type Proposal, type VoteBox, type VoteChoice,
} from "../governance/governance.ts";
import { MAX_AGE_BLOCKS } from "../scripts.ts";
import { Fixture } from "./community-fixture.ts";
import type { Policy } from "../community/community.ts";
import type { Member } from "./world.ts";

/** Rules tests start from: quorum half the seats, a simple majority, 0.1 ERG deposit, 10..100 block windows, no veto. */
export const TEST_RULES: GovernanceRules = {
  quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: 100_000_000n,
  minWindowBlocks: 10n, maxWindowBlocks: 100n, vetoBlocks: 0n,
};

export class GovernanceFixture extends Fixture {
  constructor(opts: { members?: string[]; rules?: Partial<GovernanceRules>; policy?: Policy } = {}) {
    super({ members: opts.members ?? ["alice", "bob", "carol", "dave", "erin"], ...(opts.policy ? { policy: opts.policy } : {}) });
    const tx = switchToMemberGovernance({ community: this.communityBox(), rules: { ...TEST_RULES, ...opts.rules } }, this.ctx(this.committee));
    this.world.submit(tx, [this.committee]);
    // members must have joined before a proposal opens, by more than a join may be back-dated
    this.world.mine(MAX_AGE_BLOCKS + 1);
  }

  ctx(by: Member) {
    return { height: this.world.height, wallet: this.world.wallet(by) };
  }

  governance(): GovernanceBox {
    for (const b of this.world.utxos.values()) {
      const d = decodeGovernance(b);
      if (d.ok && d.value.communityId === this.communityId) return d.value;
    }
    throw new Error("no governance box");
  }

  proposal(proposalId: string): Proposal {
    for (const b of this.world.utxos.values()) {
      const d = decodeProposal(b);
      if (d.ok && d.value.proposalId === proposalId) return d.value;
    }
    throw new Error(`no live proposal ${proposalId}`);
  }

  votes(proposalId: string): VoteBox[] {
    return [...this.world.utxos.values()].flatMap((b) => {
      const d = decodeVote(b);
      return d.ok && d.value.proposalId === proposalId ? [d.value] : [];
    });
  }

  /** The transaction of `name`'s proposal (not submitted). */
  proposeTx(name: string, change: ChangeIntent, windowBlocks?: bigint): EIP12UnsignedTransaction {
    return propose(
      { governance: this.governance().box, community: this.communityBox(), account: this.account(name).box, change, ...(windowBlocks ? { windowBlocks } : {}) },
      this.ctx(this.member(name)),
    );
  }

  /** `name` proposes `change`; returns the proposal. */
  propose(name: string, change: ChangeIntent, windowBlocks?: bigint): Proposal {
    const done = this.world.submit(this.proposeTx(name, change, windowBlocks), [this.member(name)]);
    return this.decodeProposal(done.outputs[1]!);
  }

  voteTx(name: string, proposalId: string, choice: VoteChoice): EIP12UnsignedTransaction {
    const p = this.proposal(proposalId);
    return castVote(
      { proposal: p.box, account: this.account(name).box, votes: this.votes(proposalId).map((v) => v.box), choice },
      this.ctx(this.member(name)),
    );
  }

  vote(name: string, proposalId: string, choice: VoteChoice): void {
    this.world.submit(this.voteTx(name, proposalId, choice), [this.member(name)]);
  }

  /** Mines to the end of the vote. */
  endVote(proposalId: string): void {
    const p = this.proposal(proposalId);
    const blocks = Number(p.endHeight) - this.world.height;
    if (blocks > 0) this.world.mine(blocks);
  }

  tallyTx(proposalId: string, maxVotes?: number): EIP12UnsignedTransaction {
    const p = this.proposal(proposalId);
    return tally(
      { proposal: p.box, votes: this.votes(proposalId).map((v) => v.box), rewardAddress: this.committee.address, ...(maxVotes ? { maxVotes } : {}) },
      { height: this.world.height },
    );
  }

  /** Tallies in steps of `maxVotes` until every vote is counted; returns the number of steps. */
  tallyAll(proposalId: string, maxVotes?: number): number {
    let steps = 0;
    while (this.proposal(proposalId).cursor !== 2n ** 192n) {
      this.world.submit(this.tallyTx(proposalId, maxVotes), []);
      steps += 1;
    }
    return steps;
  }

  executeTx(proposalId: string, by: Member = this.committee): EIP12UnsignedTransaction {
    return executeProposal({ proposal: this.proposal(proposalId).box, community: this.communityBox() }, this.ctx(by));
  }

  refundTx(proposalId: string, by: Member, veto = false): EIP12UnsignedTransaction {
    return refundDeposit({ proposal: this.proposal(proposalId).box, community: this.communityBox(), veto }, this.ctx(by));
  }

  forfeitTx(proposalId: string, by: Member = this.committee): EIP12UnsignedTransaction {
    return forfeitProposal({ proposal: this.proposal(proposalId).box, community: this.communityBox() }, this.ctx(by));
  }

  decodeProposal(box: Box<string>): Proposal {
    const d = decodeProposal(box);
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }
}
