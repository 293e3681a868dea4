/** What a block means for LETS: the typed events `applyBlock` derives from transactions. */
import type { Account } from "../../contracts/account/account.ts";
import type { Community } from "../../contracts/community/community.ts";

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
  | { kind: "payment"; site: EventSite; communityId: string; payer: string; payees: PaymentLeg[]; accounts: AccountRecord[] }
  | { kind: "leave"; site: EventSite; community: CommunityRecord; accountId: string }
  | { kind: "default"; site: EventSite; community: CommunityRecord; accountId: string; debt: bigint }
  | { kind: "govern"; site: EventSite; community: CommunityRecord };

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
}
