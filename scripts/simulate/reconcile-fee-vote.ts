/**
 * The fee vote against the chain (docs/simulate.md, "Members vote on a fee change"): the counts on
 * the tallied proposal against the ballots the simulator cast, the seats against the open accounts,
 * the verdict against the contract's rule applied to those ballots, the community box's join fee
 * after the vote, the proposal closed, and the fee the newcomer paid. The indexer serves no
 * governance routes yet, so the chain alone is read.
 */
import { proposalsOf } from "../../client/governance.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { hasMajority, reachesQuorum, type VoteCounts } from "../../contracts/index.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { FeeVoteRun } from "./chain/fee-vote.ts";
import type { Check } from "./reconcile.ts";
import type { FeeVoteSpec } from "./scenario-fee-vote.ts";

/** The counts the ballots make. */
export function ballotCounts(run: Pick<FeeVoteRun, "ballots">): VoteCounts {
  const count = (choice: string) => BigInt(run.ballots.filter((b) => b.choice === choice).length);
  return { for: count("for"), against: count("against"), abstain: count("abstain") };
}

/** What the ballots should have decided under the spec's rules. */
export function expectedVerdict(run: FeeVoteRun, spec: FeeVoteSpec): { quorum: boolean; majority: boolean; executed: boolean } {
  const p = { counts: ballotCounts(run), seats: BigInt(run.openAccounts), quorumPpm: spec.quorumPpm, majorityPpm: spec.majorityPpm };
  const quorum = reachesQuorum(p);
  const majority = hasMajority(p);
  return { quorum, majority, executed: quorum && majority };
}

export async function feeVoteChainCheck(node: NodeClient, communityId: string, run: FeeVoteRun, spec: FeeVoteSpec): Promise<Check> {
  const differences: string[] = [];
  const differ = (what: string, chain: unknown, expected: unknown) => {
    if (String(chain) !== String(expected)) differences.push(`${what}: chain ${String(chain)}, simulator ${String(expected)}`);
  };
  const { outcome } = run;
  const counts = ballotCounts(run);
  for (const k of ["for", "against", "abstain"] as const) differ(`votes ${k}`, outcome.counts[k], counts[k]);
  differ("seats", outcome.seats, run.openAccounts);
  const verdict = expectedVerdict(run, spec);
  differ("quorum reached", outcome.quorumReached, verdict.quorum);
  differ("majority reached", outcome.majorityReached, verdict.majority);
  differ("executed", outcome.executed, verdict.executed);
  const fee = verdict.executed ? spec.joinFeeNanoErg : outcome.joinFeeBeforeNanoErg;
  const { community } = await new LetsOverHttp(node).community(communityId);
  differ("join fee after the vote", community.policy.joinFeeNanoErg, fee);
  differ("the newcomer's join fee", outcome.newcomerPaidNanoErg, fee);
  if (community.governanceId === null) differences.push("the community box has no governance id (R8) after the switch");
  if ((await proposalsOf(node, communityId)).some((p) => p.proposalId === outcome.proposalId)) differences.push(`proposal ${outcome.proposalId} is still live after closing`);
  return { name: "fee vote (chain)", ok: differences.length === 0, differences };
}
