/**
 * The member-governance summary of `bench:contracts` (issue 19): what a tally pays per vote, the
 * largest tally one transaction holds under the node's limits, and how many transactions and blocks
 * a community of 1,000 members takes to count a vote (goal: within 10 blocks), computed from the
 * measured rows and measured directly on a 1,000-vote list in the test World.
 */
import { MAINNET_PARAMETERS } from "../testing/ergo-lib.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { MAX_TRANSACTION_BYTES, MAX_TRANSACTION_COST } from "./batch-shapes.ts";
import { round, staticFigures, type StaticFigures } from "./measure.ts";
import type { Shape } from "./shape.ts";

/** The community the goal names. */
export const GOAL_MEMBERS = 1_000;
/** The goal: a community of GOAL_MEMBERS counts a vote within this many blocks. */
const GOAL_BLOCKS = 10;

type Figures = Pick<StaticFigures, "bytes" | "cost">;

/** Bytes and cost one more vote adds to a tally, from the rows of 10 and 100 votes (a line through them). */
export function perVote(at10: Figures, at100: Figures): { bytes: number; cost: number } {
  return { bytes: (at100.bytes - at10.bytes) / 90, cost: (at100.cost.total - at10.cost.total) / 90 };
}

/** The largest tally (vote boxes spent) whose transaction fits both per-transaction limits. */
export function largestTally(at10: Figures, at100: Figures): { votes: number; bySize: number; byCost: number } {
  const slope = perVote(at10, at100);
  const bySize = Math.floor(10 + (MAX_TRANSACTION_BYTES - at10.bytes) / slope.bytes);
  const byCost = Math.floor(10 + (MAX_TRANSACTION_COST - at10.cost.total) / slope.cost);
  return { votes: Math.min(bySize, byCost), bySize, byCost };
}

/** Tally steps of a GOAL_MEMBERS-member vote (every member votes), each step `maxVotes` vote boxes; throws if a step is refused. */
export function measureThousandTally(maxVotes: number, progress: (message: string) => void): StaticFigures[] {
  const names = Array.from({ length: GOAL_MEMBERS }, (_, i) => `v${String(i).padStart(4, "0")}`);
  progress(`governance: ${GOAL_MEMBERS} members join`);
  const f = new GovernanceFixture({ members: names, policy: testPolicy({ maxMembers: BigInt(GOAL_MEMBERS) }), rules: { maxWindowBlocks: 5_000n } });
  const p = f.propose(names[0]!, { kind: "policy", policy: { joinFeeNanoErg: 0n } }, 4_000n);
  progress(`governance: ${GOAL_MEMBERS} votes`);
  names.forEach((n, i) => f.vote(n, p.proposalId, i % 3 === 0 ? "against" : "for"));
  f.endVote(p.proposalId);
  progress(`governance: tally of ${GOAL_MEMBERS} votes in steps of ${maxVotes}`);
  const steps: StaticFigures[] = [];
  while (f.proposal(p.proposalId).cursor !== 2n ** 192n) {
    const tx = f.tallyTx(p.proposalId, maxVotes);
    steps.push(staticFigures({ name: `gov-tally-${GOAL_MEMBERS}-step-${steps.length + 1}`, tx, secrets: [], height: f.world.height + 1 } satisfies Shape));
    f.world.submit(tx, []);
  }
  const counts = f.proposal(p.proposalId).counts;
  if (counts.for + counts.against !== BigInt(GOAL_MEMBERS)) throw new Error(`the 1,000-vote tally counted ${counts.for + counts.against} votes`);
  return steps;
}

/** The figures, judged on the tally rows of 10 and 100 votes and the measured 1,000-vote tally. */
export function governanceSummary(at10: Figures, at100: Figures, thousand: StaticFigures[] | null): Record<string, unknown> {
  const { maxBlockSize, maxBlockCost } = MAINNET_PARAMETERS;
  const slope = perVote(at10, at100);
  const largest = largestTally(at10, at100);
  const boxes = GOAL_MEMBERS + 1; // the list's head is spent by the first tally too
  const transactions = Math.ceil(boxes / largest.votes);
  const full = { bytes: at10.bytes + (largest.votes - 10) * slope.bytes, cost: at10.cost.total + (largest.votes - 10) * slope.cost };
  const fullPerBlock = Math.min(Math.floor(maxBlockSize / full.bytes), Math.floor(maxBlockCost / full.cost));
  const measured = thousand && {
    transactions: thousand.length,
    bytes: thousand.reduce((s, t) => s + t.bytes, 0),
    cost: thousand.reduce((s, t) => s + t.cost.total, 0),
    largestStep: { bytes: Math.max(...thousand.map((t) => t.bytes)), cost: Math.max(...thousand.map((t) => t.cost.total)) },
    stepsFitTransactionLimits: thousand.every((t) => t.bytes <= MAX_TRANSACTION_BYTES && t.cost.total <= MAX_TRANSACTION_COST),
  };
  const blocksChained = Math.ceil(transactions / fullPerBlock);
  return {
    governance: {
      statement: `a community of ${GOAL_MEMBERS} members counts a vote within ${GOAL_BLOCKS} blocks`,
      transactionLimits: { bytes: MAX_TRANSACTION_BYTES, cost: MAX_TRANSACTION_COST },
      blockLimits: { maxBlockSize, maxBlockCost },
      perVote: { bytes: round(slope.bytes, 1), cost: round(slope.cost, 1) },
      largestTally: { ...largest, binding: largest.bySize < largest.byCost ? "size" : "cost" },
      fullTalliesPerBlock: fullPerBlock,
      thousandMembers: {
        voteBoxes: boxes,
        transactions,
        blocks: { chainedInOneBlock: blocksChained, onePerBlock: transactions },
        measured,
        met: transactions <= GOAL_BLOCKS && (measured === null || (measured.transactions === transactions && measured.stepsFitTransactionLimits)),
      },
    },
  };
}
