/** Member governance in plain words for `lets proposal(s)`: the phase, the counts, the quorum needed, the change. */
import { executionWindow, policyFromValues, proposalPhase, short, type Community, type Proposal, type ProposalPhase } from "../../../contracts/index.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { formatErg } from "./amounts.ts";
import { committeeInWords, policyInWords } from "./describe.ts";

const PHASE_WORDS: Record<ProposalPhase, string> = {
  voting: "voting: members vote until the end height",
  tallying: "tallying: the vote is over, anyone may count the votes ('lets tally')",
  vetoable: "passed; the committee may still veto it, execution waits",
  executable: "passed: anyone may carry it out ('lets execute')",
  rejected: "rejected: the proposer may take the deposit back ('lets proposal close')",
  "no-quorum": "missed its quorum: anyone may close it, the deposit goes to the treasury ('lets proposal close')",
  expired: "expired: it can only be closed, the deposit goes to the treasury ('lets proposal close')",
};

/** Votes needed for the quorum: the least n with n * 1e6 >= quorumPpm * seats. */
export const quorumVotes = (p: Proposal): bigint => (p.quorumPpm * p.seats + 999_999n) / 1_000_000n;

/** The change a proposal would make, before -> after against the community as it is now. */
export function changeInWords(p: Proposal, community: Community, network: NetworkName): string[] {
  const c = p.change;
  switch (c.kind) {
    case "policy": {
      const before = policyInWords(community.policy, community.metadata);
      const after = policyInWords(policyFromValues(c.policy), community.metadata);
      const lines = after.flatMap((rule, i) => (rule === before[i] ? [] : [`${before[i]} -> ${rule}`]));
      return lines.length > 0 ? lines : ["the policy as it is now (no rule changes)"];
    }
    case "metadata": return [`metadata -> ${Buffer.from(c.metadataHex, "hex").toString("utf8")}`];
    case "committee": return [`committee: ${committeeInWords(community.committee, network)} -> ${committeeInWords(c.committee, network)}`];
    case "treasury": return [`pay ${formatErg(c.amountNanoErg)} of the treasury's ${formatErg(community.treasuryNanoErg)} to the script ${short(c.recipientErgoTree)}`];
  }
}

/** A proposal's lines at `height`. */
export function proposalLines(p: Proposal, height: number, community: Community, network: NetworkName): string[] {
  const phase = proposalPhase(p, height);
  const { from, until } = executionWindow(p);
  const cast = p.counts.for + p.counts.against + p.counts.abstain;
  return [
    `proposal ${p.proposalId}`,
    ...changeInWords(p, community, network).map((line) => `  change: ${line}`),
    `  phase: ${PHASE_WORDS[phase]}`,
    `  opened at ${p.openedHeight}, votes until ${p.endHeight}, executable from ${from} until ${until} (height now ${height})`,
    `  counted: ${p.counts.for} for, ${p.counts.against} against, ${p.counts.abstain} abstain; ${cast} of ${quorumVotes(p)} needed for the quorum (${p.seats} seats)`,
    `  majority: for must exceed ${Number(p.majorityPpm) / 10_000}% of for + against; deposit ${formatErg(p.depositNanoErg)}`,
  ];
}
