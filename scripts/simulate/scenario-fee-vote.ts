/**
 * The `feeVote` part of a scenario (docs/simulate.md, "Members vote on a fee change"): after the
 * trading days the committee switches the community to member governance, a member proposes the
 * join fee `joinFeeErg`, the members vote by a rule drawn from the seed, the vote is tallied and
 * executed (or closed), and a newcomer joins. One community on the devnet only.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";

const ERG = 1_000_000_000n;

/** The fee vote, validated. */
export interface FeeVoteSpec {
  /** The join fee proposed (nanoERG). */
  joinFeeNanoErg: bigint;
  /** Blocks the vote stays open. */
  windowBlocks: bigint;
  /** The chance that a member votes at all. */
  turnout: number;
  /** The proposal's deposit under the rules the committee sets (nanoERG). */
  depositNanoErg: bigint;
  /** Quorum and majority, per million. */
  quorumPpm: bigint;
  majorityPpm: bigint;
}

const FEE_VOTE = ["joinFeeErg", "windowBlocks", "turnout", "depositErg", "quorum", "majority"];

/** The `feeVote` section, or undefined when absent. */
export function readFeeVote(top: Fields): FeeVoteSpec | undefined {
  if (top.raw.feeVote === undefined || top.raw.feeVote === null) return undefined;
  const f = top.object("feeVote", FEE_VOTE);
  const joinFeeNanoErg = f.erg("joinFeeErg", "", 0n, 1000n * ERG);
  const ppm = (key: string, fallback: number) => BigInt(Math.round(f.number(key, fallback, 0.01, 1) * 1e6));
  return {
    joinFeeNanoErg,
    windowBlocks: BigInt(f.integer("windowBlocks", 6, 3, 10_000)),
    turnout: f.number("turnout", 0.8, 0, 1),
    depositNanoErg: f.erg("depositErg", "1", ERG / 1000n, 100n * ERG),
    quorumPpm: ppm("quorum", 0.5),
    majorityPpm: ppm("majority", 0.5),
  };
}

/** Rules between the fee vote and the rest of the scenario. */
export function checkFeeVoteConsistency(source: string, s: { feeVote?: FeeVoteSpec; network?: unknown; policy: { economics?: unknown; joinFeeNanoErg: bigint } }): void {
  const v = s.feeVote;
  if (!v) return;
  const fail = (problem: string): never => {
    throw new ScenarioError(source, "feeVote", problem);
  };
  if (s.network) fail("a fee vote is simulated in one community, not in a network");
  if (s.policy.economics) fail("a fee vote is simulated in plain communities: leave out feeVote or policy.economics");
  if (v.joinFeeNanoErg === s.policy.joinFeeNanoErg) fail("feeVote.joinFeeErg is the community's join fee already: propose a different one");
}

/** The `feeVote` section as summary.json shows it. */
export const feeVoteJson = (v: FeeVoteSpec) => ({
  joinFeeNanoErg: v.joinFeeNanoErg.toString(),
  windowBlocks: v.windowBlocks.toString(),
  turnout: v.turnout,
  depositNanoErg: v.depositNanoErg.toString(),
  quorumPpm: v.quorumPpm.toString(),
  majorityPpm: v.majorityPpm.toString(),
});
