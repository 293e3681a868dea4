/**
 * The loan tables (migration 0019, docs/loans.md, docs/indexer.md), joined into `Database`. Money
 * is `numeric`: written as bigint, read back as decimal strings.
 */
import type { ColumnType, Insertable, Selectable } from "kysely";

type Numeric = ColumnType<string, bigint | string, bigint | string>;
type NullableNumeric = ColumnType<string | null, bigint | string | null, bigint | string | null>;
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;

/** Where a loan stands, as the sync keeps it (the schedule's state at a height is the API's). */
export type LoanStateName = "offered" | "funded" | "repaid" | "defaulted" | "cancelled" | "released";

/** What a transaction did to a loan. */
export type LoanEventKind = "offer" | "fund" | "draw" | "repay" | "claim" | "release" | "cancel" | "rent";

/** One row per loan: its terms and offer, and its live (or last) state. */
export interface LoansTable {
  loan_id: string;
  bank: string;
  business: string;
  investor: string | null;
  /** JSON: [{ amountNanoErg, unlockHeight }] as decimal strings. */
  tranches: string;
  /** JSON: [{ amountNanoErg, dueHeight }] as decimal strings. */
  instalments: string;
  grace_blocks: Int64;
  principal_nano_erg: Numeric;
  total_owed_nano_erg: Numeric;
  last_due_height: Int64;
  offered_height: number;
  offered_tx_id: string;
  offered_timestamp: Int64;
  bond_posted_nano_erg: Numeric;
  state: LoanStateName;
  box_id: string;
  version: number;
  value_nano_erg: Numeric;
  drawn: number;
  repaid_nano_erg: Numeric;
  claimed_nano_erg: Numeric;
  bond_nano_erg: Numeric;
  bond_paid_out_nano_erg: Numeric;
  bond_returned_nano_erg: NullableNumeric;
  funded_height: number | null;
  ended_height: number | null;
  ended_tx_id: string | null;
}

/** Every loan box, one row per version. */
export interface LoanBoxesTable {
  box_id: string;
  loan_id: string;
  version: number;
  tx_id: string;
  height: number;
  investor: string | null;
  drawn: number;
  repaid_nano_erg: Numeric;
  claimed_nano_erg: Numeric;
  value_nano_erg: Numeric;
  creation_height: number;
  spent_height: number | null;
}

/** Every bond box of a loan. */
export interface LoanBondsTable {
  box_id: string;
  loan_id: string;
  version: number;
  tx_id: string;
  height: number;
  value_nano_erg: Numeric;
  creation_height: number;
  spent_height: number | null;
}

/** What a transaction did to a loan (`seq` orders one transaction's events). */
export interface LoanEventsTable {
  loan_id: string;
  tx_id: string;
  seq: number;
  height: number;
  timestamp: Int64;
  kind: LoanEventKind;
  /** draw: the tranche's index. */
  tranche: number | null;
  /** fund: the principal; draw: the tranche; repay, claim: the amount; rent: the ERG taken. */
  amount_nano_erg: NullableNumeric;
  /** claim: what left the bond; release, cancel: what the bond gave back to the bank. */
  bond_nano_erg: NullableNumeric;
  /** draw: before its unlock height, so with the bank's signature. */
  milestone: boolean | null;
}

export interface LoanTables {
  loans: LoansTable;
  loan_boxes: LoanBoxesTable;
  loan_bonds: LoanBondsTable;
  loan_events: LoanEventsTable;
}

export type LoanRow = Selectable<LoansTable>;
export type NewLoan = Insertable<LoansTable>;
export type NewLoanBox = Insertable<LoanBoxesTable>;
export type NewLoanBond = Insertable<LoanBondsTable>;
export type NewLoanEvent = Insertable<LoanEventsTable>;
