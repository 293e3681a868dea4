/**
 * Member governance as the API shows it (docs/indexer-api.md "Member governance"), from the rows of
 * migration 0021: a community's mode and rules, a proposal with its verdict (quorum, majority, phase
 * judged by the contracts' own rules) and its change before and after, a vote. Pure: the route reads
 * the rows, these functions shape them. Amounts, ppm, keys and Long registers are decimal strings;
 * block heights numbers.
 */
import {
  executionWindow, GOVERNANCE_KEY_MAX, hasMajority, proposalPhase, reachesQuorum, type Proposal, type ProposalPhase,
} from "../../../contracts/governance/governance.ts";
import { ErgoAddress } from "@fleet-sdk/core";
import { ownerAddress } from "../../../ergo/addresses.ts";
import { addressNetwork, type NetworkName } from "../../../ergo/network.ts";
import type { ProposalOutcome, ProposalRow, VoteRow } from "../governance-schema.ts";
import type { CommunityBoxRow } from "../schema.ts";

export const POLICY_FIELDS = ["creditLimit", "positiveCap", "joinFeeNanoErg", "collateralNanoErg", "maxMembers", "inactivityBlocks"] as const;
export type PolicyTerms = Record<(typeof POLICY_FIELDS)[number], string>;

/** The `change` column as the sync writes it (decimal strings), plus the recipient's address for a payment when the network is known. */
export type ChangeView =
  /** `values`: R9 as written; `policy` null when they are not the plain six (the community would refuse it at execution). */
  | { kind: "policy"; policy: PolicyTerms | null; values: string[] }
  | { kind: "metadata"; metadataHex: string; metadata: Record<string, unknown> | null }
  | { kind: "committee"; committee: string }
  | { kind: "treasury"; amountNanoErg: string; recipientErgoTree: string; recipient?: string };

/** A community's side of a change: the field the change replaces (the treasury for a payment). */
export interface Terms {
  policy?: PolicyTerms | null;
  metadata?: Record<string, unknown> | null;
  committee?: string;
  treasuryNanoErg?: string;
}

/** The community box columns a change's terms are read from. */
export type CommunityTermsRow = Pick<
  CommunityBoxRow,
  "box_id" | "credit_limit" | "positive_cap" | "join_fee_nano_erg" | "collateral_nano_erg" | "max_members" | "inactivity_blocks" | "metadata" | "committee" | "treasury_nano_erg"
>;

export interface ProposalView {
  proposalId: string;
  communityId: string;
  governanceId: string;
  proposer: string;
  proposerAddress: string | null;
  kind: ProposalRow["kind"];
  change: ChangeView;
  before: Terms | null;
  after: Terms | null;
  openedHeight: string;
  endHeight: string;
  seats: string;
  quorumPpm: string;
  majorityPpm: string;
  vetoBlocks: string;
  depositNanoErg: string;
  counts: { for: string; against: string; abstain: string };
  votesCast: number;
  votesCounted: number;
  cursor: string;
  counted: boolean;
  quorumReached: boolean;
  majority: boolean;
  phase: ProposalPhase | null;
  executionWindow: { from: string; until: string };
  outcome: ProposalOutcome | null;
  closedHeight: number | null;
  closedTxId: string | null;
  boxId: string | null;
  proposedHeight: number;
  proposedTxId: string;
  proposedTimestamp: number;
  height: number;
}

/** The community boxes a proposal's before and after are read from (see `beforeAfter`). */
export interface ProposalCommunity {
  /** The community's live box (for a live proposal). */
  live?: CommunityTermsRow;
  /** An executed proposal: the box its execution created, and the one it spent. */
  executedBefore?: CommunityTermsRow;
  executedAfter?: CommunityTermsRow;
}

/** A bigint column (a bigint or a decimal string, by driver) as decimal text. */
export const text = (value: unknown): string => BigInt(value as bigint | string).toString();

const policyOf = (box: CommunityTermsRow): PolicyTerms => ({
  creditLimit: text(box.credit_limit), positiveCap: text(box.positive_cap), joinFeeNanoErg: text(box.join_fee_nano_erg),
  collateralNanoErg: text(box.collateral_nano_erg), maxMembers: text(box.max_members), inactivityBlocks: text(box.inactivity_blocks),
});

/** A community box in the terms of a change of `kind`. */
export function termsOf(kind: ChangeView["kind"], box: CommunityTermsRow): Terms {
  switch (kind) {
    case "policy": return { policy: policyOf(box) };
    case "metadata": return { metadata: JSON.parse(box.metadata) as Record<string, unknown> };
    case "committee": return { committee: box.committee };
    case "treasury": return { treasuryNanoErg: text(box.treasury_nano_erg) };
  }
}

