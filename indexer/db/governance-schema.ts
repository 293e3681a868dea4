/**
 * The member governance tables (migration 0021, docs/governance.md, docs/indexer.md), joined into
 * `Database`. Money, vote units, keys and the cursor are `numeric`: written as bigint, read back as
 * decimal strings.
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

type Numeric = ColumnType<string, bigint | string, bigint | string>;
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;

/** How a proposal closed: its outcome (null while it is live). `lost` is a storage-rent spend that freed its unit. */
export type ProposalOutcome = "executed" | "refunded" | "vetoed" | "forfeited" | "lost";

/** What a transaction did to a proposal. */
export type ProposalEventKind = "propose" | "tally" | "execute" | "refund" | "veto" | "forfeit" | "rent";

/** One row per switched community. */
export interface GovernancesTable {
  community_id: string;
  governance_id: string;
  switch_tx_id: string;
  switch_height: number;
  switch_timestamp: Int64;
  /** Units of the governance token the switch minted. */
  minted: Numeric;
  /** Of those, the units the switch put anywhere but a governance box of this community. */
  misplaced: Numeric;
}

/** Every governance box, one row per version. */
export interface GovernanceBoxesTable {
  box_id: string;
  governance_id: string;
  community_id: string;
  version: number;
  remaining: Numeric;
  quorum_ppm: Int64;
  majority_ppm: Int64;
  deposit_nano_erg: Numeric;
  min_window_blocks: Int64;
  max_window_blocks: Int64;
  veto_blocks: Int64;
  value_nano_erg: Numeric;
  tx_id: string;
  height: number;
  creation_height: number;
  spent_height: number | null;
}

/** One row per proposal: what it proposes, and its live (or last) state. */
export interface ProposalsTable {
  proposal_id: string;
  community_id: string;
  governance_id: string;
  proposer: string;
  kind: "policy" | "metadata" | "committee" | "treasury";
  /** JSON: the `ProposalChange`, amounts and policy fields as decimal strings. */
  change: string;
  opened_height: Int64;
  end_height: Int64;
  seats: Int64;
  quorum_ppm: Int64;
  majority_ppm: Int64;
  veto_blocks: Int64;
  deposit_nano_erg: Numeric;
  proposed_tx_id: string;
  proposed_height: number;
  proposed_timestamp: Int64;
  box_id: string;
  version: number;
  votes_for: Numeric;
  votes_against: Numeric;
  votes_abstain: Numeric;
  cursor: Numeric;
  votes_cast: number;
  votes_counted: number;
  outcome: ProposalOutcome | null;
  outcome_tx_id: string | null;
  outcome_height: number | null;
}

/** Every proposal box, one row per version. */
export interface ProposalBoxesTable {
  box_id: string;
  proposal_id: string;
  version: number;
  tx_id: string;
  height: number;
  votes_for: Numeric;
  votes_against: Numeric;
  votes_abstain: Numeric;
  cursor: Numeric;
  value_nano_erg: Numeric;
  creation_height: number;
  spent_height: number | null;
}

/** Every box of a proposal's vote list, one row per version. */
export interface VoteBoxesTable {
  box_id: string;
  proposal_id: string;
  /** -1 for the head. */
  vote_key: Numeric;
  next_key: Numeric;
  /** null for the head. */
  choice: "for" | "against" | "abstain" | null;
  units: Numeric;
  value_nano_erg: Numeric;
  tx_id: string;
  height: number;
  creation_height: number;
  spent_height: number | null;
}

/** One row per vote cast. */
export interface VotesTable {
  proposal_id: string;
  /** The key: the first 24 bytes of the voter's accountId, 48 hex digits. */
  voter_key: string;
  community_id: string;
  /** The account of the community whose id starts with the key (the one that voted), once matched. */
  account_id: string | null;
  choice: "for" | "against" | "abstain";
  tx_id: string;
  height: number;
  timestamp: Int64;
  counted_tx_id: string | null;
  counted_height: number | null;
}

/** What a transaction did to a proposal. */
export interface ProposalEventsTable {
  proposal_id: string;
  tx_id: string;
  height: number;
  timestamp: Int64;
  kind: ProposalEventKind;
  /** tally: the votes it counted (the head included when it was counted). */
  votes_counted: number | null;
  /** execute (a treasury payment): what it paid; refund, veto: the deposit returned; forfeit: the deposit to the treasury; rent: the ERG taken. */
  amount_nano_erg: Numeric | null;
}

export interface GovernanceTables {
  governances: GovernancesTable;
  governance_boxes: GovernanceBoxesTable;
  proposals: ProposalsTable;
  proposal_boxes: ProposalBoxesTable;
  vote_boxes: VoteBoxesTable;
  votes: VotesTable;
  proposal_events: ProposalEventsTable;
}

export type ProposalRow = Selectable<ProposalsTable>;
export type VoteRow = Selectable<VotesTable>;
export type NewGovernance = Insertable<GovernancesTable>;
export type NewGovernanceBox = Insertable<GovernanceBoxesTable>;
export type NewProposal = Insertable<ProposalsTable>;
export type NewProposalBox = Insertable<ProposalBoxesTable>;
export type NewVoteBox = Insertable<VoteBoxesTable>;
export type NewVote = Insertable<VotesTable>;
export type NewProposalEvent = Insertable<ProposalEventsTable>;
