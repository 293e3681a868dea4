/**
 * The fee vote against the chain (docs/simulate.md, "Members vote on a fee change"): the counts on
 * the tallied proposal against the ballots the simulator cast, the seats against the open accounts,
 * the verdict against the contract's rule applied to those ballots, the community box's join fee
 * after the vote, the proposal closed, and the fee the newcomer paid. Then the same against the indexer, where it serves governance: the mode, the
 * proposal's counts, outcome and closing transaction, its tally steps, and each vote's account and
 * choice against the ballots.
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

const OUTCOME_OF = { execute: "executed", refund: "refunded", forfeit: "forfeited" } as const;

interface IndexedVote {
  accountId: string | null;
  choice: string;
  counted: boolean;
}

async function getJson(url: string): Promise<unknown | undefined> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * The fee vote against the indexer; undefined when it serves no governance routes. `accountOf`
 * names each member's account (the ballots name members).
 */
export async function feeVoteIndexerCheck(indexerUrl: string, communityId: string, run: FeeVoteRun, accountOf: ReadonlyMap<number, string>): Promise<Check | undefined> {
  const base = indexerUrl.replace(/\/$/, "");
  const { outcome } = run;
  const summary = (await getJson(`${base}/communities/${communityId}/governance`)) as { mode: string } | undefined;
  const proposal = (await getJson(`${base}/proposals/${outcome.proposalId}`)) as
    | { counts: Record<string, string>; outcome: string | null; closedTxId: string | null; votesCast: number; votesCounted: number; seats: string }
    | undefined;
  if (summary === undefined || proposal === undefined) return undefined;
  const votes = (await getJson(`${base}/proposals/${outcome.proposalId}/votes?limit=1000`)) as { items: IndexedVote[] } | undefined;
  const differences: string[] = [];
  const differ = (what: string, indexed: unknown, expected: unknown) => {
    if (String(indexed) !== String(expected)) differences.push(`${what}: indexer ${String(indexed)}, simulator ${String(expected)}`);
  };
  differ("mode", summary.mode, "members");
  const counts = ballotCounts(run);
  for (const k of ["for", "against", "abstain"] as const) differ(`votes ${k}`, proposal.counts[k], counts[k]);
  differ("seats", proposal.seats, outcome.seats);
  differ("outcome", proposal.outcome, OUTCOME_OF[outcome.closedBy]);
  differ("closing transaction", proposal.closedTxId, outcome.closeTxId);
  const cast = run.ballots.filter((b) => b.choice !== null);
  differ("votes cast", proposal.votesCast, cast.length);
  differ("votes counted", proposal.votesCounted, cast.length);
  const indexed = new Map((votes?.items ?? []).map((v) => [v.accountId, v]));
  for (const b of cast) {
    const account = accountOf.get(b.member);
    const v = indexed.get(account ?? "");
    if (!v || v.choice !== b.choice || !v.counted) differences.push(`member ${b.member} (${account}): voted ${b.choice}, indexer ${v ? `${v.choice}${v.counted ? "" : " (uncounted)"}` : "has no vote"}`);
    indexed.delete(account ?? "");
  }
  for (const accountId of indexed.keys()) differences.push(`a vote by ${accountId} in the indexer, not cast by the simulator`);
  return { name: "fee vote (indexer)", ok: differences.length === 0, differences };
}
