/** What a block means for LETS: the typed events `applyBlock` derives from transactions. */
import type { Account } from "../../contracts/account/account.ts";
import type { Community } from "../../contracts/community/community.ts";
import type { Gateway, Line, Side } from "../../contracts/line/line.ts";
import type { CompromiseKind } from "../db/schema.ts";
import type { Profile } from "../../contracts/notes.ts";
import type { SignedOrder } from "../../contracts/orders.ts";
import type { ListingNote, ShopNote } from "../../contracts/market/market-notes.ts";
import type { Review } from "../../contracts/market/review.ts";
import type { DeskActivity, DeskRecord, DeskView, OracleBoxRecord } from "./desk-records.ts";
import type { EscrowActivity, EscrowRecord, EscrowView } from "./escrow-records.ts";
import type { UnderwritingActivity, UnderwritingRecord, UnderwritingView } from "./underwriting-records.ts";

/** A live community as the indexer keeps it (the decoded box without the raw box). */
export type CommunityRecord = Omit<Community, "box">;
/** A live account as the indexer keeps it. */
export type AccountRecord = Omit<Account, "box">;

/** A live batch box (contract version 5): anyone may make one; a settlement spends it as its first input. */
export interface BatchBoxRecord {
  boxId: string;
  valueNanoErg: bigint;
  creationHeight: number;
}

/** An order a settlement carried, rebuilt from its leg exactly as the batch script checked it; `orderId` is its message's hash. */
export interface SettledOrder extends SignedOrder {
  orderId: string;
}

/** A live line box as the indexer keeps it. */
export type LineRecord = Omit<Line, "box">;
/** A live gateway box as the indexer keeps it (one end of one shard of a line, in one community). */
export type GatewayRecord = Omit<Gateway, "box">;

/**
 * What a transaction did to a line (docs/inter-lets.md, the paths): `refreshed` is the line box
 * recreated, `shard-refreshed` the ends of one shard (both, or A's alone when it has no B end).
 */
export type LineEventKind =
  | "proposed" | "accepted" | "cancelled" | "paused" | "resumed"
  | "change-proposed" | "change-withdrawn" | "change-accepted" | "closed" | "refreshed" | "shard-refreshed";

/** Every line event kind, in the order of the paths. */
export const LINE_EVENT_KINDS: readonly LineEventKind[] = [
  "proposed", "accepted", "cancelled", "paused", "resumed", "change-proposed", "change-withdrawn", "change-accepted", "closed", "refreshed", "shard-refreshed",
];

/**
 * One step of a line's history: the line box after it (for a shard refreshed, the line box the
 * transaction read), and the side that acted (null when the chain does not say: a refresh).
 */
export interface LineEvent {
  site: EventSite;
  kind: LineEventKind;
  side: Side | null;
  /** The shard whose ends a `shard-refreshed` recreated; null for every other kind. */
  shard: number | null;
  line: LineRecord;
}

/** One hop of a cross payment: a line crossed through one shard from side `from`. */
export interface CrossHop {
  lineId: string;
  shard: number;
  from: Side;
  fromCommunity: string;
  toCommunity: string;
  /** Units that crossed, in the sender's units (the sender gateway's position rose by this). */
  sent: bigint;
  /** The sending community's fee (its gateway's fees held rose by this). */
  senderFee: bigint;
  /** In the receiver's units (the receiver gateway's position fell by this). */
  converted: bigint;
  /** The receiving community's fee, kept out of `converted`. */
  receiverFee: bigint;
  /** What left the receiving gateway into its community: converted - receiverFee. */
  delivered: bigint;
}

/** A payment from a member of one community to a member of another, through one or two lines. */
export interface CrossPaymentEvent {
  site: EventSite;
  payerCommunity: string;
  payer: string;
  /** What the payer's balance fell by for this payment (fees included), in its units. */
  debit: bigint;
  payeeCommunity: string;
  payee: string;
  /** What the payee's balance rose by, in its units. */
  received: bigint;
  hops: CrossHop[];
  memo?: string;
  requestId?: string;
}

