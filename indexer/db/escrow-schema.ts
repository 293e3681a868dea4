/**
 * The escrow tables (migration 0017, docs/escrow.md), joined into `Database`. Units are `numeric`:
 * written as bigint, read back as decimal strings.
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

type Numeric = ColumnType<string, bigint | string, bigint | string>;
type NullableNumeric = ColumnType<string | null, bigint | string | null, bigint | string | null>;
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;
type NullableInt64 = ColumnType<bigint | string | null, bigint | string | null, bigint | string | null>;

/** One row per escrow: its opening, its closing, and its live (or last) box as the newest `escrow_boxes` row states it. */
export interface EscrowsTable {
  escrow_id: string;
  community_id: string;
  owner: string;
  account_id: string;
  opened_height: number;
  opened_tx_id: string;
  opened_timestamp: Int64;
  closed_height: number | null;
  closed_tx_id: string | null;
  box_id: string;
  version: number;
  balance: Numeric;
  deposit_nano_erg: Numeric;
  order_id: string | null;
}

/** Every escrow box, one row per version. */
export interface EscrowBoxesTable {
  box_id: string;
  escrow_id: string;
  version: number;
  community_id: string;
  tx_id: string;
  height: number;
  balance: Numeric;
  deposit_nano_erg: Numeric;
  order_id: string | null;
  owner: string;
  creation_height: number;
  spent_height: number | null;
}

/** One row per order; the settlement's columns are null while it is open. */
export interface EscrowOrdersTable {
  order_id: string;
  escrow_id: string;
  community_id: string;
  payer_id: string;
  payee_id: string;
  max_units: Numeric;
  minimum_units: Numeric;
  deadline: Int64;
  reference: string;
  committed_height: number;
  committed_tx_id: string;
  committed_timestamp: Int64;
  status: "open" | "settled";
  settled_height: number | null;
  settled_tx_id: string | null;
  settled_timestamp: NullableInt64;
  released_units: NullableNumeric;
  returned_units: NullableNumeric;
  outcome: "released" | "refunded" | "claimed" | null;
}

export interface EscrowTables {
  escrows: EscrowsTable;
  escrow_boxes: EscrowBoxesTable;
  escrow_orders: EscrowOrdersTable;
}

export type EscrowRow = Selectable<EscrowsTable>;
export type NewEscrow = Insertable<EscrowsTable>;
export type NewEscrowBox = Insertable<EscrowBoxesTable>;
export type NewEscrowOrder = Insertable<EscrowOrdersTable>;
