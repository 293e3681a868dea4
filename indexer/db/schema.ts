/** The database as kysely sees it: one interface per table; row types derive from these. */
import type { ColumnType, Insertable, Selectable } from "kysely";

/** A 64-bit integer column: written as bigint, read as bigint or string depending on the driver. */
type Int64 = ColumnType<bigint | string, bigint | string, bigint | string>;

export interface BlocksTable {
  height: number;
  block_id: string;
  parent_id: string;
  timestamp: Int64;
}

export interface CommunitiesTable {
  community_id: string;
  genesis_tx_id: string;
  created_height: number;
}

export interface CommunityBoxesTable {
  box_id: string;
  community_id: string;
  tx_id: string;
  credit_limit: Int64;
  positive_cap: Int64;
  join_fee_nano_erg: Int64;
  collateral_nano_erg: Int64;
  max_members: Int64;
  inactivity_blocks: Int64;
  committee: string;
  metadata: string;
  members_joined: Int64;
  community_balance: Int64;
  seats_left: Int64;
  treasury_nano_erg: Int64;
  created_height: number;
  spent_height: number | null;
  /** The box's own declared creation height (R3): the clock of storage rent and dormancy. */
  creation_height: number;
  /** Why R6 is not valid metadata (then `metadata` holds a fallback with the raw text), or null. */
  metadata_problem: string | null;
}

export interface AccountBoxesTable {
  box_id: string;
  account_id: string;
  community_id: string;
  tx_id: string;
  owner: string;
  balance: Int64;
  credit_limit: Int64;
  positive_cap: Int64;
  collateral_nano_erg: Int64;
  inactivity_blocks: Int64;
  joined_height: Int64;
  last_active_height: Int64;
  value_nano_erg: Int64;
  created_height: number;
  spent_height: number | null;
  /** The box's own declared creation height (R3): the clock of storage rent and dormancy. */
  creation_height: number;
}

export interface EventsTable {
  tx_id: string;
  seq: number;
  height: number;
  timestamp: Int64;
  kind: string;
  community_id: string;
  account_id: string | null;
  amount: Int64 | null;
}

export interface PaymentsTable {
  tx_id: string;
  leg: number;
  height: number;
  timestamp: Int64;
  community_id: string;
  payer: string;
  payee: string;
  amount: Int64;
}

export interface IgnoredBoxesTable {
  box_id: string;
  tx_id: string;
  height: number;
  reason: string;
}

/** What broke a community's guarantees; see `Compromise` in `sync/lets-events.ts`. */
export type CompromiseKind = "escaped-unit" | "forged-account" | "rent-spend";

/** Every compromise kind, in the order the API lists their counts. */
export const COMPROMISE_KINDS: readonly CompromiseKind[] = ["escaped-unit", "forged-account", "rent-spend"];

/** A compromise of a community seen in a transaction (`kind` is a `CompromiseKind`). */
export interface CompromisesTable {
  community_id: string;
  tx_id: string;
  height: number;
  kind: string;
  box_id: string;
  detail: string;
}

/** One account (or community) an unconfirmed LETS transaction touches; `base_height` is the cursor it was decoded against. */
export interface PendingChangesTable {
  tx_id: string;
  seq: number;
  kind: string;
  community_id: string;
  account_id: string | null;
  balance_delta: Int64;
  new_box_id: string | null;
  base_height: number;
  /** The transaction's place in the order the node would apply the mempool (0 first). */
  position: number;
}

/** A payment's memo and the payment request it paid (at least one is set), from the payer's input. */
export interface PaymentNotesTable {
  tx_id: string;
  height: number;
  community_id: string;
  payer: string;
  memo: string | null;
  request_id: string | null;
}

/** A profile an account's owner set; the account's current profile is its row with the highest height. */
export interface ProfilesTable {
  account_id: string;
  tx_id: string;
  height: number;
  timestamp: Int64;
  community_id: string;
  name: string;
  about: string | null;
  link: string | null;
  /** The place in its block of the transaction that set it (the owner's order within a block). */
  position: number;
}

/** A note the indexer did not take, and why. */
export interface RefusedNotesTable {
  tx_id: string;
  box_id: string;
  height: number;
  account_id: string;
  reason: string;
}

export interface Database {
  blocks: BlocksTable;
  communities: CommunitiesTable;
  community_boxes: CommunityBoxesTable;
  account_boxes: AccountBoxesTable;
  events: EventsTable;
  payments: PaymentsTable;
  ignored_boxes: IgnoredBoxesTable;
  compromises: CompromisesTable;
  pending_changes: PendingChangesTable;
  payment_notes: PaymentNotesTable;
  profiles: ProfilesTable;
  refused_notes: RefusedNotesTable;
}

export type AccountBoxRow = Selectable<AccountBoxesTable>;
export type CommunityBoxRow = Selectable<CommunityBoxesTable>;
export type NewAccountBox = Insertable<AccountBoxesTable>;
export type NewCommunityBox = Insertable<CommunityBoxesTable>;
