/**
 * The fee vote's figures for summary.json and the command's line (docs/simulate.md, "Members vote
 * on a fee change"): the proposal, the ballots and the counts on chain, quorum and majority, how it
 * closed, the join fee before and after, the tally's transactions and blocks, and whether it
 * reconciled with the chain and, where one ran and served governance, the indexer.
 */
import { formatErg } from "../scenario-fields.ts";
import type { SimulationResult } from "../run.ts";
import { memberName } from "../member-name.ts";

const text = (n: bigint) => n.toString();

/** The fee vote's summary, or null for a run without one. */
export function feeVoteSummary(result: SimulationResult) {
  const run = result.feeVote;
  if (!run) return null;
  const o = run.outcome;
  const check = result.reconciliation.checks.find((c) => c.name === "fee vote (chain)");
  const indexed = result.reconciliation.checks.find((c) => c.name === "fee vote (indexer)");
  return {
    proposalId: o.proposalId,
    proposer: memberName(run.proposer),
    proposedJoinFeeNanoErg: text(result.scenario.feeVote!.joinFeeNanoErg),
    windowBlocks: text(run.windowBlocks),
    /** Members with an open account (all eligible), those who voted and the seats on the proposal. */
    members: run.ballots.length,
    voted: run.ballots.filter((b) => b.choice !== null).length,
    seats: text(o.seats),
    counts: { for: text(o.counts.for), against: text(o.counts.against), abstain: text(o.counts.abstain) },
    quorumReached: o.quorumReached,
    majorityReached: o.majorityReached,
    executed: o.executed,
    /** "execute", "refund" (rejected: the deposit back) or "forfeit" (no quorum). */
    closedBy: o.closedBy,
    closeTxId: o.closeTxId,
    joinFeeBeforeNanoErg: text(o.joinFeeBeforeNanoErg),
    joinFeeAfterNanoErg: text(o.joinFeeAfterNanoErg),
    newcomerPaidNanoErg: text(o.newcomerPaidNanoErg),
    heights: { switch: o.switchHeight, opened: Number(o.openedHeight), end: Number(o.endHeight) },
    tallySteps: o.tallySteps,
    tallies: o.tallies,
    reconciled: (check?.ok ?? false) && (indexed?.ok ?? true),
    indexerChecked: indexed !== undefined,
  };
}

export type FeeVoteSummary = NonNullable<ReturnType<typeof feeVoteSummary>>;

/** The command's line. */
export function feeVoteLine(v: FeeVoteSummary): string {
  const c = v.counts;
  const verdict = v.executed ? "executed" : v.closedBy === "refund" ? "rejected (deposit refunded)" : "no quorum (deposit forfeited)";
  return `fee vote: proposal ${v.proposalId.slice(0, 12)}… for a join fee of ${formatErg(BigInt(v.proposedJoinFeeNanoErg))} ERG; ${v.voted} of ${v.seats} seats voted (${c.for} for, ${c.against} against, ${c.abstain} abstain), quorum ${v.quorumReached ? "reached" : "missed"}, majority ${v.majorityReached ? "reached" : "missed"}: ${verdict}; join fee ${formatErg(BigInt(v.joinFeeBeforeNanoErg))} → ${formatErg(BigInt(v.joinFeeAfterNanoErg))} ERG; ${v.tallySteps} tally steps; reconciled with the chain${v.indexerChecked ? " and the indexer" : ""} ${v.reconciled ? "yes" : "NO"}`;
}
