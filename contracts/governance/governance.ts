/**
 * Member governance (contract version 9, docs/governance.md): the registers of the governance box,
 * of proposals and of vote boxes, decoders for boxes read from a node, and the rules exactly as the
 * contracts check them (a vote's key and share of units, quorum, majority, the phases of a
 * proposal). Pure and isomorphic.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decoded, type Decoded } from "../decode-result.ts";
import { GOVERNANCE_KEY_MAX, GOVERNANCE_KEY_MIN } from "../parameters.ts";
import {
  bigIntConstant, bytesConstant, intConstant, longsConstant, readBigInt, readBytes, readInt, readLongs, readLongsAny, readSigmaProp,
} from "../registers.ts";
import { GOVERNANCE_ERGO_TREE, GOVERNANCE_EXEC_BLOCKS, PROPOSAL_ERGO_TREE, VOTE_ERGO_TREE } from "../scripts.ts";

export { GOVERNANCE_KEY_MAX, GOVERNANCE_KEY_MIN };

/** A community's voting rules (the governance box's R4), copied into every proposal it opens. */
export interface GovernanceRules {
  /** Votes cast (for, against, abstain) per million seats taken when the proposal opened. */
  quorumPpm: bigint;
  /** A proposal passes when for > majorityPpm / 1e6 of (for + against). */
  majorityPpm: bigint;
  /** ERG a proposer locks in the proposal: back unless the vote misses its quorum. */
  depositNanoErg: bigint;
  /** Shortest and longest voting window (blocks from opening to the end of the vote). */
  minWindowBlocks: bigint;
  maxWindowBlocks: bigint;
  /** 0: members decide alone; > 0: the committee may veto a proposal until this long after its vote ("both"). */
  vetoBlocks: bigint;
}

export const RULE_FIELDS = ["quorumPpm", "majorityPpm", "depositNanoErg", "minWindowBlocks", "maxWindowBlocks", "vetoBlocks"] as const;

