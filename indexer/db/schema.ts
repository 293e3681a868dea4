/** The database as kysely sees it: one interface per table; row types derive from these. */
import type { ColumnType, Insertable, Selectable } from "kysely";
import type { DeskTables } from "./desk-schema.ts";
import type { EscrowTables } from "./escrow-schema.ts";
import type { UnderwritingTables } from "./underwriting-schema.ts";
import type { LoanTables } from "./loan-schema.ts";
import type { GovernanceTables } from "./governance-schema.ts";

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

export interface CommunityBoxesTable extends CommunityLeversColumns {
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
  /** R8: the governance token id once switched to member governance (version 9), else null. */
  governance_id: string | null;
}

/** The levers an economics account copies at join (R6 values 5..13; docs/economics.md); null when plain. */
export interface AccountLeversColumns {
  demurrage_ppm: Int64 | null;
  demurrage_period: Int64 | null;
  fee_bps: Int64 | null;
  fee_min: Int64 | null;
  turnover_ppm: Int64 | null;
  step_units: Int64 | null;
  step_blocks: Int64 | null;
  max_credit_limit: Int64 | null;
  newcomer_blocks: Int64 | null;
}

/** The levers of an economics policy (R4 values 6..16): the account's, then two the community alone holds. */
export interface CommunityLeversColumns extends AccountLeversColumns {
  allowance: Int64 | null;
  sweep_min: Int64 | null;
}

/**
 * An economics account's levers fixed at join (R6 values 5..13) and its R9 state; null on a plain
 * account. `allowance` is the unused newcomer allowance (R9), not a lever.
 */
export interface AccountEconomicsColumns extends AccountLeversColumns {
  accrued: Int64 | null;
  charged_height: Int64 | null;
  received: Int64 | null;
  allowance: Int64 | null;
  carry: Int64 | null;
}

export interface AccountBoxesTable extends AccountEconomicsColumns {
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
  /**
   * A plain account's R9 (version 5, docs/batches.md): the sequence number of its owner's next
   * payment order; null on an economics account and on rows from before migration 0012.
   */
  next_seq: Int64 | null;
  /**
   * A backed account's backing (version 8, docs/underwriting.md, migration 0018): the units its
   * stakes raise (included in credit_limit) and their 16-byte keys, comma-separated; null when unbacked.
   */
  backed: ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;
  stake_keys: ColumnType<string | null, string | null | undefined, string | null>;
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
  /**
   * nanoERG the payee's owner received in the same transaction (a mixed payment; numeric): 0 when
   * none, and always 0 on a batch settlement's legs; null on rows from before migration 0015.
   */
  erg_nano_erg: ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;
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
  /** The marketplace note refused (listing, review, shop, listing-ref); null for a memo or profile. */
  note: string | null;
}

/** A listing's fields as its author wrote them (contracts/market/listing.ts). */
export interface ListingColumns {
  kind: string;
  title: string;
  description: string | null;
  category: string;
  price_type: string;
  /** Whole units of the community's smallest unit; null for a negotiable price. */
  price_units: string | null;
  lat: number | null;
  lon: number | null;
  place: string | null;
  contact: string | null;
  expiry_height: number;
}

/** A listing as it stands: its newest publish or edit, and its withdrawal if any. */
export interface ListingsTable extends ListingColumns {
  /** The box id of the account input whose note published it. */
  id: string;
  community_id: string;
  account_id: string;
  published_tx_id: string;
  published_height: number;
  published_position: number;
  published_timestamp: Int64;
  updated_tx_id: string;
  updated_height: number;
  withdrawn_height: number | null;
  /** Stored tsvector of title and description ('simple'), written by PostgreSQL. */
  search: ColumnType<string, never, never>;
}

/** One publish, edit or withdrawal, with the whole listing after it (what undoing a block restores from). */
export interface ListingEventsTable extends ListingColumns {
  listing_id: string;
  tx_id: string;
  height: number;
  position: number;
  timestamp: Int64;
  op: string;
}

/** The first review of one payment leg (payment, reviewer, payee). */
export interface ReviewsTable {
  payment_tx_id: string;
  reviewer: string;
  payee: string;
  community_id: string;
  rating: number;
  text: string | null;
  tx_id: string;
  height: number;
  position: number;
  timestamp: Int64;
}