/** Where an event happened. */
export interface EventSite {
  txId: string;
  height: number;
  timestamp: number;
  blockId: string;
}

/** One payee's share of a payment. */
export interface PaymentLeg {
  accountId: string;
  amount: bigint;
  /** nanoERG the payee's owner received in the same transaction (a mixed payment, `payment-erg.ts`); set on payment events. */
  ergNanoErg?: bigint;
}

/** A LETS transaction decoded as what it means. */
export type LetsEvent =
  | { kind: "create"; site: EventSite; community: CommunityRecord }
  | { kind: "join"; site: EventSite; community: CommunityRecord; account: AccountRecord }
  /** `memo` and `requestId` are what the payer's input carried (contracts/notes.ts). */
  | { kind: "payment"; site: EventSite; communityId: string; payer: string; payees: PaymentLeg[]; accounts: AccountRecord[]; memo?: string; requestId?: string }
  | { kind: "leave"; site: EventSite; community: CommunityRecord; accountId: string }
  | { kind: "default"; site: EventSite; community: CommunityRecord; accountId: string; debt: bigint }
  /** A dormant account closed by anyone; `balance` is what the community balance took over (any sign). */
  | { kind: "close"; site: EventSite; community: CommunityRecord; accountId: string; balance: bigint }
  | { kind: "govern"; site: EventSite; community: CommunityRecord }
  /** A dormant community box recreated unchanged (its storage-rent clock reset). */
  | { kind: "refresh"; site: EventSite; community: CommunityRecord }
  /** Economics: the charges accrued in `accounts` (their boxes after it) moved to the community balance, which rose by `collected`. */
  | { kind: "sweep"; site: EventSite; community: CommunityRecord; accounts: AccountRecord[]; collected: bigint }
  /**
   * A batch settlement (docs/batches.md): `orders` in leg order, each a payment from its payer to its
   * payee; `accounts` are the boxes it made; `settler` the single key its change went to (SigmaProp
   * hex, as owners are written), or null.
   */
  | { kind: "batch"; site: EventSite; communityId: string; batchBoxId: string; settler: string | null; orders: SettledOrder[]; accounts: AccountRecord[] };

/**
 * What an economics transaction did to one account's charges and allowance (docs/economics.md):
 * `payment` its side of a payment (payer: fee, demurrage, allowance used; payee: demurrage), `charge`
 * demurrage charged on a box its owner spent moving nothing (a top-up), `sweep` its charges moved to
 * the community balance, `join` the allowance issued, `exit` (leave, default, dormant close) the
 * unused allowance returned and the accrued charges collected.
 */
export type EconomicsEventKind = "payment" | "charge" | "sweep" | "join" | "exit";

/** Every economics event kind. */
export const ECONOMICS_EVENT_KINDS: readonly EconomicsEventKind[] = ["payment", "charge", "sweep", "join", "exit"];

/** One economics account's charges and allowance in one transaction; every amount 0 unless the kind moves it. */
export interface EconomicsEvent {
  site: EventSite;
  kind: EconomicsEventKind;
  communityId: string;
  accountId: string;
  /** The usage fee it paid as a payer. */
  fee: bigint;
  /** Demurrage charged (a payment, a top-up, a sweep). */
  demurrage: bigint;
  /** Newcomer allowance spent on the purchase. */
  allowanceUsed: bigint;
  /** Allowance issued from the community balance at join. */
  allowanceIssued: bigint;
  /** Unused allowance returned to the community balance at exit. */
  allowanceReturned: bigint;
  /** Charges moved into the community balance: by a sweep (accrued + the demurrage it charged), by an exit (accrued). */
  collected: bigint;
}

/**
 * Something the contracts should have made impossible, seen in a transaction: a unit of the
 * community's token in a box the indexer does not accept as the community's (`escaped-unit`), an
 * account box whose accountId no input or join of its transaction gave it (`forged-account`), or
 * a community or account box spent by storage rent (`rent-spend`; `boxId` is the spent box).
 */
