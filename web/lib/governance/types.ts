/**
 * Member governance as the web shows it (docs/governance.md, docs/web.md "Governance"): the mode,
 * the rules, and a proposal's change as before and after values. Built from the contracts' decoded
 * boxes (live proposals, read from the node) or from the indexer's answers (history). Pure types.
 */
import type { GovernanceRules, ProposalPhase, VoteCounts } from "$contracts/governance/governance.ts";

export type { ProposalPhase, VoteCounts };

/** Who decides: the committee alone, the members, or the members with a committee veto for a while. */
export type GovernanceMode = "committee" | "members" | "members-with-veto";

/** The voting rules, as the governance box holds them (amounts and blocks as bigint). */
export type RulesView = GovernanceRules;

/** The policy fields a proposal may change (maxMembers is fixed at creation but shown). */
export interface PolicyView {
  creditLimit: bigint;
  positiveCap: bigint;
  joinFeeNanoErg: bigint;
  collateralNanoErg: bigint;
  maxMembers: bigint;
  inactivityBlocks: bigint;
}

export const POLICY_FIELDS = ["creditLimit", "positiveCap", "joinFeeNanoErg", "collateralNanoErg", "maxMembers", "inactivityBlocks"] as const;

/** The metadata as people read it (extra keys kept as text). */
export type MetadataView = Record<string, unknown>;

/** A proposal's change with the value it replaces (null when not known, e.g. an old proposal the indexer did not record). */
export type ChangeView =
  | { kind: "policy"; before: PolicyView | null; after: PolicyView }
  | { kind: "metadata"; before: MetadataView | null; after: MetadataView }
  | { kind: "committee"; before: string | null; after: string }
  | { kind: "treasury"; amountNanoErg: bigint; recipient: string; treasuryBeforeNanoErg: bigint | null };

/** How a closed proposal ended. */
export type ProposalOutcome = "executed" | "refunded" | "vetoed" | "forfeited" | "lost";

/** One proposal as the pages show it. */
export interface ProposalView {
  proposalId: string;
  communityId: string;
  /** Serialized SigmaProp of the proposer, and its address when it is one key. */
  proposer: string;
  proposerAddress: string | null;
  change: ChangeView;
  openedHeight: bigint;
  endHeight: bigint;
  seats: bigint;
  quorumPpm: bigint;
  majorityPpm: bigint;
  vetoBlocks: bigint;
  depositNanoErg: bigint;
  /** Counted by tallies so far, plus (while live) the votes cast and not yet counted. */
  counts: VoteCounts;
  /** True once every vote is counted. */
  counted: boolean;
  /** Live: its phase now; closed: null (see outcome). */
  phase: ProposalPhase | null;
  outcome: ProposalOutcome | null;
  closedHeight: bigint | null;
  closedTxId: string | null;
  /** The live proposal box (open proposals only). */
  boxId: string | null;
}

/** Units of the community's currency, for amounts in units. */
export interface UnitsView {
  symbol: string;
  decimals: number;
}
