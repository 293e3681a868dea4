/** What the sync keeps of exchange desks (docs/desk.md), apart from the code that derives it (`desks.ts`). */
import type { Desk, DeskTerms } from "../../contracts/desk/desk.ts";

/** A live desk as the indexer keeps it: the decoded box without the raw box and the buyers' ledger. */
export type DeskRecord = Omit<Desk, "box" | "ledger"> & {
  /** 0 for the opening's box, one more for each successor. */
  version: number;
  /** The price of the last trade (1 at a fixed rate, else the oracle's nanoERG per USD), null before one is known. */
  lastPrice: bigint | null;
};

/** An oracle pool box the sync saw made, whose NFT some desk names. */
export interface OracleBoxRecord {
  boxId: string;
  nft: string;
  nanoErgPerUsd: bigint;
  creationHeight: number;
}

/** What the sync reads of desks. */
export interface DeskView {
  desk(boxId: string): DeskRecord | undefined;
  oracleBox(boxId: string): OracleBoxRecord | undefined;
  /** Whether some desk names `nft` as its oracle pool's, now or in an announced change. */
  isOracleNft(nft: string): boolean;
}

/** A buy or a sell. */
export interface DeskTrade {
  side: "buy" | "sell";
  accountId: string;
  units: bigint;
  /** nanoERG into the reserve (buy) or out of it (sell). */
  nanoErg: bigint;
  /** 1 at a fixed rate, the oracle's nanoERG per USD; null when the pool box read was not seen. */
  price: bigint | null;
  oracleBoxId: string | null;
  /** A buy's payment above the units' worth (rounded up), a sell's worth (rounded down) above its payout, in nanoERG. */
  feeNanoErg: bigint | null;
}

/** What happened to a desk besides a trade. */
export type DeskEventKind = "opened" | "deposit" | "withdraw" | "refresh" | "announce" | "cancel" | "applied" | "committee";

/** Every desk event kind. */
export const DESK_EVENT_KINDS: readonly DeskEventKind[] = ["opened", "deposit", "withdraw", "refresh", "announce", "cancel", "applied", "committee"];

export interface DeskNote {
  kind: DeskEventKind;
  /** The reserve's change: opened (the first reserve), deposit, withdraw (negative), refresh (0). */
  nanoErg?: bigint;
  /** opened: the terms; announce, cancel, applied: the change's terms and height. */
  terms?: DeskTerms;
  effectiveHeight?: bigint;
  committee?: string;
}

/** One desk box made by a transaction, with what the transaction did. */
export interface DeskActivity {
  /** Where it happened (an `EventSite`). */
  site: { txId: string; height: number; timestamp: number; blockId: string };
  /** The transaction's place in its block. */
  position: number;
  desk: DeskRecord;
  trade: DeskTrade | null;
  notes: DeskNote[];
}
