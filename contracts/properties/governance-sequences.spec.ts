/**
 * Property: member governance (contract version 9, docs/governance.md) counts every vote once and
 * acts as the vote says. Random communities of 3-6 members switch to member governance with random
 * quorum and majority rules; one member proposes a new join fee or a treasury payment; each member
 * votes for, against, abstains or not at all, in a random order; the tally runs in random chunks
 * (1..members+1 votes per step). Every transaction goes through the builders and both interpreters.
 * After each step the counts equal those of the votes before the cursor; at the end the counts,
 * quorum, majority and phase equal the ground truth computed from the choices alone
 * (governance-model.ts), and the closing the phase calls for (execute, refund, forfeit) changes the
 * community exactly as proposed, or not at all, while the other two closings are refused.
 * GOVERNANCE_PROPERTY_RUNS communities (default 10, about 2 s each), seed GOVERNANCE_PROPERTY_SEED.
 *
 * A pure property of the vote list: random 24-byte keys inserted in random order (up to 2,000, a
 * large community) always find a share (`voteShare` never 0) and the units always sum to 2^62.
 * GOVERNANCE_SHARE_RUNS lists (default 100).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GovernanceRefused } from "../errors.ts";
import {
  accountKey, GOVERNANCE_KEY_MAX, GOVERNANCE_KEY_MIN, hasMajority, proposalPhase, reachesQuorum, voteShare, type Proposal,
} from "../governance/governance.ts";
import { GOVERNANCE_VOTE_UNITS } from "../parameters.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { keysArb, scenarioArb, truthOf, type Scenario } from "./governance-model.ts";

const RUNS = Number(process.env.GOVERNANCE_PROPERTY_RUNS ?? 10);
const SEED = Number(process.env.GOVERNANCE_PROPERTY_SEED ?? 0x6017);
const SHARE_RUNS = Number(process.env.GOVERNANCE_SHARE_RUNS ?? 100);

const nameOf = (i: number) => `m${i}`;

/** Counts of the scenario's votes whose key is below `cursor`: what the tally has seen so far. */
function countedBelow(s: Scenario, f: GovernanceFixture, cursor: bigint) {
  const seen = s.choices.map((c, i) => (accountKey(f.account(nameOf(i)).accountId) < cursor ? c : null));
  return truthOf(seen, s.members, 0n, 0n).counts;
}

/** Tallies in the scenario's chunks, checking the counts after every step. */
function tallyInChunks(s: Scenario, f: GovernanceFixture, proposalId: string): Proposal {
  for (let step = 0; f.proposal(proposalId).cursor !== GOVERNANCE_KEY_MAX; step += 1) {
    f.world.submit(f.tallyTx(proposalId, s.chunks[Math.min(step, s.chunks.length - 1)]), []);
    const p = f.proposal(proposalId);
    expect(p.counts).toEqual(countedBelow(s, f, p.cursor));
  }
  return f.proposal(proposalId);
}

/** Runs one scenario end to end; returns the phase it ended in. */
function run(s: Scenario): string {
  const names = Array.from({ length: s.members }, (_, i) => nameOf(i));
  const f = new GovernanceFixture({ members: names, policy: testPolicy({ maxMembers: 10n }), rules: { quorumPpm: s.quorumPpm, majorityPpm: s.majorityPpm } });
  const change = s.change.kind === "policy"
    ? { kind: "policy" as const, policy: { joinFeeNanoErg: s.change.joinFeeNanoErg } }
    : { kind: "treasury" as const, amountNanoErg: s.change.amountNanoErg, recipient: f.member(nameOf(s.change.recipient)).address };
  const opened = f.propose(nameOf(s.proposer), change);
  expect(opened.seats).toBe(BigInt(s.members));
  for (const i of s.order) if (s.choices[i]) f.vote(nameOf(i), opened.proposalId, s.choices[i]);
  f.endVote(opened.proposalId);

  const p = tallyInChunks(s, f, opened.proposalId);
  const truth = truthOf(s.choices, s.members, s.quorumPpm, s.majorityPpm);
  expect(p.counts).toEqual(truth.counts);
  expect(reachesQuorum(p)).toBe(truth.quorum);
  expect(hasMajority(p)).toBe(truth.majority);
  expect(proposalPhase(p, f.world.height)).toBe(truth.phase);
  close(s, f, p, truth.phase);
  expect(() => f.proposal(p.proposalId)).toThrow();
  expect(f.votes(p.proposalId)).toHaveLength(0);
  return truth.phase;
}