export interface Compromise {
  communityId: string;
  txId: string;
  kind: CompromiseKind;
  boxId: string;
  detail: string;
}

/** A profile an owner set. */
export interface ProfileChange {
  site: EventSite;
  /** The transaction's place in its block: two changes in one block are chained, so this is their order. */
  position: number;
  communityId: string;
  accountId: string;
  profile: Profile;
}

/** Which marketplace note (docs/marketplace.md). */
export type MarketNoteKind = "listing" | "review" | "shop" | "listing-ref";

/** What one marketplace note says. */
export type MarketNoteBody =
  | { kind: "listing"; listing: ListingNote }
  | { kind: "review"; review: Review }
  | { kind: "shop"; shop: ShopNote }
  | { kind: "listing-ref"; listingId: string };

/**
 * A marketplace note an owner signed. Whether it is taken depends on the listings, payments and
 * reviews before it, which the write step reads (market-write.ts), in (height, position, input) order.
 */
export interface MarketNoteEvent {
  site: EventSite;
  position: number;
  /** The input's index in its transaction (one transaction may carry notes of several accounts). */
  input: number;
  communityId: string;
  accountId: string;
  boxId: string;
  body: MarketNoteBody;
}

/** A note the indexer did not take. */
export interface RefusedNote {
  txId: string;
  boxId: string;
  accountId: string;
  reason: string;
  /** The marketplace note refused; absent for a memo or profile. */
  note?: MarketNoteKind;
}

/** A box that looks like a LETS box but is not part of any valid community. */
export interface Ignored {
  boxId: string;
  txId: string;
  reason: string;
}

/** The LETS state a block reads: the live community and account boxes by box id (and desks, `desks.ts`; escrows, `escrows.ts`). */
export interface LetsView extends DeskView, EscrowView, UnderwritingView {
  community(boxId: string): CommunityRecord | undefined;
  account(boxId: string): AccountRecord | undefined;
  /** Whether `communityId` is a community whose genesis was valid. */
  isValidCommunity(communityId: string): boolean;
  /** The live line box `boxId` (made by a valid propose, or its successors). */
  line(boxId: string): LineRecord | undefined;
  /** The live gateway box `boxId` (made by a valid propose or accept, or its successors). */
  gateway(boxId: string): GatewayRecord | undefined;
  /** The live batch box `boxId` (any box of the batch tree). */
  batchBox(boxId: string): BatchBoxRecord | undefined;
}

/** Everything a block changes. */
export interface BlockChanges {
  events: LetsEvent[];
  /** Boxes that stop being live (spent), by box id. */
  spent: string[];
  /** Live boxes after the block, by kind. */
  communities: CommunityRecord[];
  accounts: AccountRecord[];
  ignored: Ignored[];
  compromises: Compromise[];
  /** Profiles owners set in the block. */
  profiles: ProfileChange[];
  /** Notes not taken, with the reason. */
  refusedNotes: RefusedNote[];
  /** Marketplace notes owners signed in the block, in block order. */
  market: MarketNoteEvent[];
  /** Live line and gateway boxes after the block. */
  lines: LineRecord[];
  gateways: GatewayRecord[];
  lineEvents: LineEvent[];
  crossPayments: CrossPaymentEvent[];
  /** What economics transactions charged, issued, returned and collected, per account. */
  economics: EconomicsEvent[];
  /** Live batch boxes after the block made in it. */
  batchBoxes: BatchBoxRecord[];
  /** Live desk boxes the block made, what it did to each (`desks.ts`), and the oracle pool boxes it made that a desk names. */
  desks: DeskRecord[];
  deskActivities: DeskActivity[];
  oracleBoxes: OracleBoxRecord[];
  /** Live escrow boxes the block made, and what it did to each escrow (`escrows.ts`). */
  escrows: EscrowRecord[];
  escrowActivities: EscrowActivity[];
  /** Live underwriting boxes the block made, and what it did to each stake (`underwriting.ts`). */
  underwritings: UnderwritingRecord[];
  underwritingActivities: UnderwritingActivity[];
}
