/**
 * The fee vote after the trading days (docs/simulate.md, "Members vote on a fee change"): who votes
 * how (a rule drawn from the seed), the ERG the parties need (from the funder), then `voteOnFee`
 * with the simulator's own keys: the funder is the committee and tallies, the members with an open
 * account vote, a fresh key joins afterwards. On the devnet only: it mines past the accounts'
 * minimum age (720 blocks) and through the vote.
 */
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { VOTE_BOX_NANOERG, type VoteChoice } from "../../../contracts/index.ts";
import { Random } from "../../../util/prng.ts";
import { voteOnFee, type FeeVoteOutcome } from "../governance-vote.ts";
import type { Member } from "../members.ts";
import type { FeeVoteSpec } from "../scenario-fee-vote.ts";
import type { Scenario } from "../scenario.ts";
import type { ChainDriver } from "./driver.ts";
import { fundingTransaction } from "./funding.ts";

const ERG = 1_000_000_000n;
/** Each voter's fee money beside its vote box; the proposer's beside its deposit. */
const VOTER_SPARE_NANOERG = ERG / 20n;
const PROPOSER_SPARE_NANOERG = ERG / 5n;
/** Above the proposal box's rent-safe value (about 1.76 ERG: its registers and tokens), which the builder takes as the deposit when the rules ask for less. */
const PROPOSAL_RENT_SAFE_BOUND = 2n * ERG;
/** The role that votes for a lower fee; see `voteRule`. */
export const HOUSEHOLD = "household";
/** The newcomer's key index, past any member's. */
const NEWCOMER_OFFSET = 1_000;

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);

/** One member's part in the vote. */
export interface Ballot {
  member: number;
  choice: VoteChoice | null;
}

/** The fee vote as the run saw it: the ballots (ground truth), the proposer, the window used, and the outcome read from the chain. */
export interface FeeVoteRun {
  ballots: Ballot[];
  proposer: number;
  windowBlocks: bigint;
  newcomerAddress: string;
  /** Open accounts when the proposal opened (the expected seats). */
  openAccounts: number;
  outcome: FeeVoteOutcome;
}

/**
 * The vote rule: each member votes with chance `turnout`; a household votes for a lower fee and
 * against a higher one, any other role abstains. Deterministic from the seed.
 */
export function voteRule(members: readonly Member[], lower: boolean, spec: FeeVoteSpec, seed: number): Ballot[] {
  const random = new Random(seed, "fee-vote");
  return members.map((m) => {
    const votes = random.chance(spec.turnout);
    if (!votes) return { member: m.id, choice: null };
    return { member: m.id, choice: m.role.name === HOUSEHOLD ? (lower ? "for" : "against") : "abstain" };
  });
}

/** The window the vote runs: the scenario's, or longer when the votes (one block each) need more. */
export const effectiveWindow = (spec: FeeVoteSpec, votes: number): bigint => {
  const needed = BigInt(votes) + 3n;
  return spec.windowBlocks > needed ? spec.windowBlocks : needed;
};

/** Runs the vote on the devnet behind `driver`; refusals from the builders propagate. */
export async function runFeeVote(input: { driver: ChainDriver; scenario: Scenario; spec: FeeVoteSpec; communityId: string; members: readonly Member[]; accountOf: ReadonlyMap<number, string> }): Promise<FeeVoteRun> {
  const { driver, scenario, spec, communityId } = input;
  const lets = new LetsOverHttp(driver.node);
  const view = await lets.community(communityId);
  const open = new Set(view.accounts.map((a) => a.accountId));
  const voters = input.members.filter((m) => open.has(input.accountOf.get(m.id) ?? "")).sort((a, b) => a.id - b.id);
  if (voters.length === 0) throw new Error("fee vote: no member has an open account to propose");
  const lower = spec.joinFeeNanoErg < view.community.policy.joinFeeNanoErg;
  const ballots = voteRule(voters, lower, spec, scenario.seed);
  const keys = voters.map((m) => driver.keys.key(driver.firstMemberIndex + m.id));
  const newcomer = driver.keys.key(driver.firstMemberIndex + input.members.length + NEWCOMER_OFFSET);
  const windowBlocks = effectiveWindow(spec, ballots.filter((b) => b.choice !== null).length);

  // The deposit and the vote boxes exceed what members kept from their funding: the funder pays them.
  const joinCost = view.community.policy.joinFeeNanoErg + spec.joinFeeNanoErg + view.community.policy.collateralNanoErg + ERG / 5n;
  const recipients = [
    // The proposal box (the deposit, or its rent-safe value when that is more) and the list's head, then its own vote.
    { address: keys[0]!.address, nanoErg: maxOf(spec.depositNanoErg, PROPOSAL_RENT_SAFE_BOUND) + 2n * VOTE_BOX_NANOERG + PROPOSER_SPARE_NANOERG },
    ...ballots.flatMap((b, i) => (b.choice === null ? [] : [{ address: keys[i]!.address, nanoErg: VOTE_BOX_NANOERG + VOTER_SPARE_NANOERG }])),
    { address: newcomer.address, nanoErg: joinCost },
  ];
  const funderWallet = await lets.wallet(driver.funder);
  await lets.submit(driver.funder, (height) => fundingTransaction({ utxos: funderWallet.utxos, address: driver.funder.address }, recipients, height, scenario.txFeeNanoErg));
  const mine = (blocks: number) => driver.mineTo(driver.tipHeight + blocks);
  await mine(1);

  const outcome = await voteOnFee(
    { lets, communityId, committee: driver.funder, members: keys, stranger: driver.funder, newcomer, mine },
    {
      rules: { quorumPpm: spec.quorumPpm, majorityPpm: spec.majorityPpm, depositNanoErg: spec.depositNanoErg, minWindowBlocks: 3n, maxWindowBlocks: windowBlocks, vetoBlocks: 0n },
      newJoinFeeNanoErg: spec.joinFeeNanoErg,
      windowBlocks,
      votes: ballots.map((b) => b.choice),
    },
  );
  return { ballots, proposer: voters[0]!.id, windowBlocks, newcomerAddress: newcomer.address, openAccounts: view.accounts.length, outcome };
}