/** Closes the proposal as `phase` says, checks the community's change, and that the other closings are refused. */
function close(s: Scenario, f: GovernanceFixture, p: Proposal, phase: string): void {
  const before = f.community();
  const proposer = f.member(nameOf(s.proposer));
  const builds = { executable: () => f.executeTx(p.proposalId), rejected: () => f.refundTx(p.proposalId, proposer), "no-quorum": () => f.forfeitTx(p.proposalId) };
  for (const [other, build] of Object.entries(builds)) if (other !== phase) expect(build).toThrow(GovernanceRefused);
  const done = f.world.submit(builds[phase as keyof typeof builds](), phase === "rejected" ? [proposer] : [f.committee]);
  const after = f.community();
  for (const field of ["committee", "metadata", "governanceId", "communityBalance", "seatsLeft"] as const) expect(after[field]).toEqual(before[field]);
  const executed = phase === "executable";
  const fee = executed && s.change.kind === "policy" ? s.change.joinFeeNanoErg : before.policy.joinFeeNanoErg;
  expect(after.policy).toEqual({ ...before.policy, joinFeeNanoErg: fee });
  if (phase === "rejected") expect(after.boxId).toBe(before.boxId);
  const paid = executed && s.change.kind === "treasury" ? s.change.amountNanoErg : 0n;
  const forfeited = phase === "no-quorum" ? p.depositNanoErg : 0n;
  expect(after.treasuryNanoErg).toBe(before.treasuryNanoErg - paid + forfeited);
  if (paid > 0n && s.change.kind === "treasury") {
    const to = f.member(nameOf(s.change.recipient)).ergoTree;
    expect(done.outputs.some((o) => BigInt(o.value) === paid && o.ergoTree === to)).toBe(true);
  }
}

describe("member governance under random communities, votes and tally chunkings", () => {
  it(`${RUNS} communities: counts, quorum, majority and phase equal the ground truth; the closing changes exactly what was proposed (seed ${SEED})`, { timeout: 600_000 }, () => {
    const phases = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb(3, 6), (s) => {
        const phase = run(s);
        phases.set(phase, (phases.get(phase) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries(phases))}\n`);
  });
});

describe("voteShare: the vote list", () => {
  it(`${SHARE_RUNS} lists of up to 2,000 random keys in random order: every vote finds a share; the units sum to 2^62`, () => {
    fc.assert(
      fc.property(keysArb(2_000), (keys) => {
        // the list, sorted by key: boxes [keys[i], keys[i + 1]) holding units[i]
        const list = [GOVERNANCE_KEY_MIN];
        const units = [GOVERNANCE_VOTE_UNITS];
        for (const key of keys) {
          let lo = 0;
          for (let hi = list.length; hi - lo > 1;) {
            const mid = (lo + hi) >> 1;
            if (list[mid]! < key) lo = mid; else hi = mid;
          }
          const share = voteShare(units[lo]!, list[lo]!, list[lo + 1] ?? GOVERNANCE_KEY_MAX, key);
          expect(share).toBeGreaterThan(0n);
          units[lo] = units[lo]! - share;
          list.splice(lo + 1, 0, key);
          units.splice(lo + 1, 0, share);
        }
        expect(units.every((u) => u >= 1n)).toBe(true);
        expect(units.reduce((a, b) => a + b, 0n)).toBe(GOVERNANCE_VOTE_UNITS);
      }),
      { numRuns: SHARE_RUNS, seed: SEED },
    );
  });
});
