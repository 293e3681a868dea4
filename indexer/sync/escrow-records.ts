/** What the sync keeps of escrows for post-factum payments (docs/escrow.md), apart from the code that derives it (`escrows.ts`). */
import type { Escrow, OpenOrder } from "../../contracts/escrow/escrow.ts";

/** A live escrow as the indexer keeps it: the decoded box without the raw box. */
export type EscrowRecord = Omit<Escrow, "box"> & {
  /** 0 for the opening's box, one more for each successor. */
  version: number;
  /** The open order's id (the box id of the open box its commit made), carried across refreshes; null when idle. */
  orderId: string | null;
};

/** What the sync reads of escrows. */
export interface EscrowView {
  escrow(boxId: string): EscrowRecord | undefined;
}

/** How a settled order ended (docs/indexer.md, `escrow_orders`). */
export type EscrowOutcome = "released" | "refunded" | "claimed";

/** An order's settlement: what the payee got, what went back to the payer, and how it ended. */
export interface EscrowSettlement {
  orderId: string;
  released: bigint;
  returned: bigint;
  outcome: EscrowOutcome;
}

/** What a transaction did to an escrow. */
/** A claim settles an order at its minimum and leaves the rest in the escrow as a new order. */
export type EscrowActivityKind = "opened" | "commit" | "settle" | "claim" | "refresh" | "closed";

/** One escrow a transaction opened, moved or closed. */
export interface EscrowActivity {
  site: { txId: string; height: number; timestamp: number; blockId: string };
  kind: EscrowActivityKind;
  /** The escrow after the transaction (its last box when closed). */
  escrow: EscrowRecord;
  /** opened: the account of the member who opened it. */
  openerId?: string;
  /** commit: the order written; claim: the rest left in the escrow, a new order. */
  order?: OpenOrder & { orderId: string };
  /** settle, claim: how the order ended. */
  settlement?: EscrowSettlement;
}
