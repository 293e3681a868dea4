/**
 * Test helper: member governance's history (contract version 9, docs/governance.md) on a real chain
 * of the builders, both interpreters judging every transaction, each kept as a block at the height
 * it went in and replayed through the LETS sync. Five members (alice, bob, carol, dave, erin); the
 * committee switched the community with the test rules (quorum and majority half, no veto):
 * - `fee`: alice proposes a join fee of 0; bob and alice for, carol against, dave abstains; tallied
 *   in 3 steps of 2; executed;
 * - `pay`: bob proposes paying him 0.005 ERG from the treasury; bob for, carol and dave against
 *   (quorum, no majority); tallied in one step; bob takes his deposit back (refunded);
 * - `meta`: carol proposes new metadata; erin alone votes for (no quorum); tallied; forfeited;
 * - `open`: dave proposes a new committee; erin votes against; left open, its vote uncounted.
 */
import type { SignedTransaction } from "@fleet-sdk/common";
import type { Proposal } from "../../contracts/governance/governance.ts";
import { GovernanceFixture } from "../../contracts/testing/governance-fixture.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, Replay } from "./block-testing.ts";
import type { BlockChanges } from "./lets-events.ts";

/** Where a transaction of the history went. */
export interface Site {
  txId: string;
  height: number;
}

/** A governance fixture whose transactions are blocks. */
export class GovernanceChain {
  readonly f = new GovernanceFixture();
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];
  readonly changes: BlockChanges[] = [];
  private recorded = 0;

  constructor() {
    // Everything before the fixture's closing mine went in one transaction a block from 1,001.
    const setup = this.f.world.submitted;
    setup.forEach((tx, i) => this.recordAt(tx, 1_001 + i));
    this.recorded = setup.length;
  }

  /** The switch's transaction (the fixture's last before it mined). */
  get switchSite(): Site {
    const block = this.blocks[this.recorded - 1]!;
    return { txId: block.transactions[0]!.id, height: block.header.height };
  }

  /** Runs fixture steps, keeps each transaction they submitted as its own block, and returns the sites. */
  steps(run: () => void): Site[] {
    run();
    const fresh = this.f.world.submitted.slice(this.recorded);
    this.recorded += fresh.length;
    // Each submit mined one block: the last went in at the world's height.
    return fresh.map((tx, i) => this.recordAt(tx, this.f.world.height - (fresh.length - 1 - i)));
  }

  /** Runs one fixture step that submits exactly one transaction. */
  step(run: () => void): Site {
    const sites = this.steps(run);
    if (sites.length !== 1) throw new Error(`a step submits one transaction, this one ${sites.length}`);
    return sites[0]!;
  }

  private recordAt(tx: SignedTransaction, height: number): Site {
    const block = blockOf(height, chainTx(tx));
    this.blocks.push(block);
    this.changes.push(this.replay.applyBlock(block));
    return { txId: tx.id, height };
  }
}

/** The whole history, with the proposals, sites and values the specs check. */
export function governanceHistory() {
  const c = new GovernanceChain();
  const { f } = c;
  const switched = c.switchSite;
  let proposal: Proposal | undefined;
  const open = (run: () => Proposal): { proposal: Proposal; site: Site } => {
    const site = c.step(() => {
      proposal = run();
    });
    return { proposal: proposal!, site };
  };

  const fee = open(() => f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } }));
  const pay = open(() => f.propose("bob", { kind: "treasury", amountNanoErg: 5_000_000n, recipient: f.member("bob").address }));
  const meta = open(() => f.propose("carol", { kind: "metadata", metadata: { ...TEST_METADATA, description: "decided by its members" } }));
  const feeVotes = [
    c.step(() => f.vote("bob", fee.proposal.proposalId, "for")),
    c.step(() => f.vote("alice", fee.proposal.proposalId, "for")),
    c.step(() => f.vote("carol", fee.proposal.proposalId, "against")),
    c.step(() => f.vote("dave", fee.proposal.proposalId, "abstain")),
  ];
  const payVotes = [
    c.step(() => f.vote("bob", pay.proposal.proposalId, "for")),
    c.step(() => f.vote("carol", pay.proposal.proposalId, "against")),
    c.step(() => f.vote("dave", pay.proposal.proposalId, "against")),
  ];
  const metaVote = c.step(() => f.vote("erin", meta.proposal.proposalId, "for"));

  f.endVote(meta.proposal.proposalId);
  const feeTally = c.steps(() => f.tallyAll(fee.proposal.proposalId, 2));
  const payTally = c.steps(() => f.tallyAll(pay.proposal.proposalId));
  const metaTally = c.steps(() => f.tallyAll(meta.proposal.proposalId));
  const treasuryBeforeForfeit = f.community().treasuryNanoErg;
  const feeExecuted = c.step(() => f.world.submit(f.executeTx(fee.proposal.proposalId), [f.committee]));
  const payRefunded = c.step(() => f.world.submit(f.refundTx(pay.proposal.proposalId, f.member("bob")), [f.member("bob")]));
  const metaForfeited = c.step(() => f.world.submit(f.forfeitTx(meta.proposal.proposalId), [f.committee]));

  const newCommittee = f.member("dave").owner;
  const left = open(() => f.propose("dave", { kind: "committee", committee: newCommittee }));
  const leftVote = c.step(() => f.vote("erin", left.proposal.proposalId, "against"));

  return {
    c, f, switched, fee, pay, meta, left, newCommittee, feeVotes, payVotes, metaVote, leftVote, feeTally, payTally, metaTally,
    feeExecuted, payRefunded, metaForfeited, treasuryBeforeForfeit,
  };
}

export type GovernanceHistory = ReturnType<typeof governanceHistory>;