/** A shop note (set or close) of an account; the newest by (height, position) holds. */
export interface ShopsTable {
  account_id: string;
  tx_id: string;
  height: number;
  position: number;
  community_id: string;
  closed: boolean;
  name: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  hours: string | null;
  /** Other community ids the shop accepts, comma-separated ("" for none). */
  accepts: string;
}

/** The listing a payer's payment is for. */
export interface PaymentListingsTable {
  tx_id: string;
  payer: string;
  listing_id: string;
  community_id: string;
  height: number;
}

/** A trade line, as its propose fixed it (docs/inter-lets.md). */
export interface LinesTable {
  line_id: string;
  community_a: string;
  community_b: string;
  community_tree_hash: string;
  /** The propose transaction. */
  tx_id: string;
  created_height: number;
}

/** The terms columns of a line (R5). */
interface LineTermsColumns {
  rate_num: Int64;
  rate_den: Int64;
  cap_a: Int64;
  cap_b: Int64;
  fee_a: Int64;
  fee_b: Int64;
  shards: Int64;
}

/** Every line box; the live one (`spent_height` null) is the line's current state. */
export interface LineBoxesTable extends LineTermsColumns {
  box_id: string;
  line_id: string;
  tx_id: string;
  status: string;
  paused_a: boolean;
  paused_b: boolean;
  /** The pending change as JSON (`{ proposer, kind, terms? }`, amounts as strings), or null. */
  pending: string | null;
  value_nano_erg: Int64;
  creation_height: number;
  created_height: number;
  spent_height: number | null;
}

/** Every gateway box: one end of one shard of a line, in one community. */
export interface GatewayBoxesTable {
  box_id: string;
  gateway_id: string;
  line_id: string;
  community_id: string;
  side: number;
  shard: number;
  tx_id: string;
  /** Position + fees held: what the community's books count. */
  balance: Int64;
  fees_held: Int64;
  position: Int64;
  max_units: Int64;
  value_nano_erg: Int64;
  creation_height: number;
  created_height: number;
  spent_height: number | null;
}

/** What a transaction did to a line (`kind` a `LineEventKind`), with the line after it (the line box it read, for a shard refreshed). */
export interface LineEventsTable extends LineTermsColumns {
  line_id: string;
  tx_id: string;
  seq: number;
  height: number;
  timestamp: Int64;
  kind: string;
  side: number | null;
  /** The shard a `shard-refreshed` recreated the ends of; null otherwise. */
  shard: number | null;
  box_id: string;
  status: string;
  paused_a: boolean;
  paused_b: boolean;
  pending: string | null;
}

/** One cross payment, both legs. `line_ids` is the route, comma-separated. */
export interface CrossPaymentsTable {
  tx_id: string;
  leg: number;
  height: number;
  timestamp: Int64;
  payer_community: string;
  payer: string;
  debit: Int64;
  payee_community: string;
  payee: string;
  received: Int64;
  line_ids: string;
}

/** One hop of a cross payment. */
export interface CrossPaymentHopsTable {
  tx_id: string;
  leg: number;
  hop: number;
  height: number;
  line_id: string;
  shard: number;
  from_side: number;
  from_community: string;
  to_community: string;
  sent: Int64;
  sender_fee: Int64;
  converted: Int64;
  receiver_fee: Int64;
  delivered: Int64;
}

/**
 * What a transaction charged one economics account, or moved between it and its community
 * (`kind` an `EconomicsEventKind` of `sync/lets-events.ts`); one row per account and transaction.
 */
export interface EconomicsEventsTable {
  tx_id: string;
  account_id: string;
  height: number;
  timestamp: Int64;
  community_id: string;
  kind: string;
  /** The usage fee the account paid (as a payer). */
  fee: Int64;
  /** Demurrage charged (a payment, a top-up, a sweep). */
  demurrage: Int64;
  /** Newcomer allowance spent on a purchase. */
  allowance_used: Int64;
  /** Allowance issued from the community balance at join. */
  allowance_issued: Int64;
  /** Unused allowance returned to the community balance at exit. */
  allowance_returned: Int64;
  /** Charges moved into the community balance: by a sweep (accrued + the demurrage it charged) or an exit (accrued). */
  collected: Int64;
}

