/**
 * The underwriting tables (migration 0018, docs/underwriting.md), joined into `Database`. Units and
 * nanoERG are `numeric`: written as bigint, read back as decimal strings.
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

type Numeric = ColumnType<string, bigint | string, bigint | string>;
type NullableNumeric = ColumnType<string | null, bigint | string | null, bigint | string | null>;
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;

/** What a stake is now: an offer, an active stake, or how it ended. */
export type StakeState = "offer" | "active" | "cancelled" | "withdrawn" | "returned" | "settled";
/** What a transaction did to a stake. */
export type StakeEventKind = "offered" | "accepted" | "refreshed" | "cancelled" | "withdrawn" | "exited";
/** The account exit that settled a stake. */
export type StakeExitKind = "leave" | "default" | "close";

/** One row per offer (its box id is the stake's id), its state rebuilt from its newest event. */
export interface UnderwritingStakesTable {
  stake_id: string;
  community_id: string;
  account_id: string;
  underwriter: string;
  raise: Numeric;
  premium: Numeric;
  premium_account_id: string | null;
  stake_nano_erg: Numeric;
  state: StakeState;
  box_id: string;
  version: number;
  offered_height: number;
  offered_tx_id: string;
  offered_timestamp: Int64;
  accepted_height: number | null;
  accepted_tx_id: string | null;
  ended_height: number | null;
  ended_tx_id: string | null;
  exit_kind: StakeExitKind | null;
  lost_nano_erg: NullableNumeric;
  returned_nano_erg: NullableNumeric;
}

/** Every underwriting box followed, one row per version (0 the offer). */
export interface UnderwritingBoxesTable {
  box_id: string;
  stake_id: string;
  version: number;
  state: "offer" | "active";
  community_id: string;
  account_id: string;
  tx_id: string;
  height: number;
  stake_nano_erg: Numeric;
  creation_height: number;
  spent_height: number | null;
}

/** What one transaction did to one stake. */
export interface UnderwritingEventsTable {
  tx_id: string;
  stake_id: string;
  height: number;
  timestamp: Int64;
  event: StakeEventKind;
  box_id: string | null;
  stake_nano_erg: Numeric;
  exit_kind: StakeExitKind | null;
  lost_nano_erg: NullableNumeric;
  returned_nano_erg: NullableNumeric;
}

export interface UnderwritingTables {
  underwriting_stakes: UnderwritingStakesTable;
  underwriting_boxes: UnderwritingBoxesTable;
  underwriting_events: UnderwritingEventsTable;
}

export type StakeRow = Selectable<UnderwritingStakesTable>;
export type NewStake = Insertable<UnderwritingStakesTable>;
export type NewUnderwritingBox = Insertable<UnderwritingBoxesTable>;
export type NewUnderwritingEvent = Insertable<UnderwritingEventsTable>;