/** The governance box: the token every proposal takes a unit of, and the rules. */
export interface GovernanceBox {
  boxId: string;
  governanceId: string;
  /** Units left: one per future proposal. */
  remaining: bigint;
  rules: GovernanceRules;
  communityId: string;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** What a proposal would change, written in its box. */
export type ProposalChange =
  | { kind: "policy"; /** the whole new policy, R4 order */ policy: bigint[] }
  | { kind: "metadata"; /** the new R6 bytes (hex; UTF-8 JSON) */ metadataHex: string }
  | { kind: "committee"; /** the new committee, a serialized SigmaProp (register hex, 08...) */ committee: string }
  | { kind: "treasury"; amountNanoErg: bigint; /** the recipient's ErgoTree (hex) */ recipientErgoTree: string };

export const KIND_CODES = { policy: 1n, metadata: 2n, committee: 3n, treasury: 4n } as const;
export type ProposalKind = keyof typeof KIND_CODES;

export type VoteChoice = "for" | "against" | "abstain";
export const CHOICE_CODES: Record<VoteChoice, number> = { for: 1, against: 2, abstain: 3 };

export interface VoteCounts {
  for: bigint;
  against: bigint;
  abstain: bigint;
}

/** The state Longs of a proposal (R4). */
export interface ProposalState {
  change: ProposalChange;
  openedHeight: bigint;
  /** Votes go in before this height; the tally runs from it. */
  endHeight: bigint;
  /** Seats taken when it opened: the quorum's base. */
  seats: bigint;
  quorumPpm: bigint;
  majorityPpm: bigint;
  vetoBlocks: bigint;
  counts: VoteCounts;
}

/** A proposal as its box states it. */
export interface Proposal extends ProposalState {
  boxId: string;
  proposalId: string;
  governanceId: string;
  communityId: string;
  /** The key of the next vote to count; GOVERNANCE_KEY_MAX once all are counted. */
  cursor: bigint;
  /** Serialized SigmaProp (hex) of the proposer, who gets the deposit back. */
  proposer: string;
  depositNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** A vote box: the head of a proposal's list (choice null) or one member's vote. */
export interface VoteBox {
  boxId: string;
  proposalId: string;
  units: bigint;
  key: bigint;
  next: bigint;
  choice: VoteChoice | null;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** An account's key in vote lists: the first 24 bytes of its accountId, as the vote contract reads it. */
export const accountKey = (accountId: string): bigint => BigInt(`0x${accountId.slice(0, 48)}`);

/** The units a new vote with `key` takes from its predecessor [low, high) holding `units` (0: it cannot go in). */
export function voteShare(units: bigint, low: bigint, high: bigint, key: bigint): bigint {
  if (!(low < key && key < high)) return 0n;
  const share = (units * (high - key)) / (high - low);
  return share >= 1n && share < units ? share : 0n;
}

/** Whether the votes cast reach the quorum, as the proposal contract computes it. */
export const reachesQuorum = (p: Pick<Proposal, "counts" | "quorumPpm" | "seats">): boolean =>
  (p.counts.for + p.counts.against + p.counts.abstain) * 1_000_000n >= p.quorumPpm * p.seats;

/** Whether the for votes are a majority of for + against, as the proposal contract computes it. */
export const hasMajority = (p: Pick<Proposal, "counts" | "majorityPpm">): boolean =>
  p.counts.for * 1_000_000n > p.majorityPpm * (p.counts.for + p.counts.against);

export const isCounted = (p: Pick<Proposal, "cursor">): boolean => p.cursor === GOVERNANCE_KEY_MAX;

/** Where a proposal stands at `height`, and what may be done with it. */
export type ProposalPhase =
  | "voting" //      votes go in
  | "tallying" //    the vote is over, votes are being counted
  | "vetoable" //    passed; the committee may still veto, execution waits
  | "executable" //  passed; anyone may execute it
  | "rejected" //    counted, quorum but no majority: the proposer may take the deposit back
  | "no-quorum" //   counted without quorum: the deposit goes to the treasury
  | "expired"; //    past its deadline: it can only be closed, the deposit to the treasury

export function proposalPhase(p: Proposal, height: number): ProposalPhase {
  const h = BigInt(height);
  const vetoEnd = p.endHeight + p.vetoBlocks;
  if (h >= vetoEnd + BigInt(GOVERNANCE_EXEC_BLOCKS)) return "expired";
  if (h < p.endHeight) return "voting";
  if (!isCounted(p)) return "tallying";
  if (!reachesQuorum(p)) return "no-quorum";
  if (!hasMajority(p)) return "rejected";
  return h < vetoEnd ? "vetoable" : "executable";
}

/** Height from which a passed proposal executes, and the first height it no longer can. */
export const executionWindow = (p: Proposal): { from: bigint; until: bigint } => ({
  from: p.endHeight + p.vetoBlocks,
  until: p.endHeight + p.vetoBlocks + BigInt(GOVERNANCE_EXEC_BLOCKS),
});

export const rulesValues = (r: GovernanceRules): bigint[] => RULE_FIELDS.map((f) => r[f]);

export function rulesFromValues(values: readonly bigint[]): GovernanceRules {
  return Object.fromEntries(RULE_FIELDS.map((f, i) => [f, values[i]!])) as unknown as GovernanceRules;
}

/** Why rules cannot be a community's (null when they can). */
export function rulesProblem(r: GovernanceRules): string | null {
  if (r.quorumPpm < 0n || r.quorumPpm > 1_000_000n) return "quorumPpm is between 0 and 1,000,000";
  if (r.majorityPpm < 0n || r.majorityPpm >= 1_000_000n) return "majorityPpm is at least 0 and below 1,000,000";
  if (r.depositNanoErg < 0n) return "depositNanoErg cannot be negative";
  if (r.minWindowBlocks < 1n || r.maxWindowBlocks < r.minWindowBlocks) return "the voting window needs 1 <= minWindowBlocks <= maxWindowBlocks";
  if (r.maxWindowBlocks > 262_800n) return "maxWindowBlocks is at most 262,800 (a year)";
  if (r.vetoBlocks < 0n || r.vetoBlocks > 262_800n) return "vetoBlocks is between 0 and 262,800 (a year)";
  return null;
}

/** R4, R5 of the governance box. */
export const governanceRegisters = (rules: GovernanceRules, communityId: string): Record<"R4" | "R5", string> => ({
  R4: longsConstant(rulesValues(rules)),
  R5: bytesConstant(communityId),
});

export function decodeGovernance(box: Box<Amount>): Decoded<GovernanceBox> {
  return decoded(() => {
    if (box.ergoTree !== GOVERNANCE_ERGO_TREE) throw new Error("not the governance script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0) throw new Error("a governance box holds exactly its governance token");
    const r = box.additionalRegisters;
    const rules = rulesFromValues(readLongs("R4", r.R4, RULE_FIELDS.length));
    const communityId = readBytes("R5", r.R5);
    if (communityId.length !== 64) throw new Error("R5: a community id has 32 bytes");
    return {
      boxId: box.boxId,
      governanceId: token.tokenId,
      remaining: BigInt(token.amount),
      rules,
      communityId,
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}


/** The propBytes of a SigmaProp register constant: an ErgoTree with header 0. */
export const propBytesOf = (sigmaProp: string): string => `00${sigmaProp.toLowerCase()}`;

/** R4..R9 of a proposal box. */
export function proposalRegisters(
  s: ProposalState,
  cursor: bigint,
  communityId: string,
  proposer: string,
): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  const c = s.change;
  const amount = c.kind === "treasury" ? c.amountNanoErg : 0n;
  const payload = c.kind === "metadata" ? c.metadataHex : c.kind === "committee" ? propBytesOf(c.committee) : c.kind === "treasury" ? c.recipientErgoTree : "";
  return {
    R4: longsConstant([
      KIND_CODES[c.kind], s.openedHeight, s.endHeight, s.seats, s.quorumPpm, s.majorityPpm, s.vetoBlocks,
      s.counts.for, s.counts.against, s.counts.abstain, amount,
    ]),
    R5: bigIntConstant(cursor),
    R6: bytesConstant(communityId),
    R7: proposer,
    R8: bytesConstant(payload),
    R9: longsConstant(c.kind === "policy" ? c.policy : []),
  };
}

function changeOf(kind: bigint, amount: bigint, payload: string, policy: bigint[]): ProposalChange {
  if (kind !== 1n && policy.length > 0) throw new Error("R9: a new policy only in a policy proposal");
  if (kind !== 4n && amount !== 0n) throw new Error("R4: an amount only in a treasury proposal");
  if (kind !== 1n && payload.length === 0) throw new Error("R8: the change is missing");
  switch (kind) {
    case 1n:
      return { kind: "policy", policy };
    case 2n:
      return { kind: "metadata", metadataHex: payload };
    case 3n:
      if (!/^0008/.test(payload)) throw new Error("R8: a committee is the propBytes of a SigmaProp");
      return { kind: "committee", committee: payload.slice(2) };
    case 4n:
      if (amount <= 0n) throw new Error("R4: a treasury payment is positive");
      return { kind: "treasury", amountNanoErg: amount, recipientErgoTree: payload };
    default:
      throw new Error(`R4: unknown proposal kind ${kind}`);
  }
}

export function decodeProposal(box: Box<Amount>): Decoded<Proposal> {
  return decoded(() => {
    if (box.ergoTree !== PROPOSAL_ERGO_TREE) throw new Error("not the proposal script");
    const [gov, own, ...others] = box.assets;
    if (!gov || !own || others.length > 0 || BigInt(gov.amount) !== 1n || BigInt(own.amount) !== 1n) {
      throw new Error("a proposal holds one unit of its community's governance token and one of its own");
    }
    const r = box.additionalRegisters;
    const s = readLongs("R4", r.R4, 11);
    const [kind, opened, end, seats, quorumPpm, majorityPpm, vetoBlocks, yes, no, abstain, amount] = s as [
      bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint,
    ];
    const cursor = readBigInt("R5", r.R5);
    const communityId = readBytes("R6", r.R6);
    if (communityId.length !== 64) throw new Error("R6: a community id has 32 bytes");
    const proposer = readSigmaProp("R7", r.R7);
    const payload = readBytes("R8", r.R8);
    const policy = readLongsAny("R9", r.R9);
    return {
      boxId: box.boxId,
      proposalId: own.tokenId,
      governanceId: gov.tokenId,
      communityId,
      change: changeOf(kind, amount, payload, policy),
      openedHeight: opened,
      endHeight: end,
      seats,
      quorumPpm,
      majorityPpm,
      vetoBlocks,
      counts: { for: yes, against: no, abstain },
      cursor,
      proposer,
      depositNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** R4..R6 of a vote box. */
export const voteRegisters = (key: bigint, next: bigint, choice: VoteChoice | null): Record<"R4" | "R5" | "R6", string> => ({
  R4: bigIntConstant(key),
  R5: bigIntConstant(next),
  R6: intConstant(choice === null ? 0 : CHOICE_CODES[choice]),
});

export function decodeVote(box: Box<Amount>): Decoded<VoteBox> {
  return decoded(() => {
    if (box.ergoTree !== VOTE_ERGO_TREE) throw new Error("not the vote script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0) throw new Error("a vote box holds exactly its proposal's token");
    const r = box.additionalRegisters;
    const key = readBigInt("R4", r.R4);
    const next = readBigInt("R5", r.R5);
    const code = readInt("R6", r.R6);
    const choice = code === 0 ? null : (Object.entries(CHOICE_CODES).find(([, c]) => c === code)?.[0] as VoteChoice | undefined);
    if (choice === undefined) throw new Error(`R6: unknown choice ${code}`);
    if (!(key < next)) throw new Error("R4, R5: a vote's key is below the next one");
    return {
      boxId: box.boxId,
      proposalId: token.tokenId,
      units: BigInt(token.amount),
      key,
      next,
      choice,
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** Hex of the bytes, for messages. */
export const short = (id: string): string => `${id.slice(0, 12)}…`;
