/** What a block means for LETS: the typed events `applyBlock` derives from transactions. */
import type { Account } from "../../contracts/account/account.ts";
import type { Community } from "../../contracts/community/community.ts";
import type { CompromiseKind } from "../db/schema.ts";
import type { Profile } from "../../contracts/notes.ts";

/** A live community as the indexer keeps it (the decoded box without the raw box). */
export type CommunityRecord = Omit<Community, "box">;
/** A live account as the indexer keeps it. */
export type AccountRecord = Omit<Account, "box">;

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
  | { kind: "refresh"; site: EventSite; community: CommunityRecord };

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

/** A note the indexer did not take. */
export interface RefusedNote {
  txId: string;
  boxId: string;
  accountId: string;
  reason: string;
}

/** A box that looks like a LETS box but is not part of any valid community. */
export interface Ignored {
  boxId: string;
  txId: string;
  reason: string;
}

/** The LETS state a block reads: the live community and account boxes by box id. */
export interface LetsView {
  community(boxId: string): CommunityRecord | undefined;
  account(boxId: string): AccountRecord | undefined;
  /** Whether `communityId` is a community whose genesis was valid. */
  isValidCommunity(communityId: string): boolean;
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
}
