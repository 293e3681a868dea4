/**
 * Ground truth for member governance properties (docs/governance.md), computed from the members'
 * choices alone with plain arithmetic: no list, no tally, no code from contracts/governance. Also
 * the arbitraries the properties draw communities, votes and tally chunkings from.
 */
import fc from "fast-check";
import type { VoteChoice } from "../governance/governance.ts";

/** A member's choice; null: did not vote. */
export type Choice = VoteChoice | null;

/** What a counted vote must show, and the phase it must be in once every vote is counted (no veto window). */
export interface Truth {
  counts: { for: bigint; against: bigint; abstain: bigint };
  quorum: boolean;
  majority: boolean;
  phase: "executable" | "rejected" | "no-quorum";
}

/** The outcome of `choices` among `seats` members under the rules, in parts per million. */
export function truthOf(choices: readonly Choice[], seats: number, quorumPpm: bigint, majorityPpm: bigint): Truth {
  const n = (c: VoteChoice) => BigInt(choices.filter((x) => x === c).length);
  const counts = { for: n("for"), against: n("against"), abstain: n("abstain") };
  const cast = counts.for + counts.against + counts.abstain;
  // cast / seats >= quorumPpm / 1e6, and for / (for + against) > majorityPpm / 1e6, without division
  const quorum = cast * 1_000_000n >= quorumPpm * BigInt(seats);
  const decided = counts.for + counts.against;
  const majority = decided > 0n && counts.for * 1_000_000n > majorityPpm * decided;
  return { counts, quorum, majority, phase: !quorum ? "no-quorum" : majority ? "executable" : "rejected" };
}

/** The change a proposal asks for: a new join fee, or a treasury payment to a member. */
export type Change = { kind: "policy"; joinFeeNanoErg: bigint } | { kind: "treasury"; amountNanoErg: bigint; recipient: number };

/** One community and one proposal: members, their choices, the order they vote in, how the tally is cut. */
export interface Scenario {
  members: number;
  proposer: number;
  choices: Choice[];
  /** Member indexes, in voting order (a permutation). */
  order: number[];
  /** Votes per tally step, used in turn (the last repeats). */
  chunks: number[];
  quorumPpm: bigint;
  majorityPpm: bigint;
  change: Change;
}

const choiceArb: fc.Arbitrary<Choice> = fc.constantFrom<Choice>("for", "against", "abstain", null);
/** Rules near the interesting edges as well as anywhere in range. */
const ppmArb = (max: number) => fc.oneof(fc.constantFrom(0, 250_000, 500_000, 666_667, max), fc.integer({ min: 0, max })).map(BigInt);

/** A random community of `min`..`max` members and one proposal's vote. */
export function scenarioArb(min: number, max: number): fc.Arbitrary<Scenario> {
  return fc.integer({ min, max }).chain((members) =>
    fc.record({
      members: fc.constant(members),
      proposer: fc.nat(members - 1),
      choices: fc.array(choiceArb, { minLength: members, maxLength: members }),
      order: fc.shuffledSubarray([...Array(members).keys()], { minLength: members, maxLength: members }),
      chunks: fc.array(fc.integer({ min: 1, max: members + 1 }), { minLength: 1, maxLength: members + 1 }),
      quorumPpm: ppmArb(1_000_000),
      majorityPpm: ppmArb(999_999),
      change: fc.oneof(
        fc.record({ kind: fc.constant("policy" as const), joinFeeNanoErg: fc.bigInt({ min: 0n, max: 50_000_000n }) }),
        fc.record({ kind: fc.constant("treasury" as const), amountNanoErg: fc.bigInt({ min: 1_000_000n, max: 30_000_000n }), recipient: fc.nat(members - 1) }),
      ),
    }),
  );
}

/**
 * 24-byte keys as the vote list reads them (account ids are box ids: uniform hashes), distinct, in
 * random order. Unbiased on purpose: a key within span / units of either end of the box it splits
 * (for the list's head, within 2^130 of 2^192) finds no share; a hash lands there with chance
 * about 2^-62, but fast-check's bias toward extremes would draw it every run.
 */
export const keysArb = (max: number): fc.Arbitrary<bigint[]> =>
  fc.integer({ min: 1, max }).chain((n) => fc.uniqueArray(fc.noBias(fc.bigInt({ min: 0n, max: 2n ** 192n - 1n })), { minLength: n, maxLength: n }));
