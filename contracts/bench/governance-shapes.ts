/**
 * Member governance shapes (contract version 9, docs/governance.md). A plain community of
 * `GOVERNANCE_MEMBERS` members switches to member governance (`gov-switch`, measured in a small
 * community of its own: the switch does not depend on the member count). Four proposals open
 * together (`gov-propose`): a join-fee change every member votes for (`gov-vote` is the first vote,
 * which splits the list's head), counted in one tally of 100 votes (`gov-tally-100`) and executed
 * (`gov-execute-policy`); a treasury payment 61 members vote for, counted in steps of 1, 10 and 50
 * (`gov-tally-1`, `-10`, `-50`) and executed (`gov-execute-treasury`); one 60 members vote
 * against, whose proposer takes the deposit back (`gov-refund`); one with a single vote, short of
 * quorum, whose deposit goes to the treasury (`gov-forfeit`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { switchToMemberGovernance } from "../builders/governance-switch.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { GovernanceFixture, TEST_RULES } from "../testing/governance-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import type { Member } from "../testing/world.ts";
import type { VoteChoice } from "../governance/governance.ts";
import { secretOf, type Shape } from "./shape.ts";

/** Members of the benchmark's community: the largest tally step measured counts all of them. */
export const GOVERNANCE_MEMBERS = 100;
/** Tally steps measured, in votes per transaction. */
export const TALLY_STEPS = [1, 10, 50, 100] as const;
/** Shape names, in the order the rows are printed. */
export const GOVERNANCE_SHAPES = [
  "gov-switch", "gov-propose", "gov-vote", ...TALLY_STEPS.map((k) => `gov-tally-${k}`),
  "gov-execute-policy", "gov-execute-treasury", "gov-refund", "gov-forfeit",
];

const names = Array.from({ length: GOVERNANCE_MEMBERS }, (_, i) => `m${String(i).padStart(3, "0")}`);

/** The switch, in a small community of its own. */
function switchShape(): Shape {
  const f = new Fixture({ members: ["alice", "bob"] });
  const tx = switchToMemberGovernance(
    { community: f.communityBox(), rules: TEST_RULES },
    { height: f.world.height, wallet: f.world.wallet(f.committee) },
  );
  const shape = { name: "gov-switch", tx, secrets: [secretOf(f.committee)], height: f.world.height + 1 };
  f.world.submit(tx, [f.committee]);
  return shape;
}

/** Builds the governance shapes; `progress` hears about the slow parts (hundreds of joins and votes). */
export function buildGovernanceShapes(progress: (message: string) => void = () => {}): Shape[] {
  const shapes: Shape[] = [switchShape()];
  progress(`governance: ${GOVERNANCE_MEMBERS} members join`);
  const f = new GovernanceFixture({ members: names, policy: testPolicy({ maxMembers: BigInt(GOVERNANCE_MEMBERS + 10) }), rules: { maxWindowBlocks: 2_000n } });
  const w = f.world;
  const record = (name: string, tx: EIP12UnsignedTransaction, signers: Member[]): void => {
    shapes.push({ name, tx, secrets: signers.map(secretOf), height: w.height + 1 });
    w.submit(tx, signers);
  };
  const proposer = f.member(names[0]!);
  const window = 1_000n;
  const propose = f.proposeTx(names[0]!, { kind: "policy", policy: { joinFeeNanoErg: 0n } }, window);
  const policy = f.decodeProposal(propose.outputs[1] as never);
  record("gov-propose", propose, [proposer]);
  const treasury = f.propose(names[1]!, { kind: "treasury", amountNanoErg: 10_000_000n, recipient: f.member(names[2]!).address }, window);
  const rejected = f.propose(names[2]!, { kind: "policy", policy: { creditLimit: 50n } }, window);
  const starved = f.propose(names[3]!, { kind: "policy", policy: { creditLimit: 60n } }, window);

  progress("governance: votes on four proposals");
  const vote = (id: string, voters: string[], choice: VoteChoice) => voters.forEach((n) => f.vote(n, id, choice));
  record("gov-vote", f.voteTx(names[0]!, policy.proposalId, "for"), [proposer]);
  vote(policy.proposalId, names.slice(1), "for");
  vote(treasury.proposalId, names.slice(0, 61), "for");
  vote(rejected.proposalId, names.slice(0, 60), "against");
  vote(starved.proposalId, names.slice(0, 1), "for");
  f.endVote(policy.proposalId);

  progress("governance: tallies, execution, refund, forfeit");
  record("gov-tally-100", f.tallyTx(policy.proposalId, 100), []);
  f.tallyAll(policy.proposalId);
  record("gov-execute-policy", f.executeTx(policy.proposalId), [f.committee]);
  for (const k of [1, 10, 50]) record(`gov-tally-${k}`, f.tallyTx(treasury.proposalId, k), []);
  f.tallyAll(treasury.proposalId);
  record("gov-execute-treasury", f.executeTx(treasury.proposalId), [f.committee]);
  f.tallyAll(rejected.proposalId);
  record("gov-refund", f.refundTx(rejected.proposalId, f.member(names[2]!)), [f.member(names[2]!)]);
  f.tallyAll(starved.proposalId);
  record("gov-forfeit", f.forfeitTx(starved.proposalId), [f.committee]);
  return shapes;
}