/** Every box of the batch tree (contract version 5, docs/batches.md); a settlement spends one as its first input. */
export interface BatchBoxesTable {
  box_id: string;
  tx_id: string;
  value_nano_erg: Int64;
  creation_height: number;
  created_height: number;
  spent_height: number | null;
}

/** One batch settlement: its community, how many orders it settled, the units they moved, who settled. */
export interface BatchesTable {
  tx_id: string;
  height: number;
  timestamp: Int64;
  community_id: string;
  /** The batch box it spent first. */
  batch_box_id: string;
  orders: number;
  total: Int64;
  /** The single key its change went to (`08cd` + key), or null. */
  settler: string | null;
}

/** An order a settlement carried, one row per leg (its payment leg has the same number). */
export interface SettledOrdersTable {
  tx_id: string;
  leg: number;
  order_id: string;
  height: number;
  timestamp: Int64;
  community_id: string;
  payer: string;
  payee: string;
  amount: Int64;
  seq: Int64;
  expiry: Int64;
  commitment: string;
  /** The signature's response (below 2^255), in decimal. */
  response: string;
}

/** An order a settlement waiting in the node's mempool carries; replaced with the mempool view. */
export interface UnconfirmedSettlementsTable {
  tx_id: string;
  leg: number;
  order_id: string;
  community_id: string;
  base_height: number;
}

/** A payment order posted to the API; what became of it is read from the chain tables (`queries/orders.ts`). */
export interface PaymentOrdersTable {
  order_id: string;
  community_id: string;
  payer: string;
  payee: string;
  amount: Int64;
  seq: Int64;
  expiry: Int64;
  commitment: string;
  response: string;
  /** When it came (ms) and the indexed tip then. */
  received_at: Int64;
  received_height: number;
  /** The settlement the settlement service submitted with it, and the indexed tip then. */
  submitted_tx_id: string | null;
  submitted_height: number | null;
  /** Why the settlement service last left it out, or null. */
  reason: string | null;
}

/** Every table; the exchange desk's are in desk-schema.ts, the escrows' in escrow-schema.ts, underwriting's in underwriting-schema.ts, the loans' in loan-schema.ts, governance's in governance-schema.ts. */
export interface Database extends DeskTables, EscrowTables, UnderwritingTables, LoanTables, GovernanceTables {
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
  lines: LinesTable;
  line_boxes: LineBoxesTable;
  gateway_boxes: GatewayBoxesTable;
  line_events: LineEventsTable;
  cross_payments: CrossPaymentsTable;
  cross_payment_hops: CrossPaymentHopsTable;
  economics_events: EconomicsEventsTable;
  batch_boxes: BatchBoxesTable;
  batches: BatchesTable;
  settled_orders: SettledOrdersTable;
  unconfirmed_settlements: UnconfirmedSettlementsTable;
  payment_orders: PaymentOrdersTable;
  listings: ListingsTable;
  listing_events: ListingEventsTable;
  reviews: ReviewsTable;
  shops: ShopsTable;
  payment_listings: PaymentListingsTable;
}

export type AccountBoxRow = Selectable<AccountBoxesTable>;
export type CommunityBoxRow = Selectable<CommunityBoxesTable>;
export type NewAccountBox = Insertable<AccountBoxesTable>;
export type NewCommunityBox = Insertable<CommunityBoxesTable>;
export type LineBoxRow = Selectable<LineBoxesTable>;
export type GatewayBoxRow = Selectable<GatewayBoxesTable>;
export type NewLineBox = Insertable<LineBoxesTable>;
export type NewGatewayBox = Insertable<GatewayBoxesTable>;
export type NewEconomicsEvent = Insertable<EconomicsEventsTable>;
export type BatchBoxRow = Selectable<BatchBoxesTable>;
export type NewBatchBox = Insertable<BatchBoxesTable>;
export type NewBatch = Insertable<BatchesTable>;
export type NewSettledOrder = Insertable<SettledOrdersTable>;
export type NewListingEvent = Insertable<ListingEventsTable>;
export type ListingEventRow = Selectable<ListingEventsTable>;
