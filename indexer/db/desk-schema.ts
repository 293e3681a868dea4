/**
 * The exchange desk's tables (migration 0016, docs/desk.md), joined into `Database`. Amounts are
 * `numeric`: written as bigint, read back as decimal strings. Terms are JSON text with every number
 * a decimal string (`deskTermsJson`).
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

/** A numeric column: written as bigint (or its decimal string), read as a decimal string. */
type Numeric = ColumnType<string, bigint | string, bigint | string>;
type NullableNumeric = ColumnType<string | null, bigint | string | null, bigint | string | null>;
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;

/** One row per desk: its live box (the highest version of `desk_states`). */
export interface DesksTable {
  desk_id: string;
  community_id: string;
  box_id: string;
  opened_height: number;
  opened_tx_id: string;
  terms: string;
  pending: string | null;
  balance: Numeric;
  reserve_nano_erg: Numeric;
  committee: string;
  /** The price of the last oracle-priced trade (nanoERG per USD), 1 after a fixed-rate one; null before any trade. */
  last_price: NullableNumeric;
  creation_height: number;
  version: number;
  updated_height: number;
}

/** Every desk box, one row per version. */
export interface DeskStatesTable {
  box_id: string;
  desk_id: string;
  version: number;
  community_id: string;
  tx_id: string;
  height: number;
  timestamp: Int64;
  terms: string;
  pending: string | null;
  balance: Numeric;
  reserve_nano_erg: Numeric;
  committee: string;
  last_price: NullableNumeric;
  creation_height: number;
  spent_height: number | null;
}

/** A buy (the desk issued units to the account) or a sell (the account sold units back). */
export interface DeskTradesTable {
  tx_id: string;
  desk_id: string;
  community_id: string;
  height: number;
  /** The transaction's place in its block. */
  position: number;
  timestamp: Int64;
  side: "buy" | "sell";
  account_id: string;
  units: Numeric;
  nano_erg: Numeric;
  /** 1 at a fixed rate, the oracle's nanoERG per USD otherwise; null when the pool box was not seen. */
  price: NullableNumeric;
  oracle_box_id: string | null;
  /** What the fee kept, in nanoERG: a buy's payment above the units' worth, a sell's worth above its payout; null without a price. */
  fee_nano_erg: NullableNumeric;
}

/** What a transaction did to a desk besides trading. */
export interface DeskEventsTable {
  tx_id: string;
  desk_id: string;
  seq: number;
  community_id: string;
  height: number;
  position: number;
  timestamp: Int64;
  kind: string;
  /** Deposit, withdrawal, refresh: the reserve's change (positive in, negative out). */
  nano_erg: NullableNumeric;
  /** Announce and applied: the terms (JSON); null otherwise. */
  terms: string | null;
  effective_height: Int64 | null;
  /** Committee changes: the new committee. */
  committee: string | null;
}

/** An oracle pool box made on chain whose NFT some desk names. */
export interface DeskOracleBoxesTable {
  box_id: string;
  nft: string;
  nano_erg_per_usd: Numeric;
  creation_height: number;
  tx_id: string;
  height: number;
}

/** The desk's tables, by name. */
export interface DeskTables {
  desks: DesksTable;
  desk_states: DeskStatesTable;
  desk_trades: DeskTradesTable;
  desk_events: DeskEventsTable;
  desk_oracle_boxes: DeskOracleBoxesTable;
}

export type DeskRow = Selectable<DesksTable>;
export type DeskStateRow = Selectable<DeskStatesTable>;
export type NewDeskState = Insertable<DeskStatesTable>;
export type NewDeskTrade = Insertable<DeskTradesTable>;
export type NewDeskEvent = Insertable<DeskEventsTable>;
export type NewDeskOracleBox = Insertable<DeskOracleBoxesTable>;