/** What `change` sets, applied to `before` (a payment lowers the treasury; without `before` its result is unknown: null). */
export function applyChange(change: ChangeView, before: Terms | null): Terms | null {
  switch (change.kind) {
    case "policy": return { policy: change.policy };
    case "metadata": return { metadata: change.metadata };
    case "committee": return { committee: change.committee };
    case "treasury":
      return before?.treasuryNanoErg === undefined ? null : { treasuryNanoErg: (BigInt(before.treasuryNanoErg) - BigInt(change.amountNanoErg)).toString() };
  }
}

/**
 * A proposal's change before and after: live, the community's live box and that box changed;
 * executed, the boxes its execution spent and created; otherwise closed, no before and the change's new value.
 */
export function beforeAfter(outcome: ProposalOutcome | null, change: ChangeView, community: ProposalCommunity): { before: Terms | null; after: Terms | null } {
  if (outcome === null) {
    const before = community.live ? termsOf(change.kind, community.live) : null;
    return { before, after: applyChange(change, before) };
  }
  if (outcome === "executed" && community.executedAfter) {
    return {
      before: community.executedBefore ? termsOf(change.kind, community.executedBefore) : null,
      after: termsOf(change.kind, community.executedAfter),
    };
  }
  return { before: null, after: applyChange(change, null) };
}

/** The `change` column, with the payment recipient's address on a known network. */
export function changeOf(json: string, network: NetworkName | undefined): ChangeView {
  const change = JSON.parse(json) as ChangeView;
  if (change.kind !== "treasury" || network === undefined) return change;
  try {
    const recipient = ErgoAddress.fromErgoTree(change.recipientErgoTree, addressNetwork(network)).encode(addressNetwork(network));
    return { ...change, recipient };
  } catch {
    return change;
  }
}

/** The proposal's verdict: quorum, majority and phase at `height`, by the contracts' rules. */
function verdict(row: ProposalRow, height: number) {
  const state = {
    endHeight: BigInt(row.end_height), vetoBlocks: BigInt(row.veto_blocks), seats: BigInt(row.seats), quorumPpm: BigInt(row.quorum_ppm),
    majorityPpm: BigInt(row.majority_ppm), cursor: BigInt(row.cursor),
    counts: { for: BigInt(row.votes_for), against: BigInt(row.votes_against), abstain: BigInt(row.votes_abstain) },
  };
  // proposalPhase reads only these fields of a Proposal.
  const judged = state as Proposal;
  const window = executionWindow(judged);
  return {
    counted: state.cursor === GOVERNANCE_KEY_MAX, quorumReached: reachesQuorum(state), majority: hasMajority(state),
    phase: row.outcome === null ? proposalPhase(judged, height) : null,
    executionWindow: { from: window.from.toString(), until: window.until.toString() },
  };
}

/** A proposal row as the API answers it, judged at `height` (the indexed tip + 1). */
export function proposalView(row: ProposalRow, community: ProposalCommunity, height: number, network?: NetworkName): ProposalView {
  const change = changeOf(row.change, network);
  return {
    proposalId: row.proposal_id, communityId: row.community_id, governanceId: row.governance_id, proposer: row.proposer,
    proposerAddress: network === undefined ? null : (ownerAddress(row.proposer, network) ?? null), kind: row.kind, change,
    ...beforeAfter(row.outcome, change, community),
    openedHeight: text(row.opened_height), endHeight: text(row.end_height), seats: text(row.seats), quorumPpm: text(row.quorum_ppm),
    majorityPpm: text(row.majority_ppm), vetoBlocks: text(row.veto_blocks), depositNanoErg: text(row.deposit_nano_erg),
    counts: { for: text(row.votes_for), against: text(row.votes_against), abstain: text(row.votes_abstain) },
    votesCast: row.votes_cast, votesCounted: row.votes_counted, cursor: text(row.cursor),
    ...verdict(row, height),
    outcome: row.outcome, closedHeight: row.outcome_height, closedTxId: row.outcome_tx_id, boxId: row.outcome === null ? row.box_id : null,
    proposedHeight: row.proposed_height, proposedTxId: row.proposed_tx_id, proposedTimestamp: Number(row.proposed_timestamp), height,
  };
}

export interface VoteView {
  accountId: string | null;
  voterKey: string;
  choice: VoteRow["choice"];
  height: number;
  txId: string;
  timestamp: number;
  counted: boolean;
  countedHeight: number | null;
  countedTxId: string | null;
}

/** A vote row as the API answers it. */
export const voteView = (row: VoteRow): VoteView => ({
  accountId: row.account_id, voterKey: row.voter_key, choice: row.choice, height: row.height, txId: row.tx_id, timestamp: Number(row.timestamp),
  counted: row.counted_height !== null, countedHeight: row.counted_height, countedTxId: row.counted_tx_id,
});

/** The switch's warning when units went anywhere but the governance box, else null. */
export function misplacedWarning(misplaced: bigint): string | null {
  if (misplaced <= 0n) return null;
  const units = misplaced === 1n ? "1 governance unit was" : `${misplaced} governance units were`;
  return `${units} minted outside the governance box at the switch: whoever holds one can change the community's rules alone`;
}
