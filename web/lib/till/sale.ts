/**
 * The till's sale, as a pure state machine the page drives: an amount typed (new), the owner's
 * key signing the request (signing), the request shown and watched (waiting), the customer's
 * payment in the node's mempool (paid, not yet final), then in a block (confirmed). A payment
 * that leaves the mempool without a block takes "paid" back, and the sale says so: the request
 * is shown again, waiting, with the transaction that was dropped.
 */
import type { RequestStatusJson } from "../wallet/requests.ts";

/** A signed request as the till shows it: its link (the QR code's text) and what it asks. */
export interface ShownRequest {
  requestId: string;
  amountUnits: bigint;
  memo: string | null;
  link: string;
  /** When it can no longer be paid (ms); null: never. */
  expiresAtMs: number | null;
}

/** Who paid, in which block, once the payment is confirmed. */
export interface Confirmation {
  txId: string;
  height: number;
  timestamp: number;
  payer: string;
  payerName: string | null;
}

/** One sale at the till, by phase. */
export type Sale =
  | { phase: "new"; error?: string }
  | { phase: "signing"; amountUnits: bigint; memo: string | null }
  | { phase: "waiting"; request: ShownRequest; receivedUnits: bigint; dropped: string | null }
  | { phase: "paid"; request: ShownRequest; txId: string }
  | { phase: "confirmed"; request: ShownRequest; paid: Confirmation };

/** What happens to a sale: the shopkeeper's actions and the answers of the chain and the wallet. */
export type SaleEvent =
  | { type: "charge"; amountUnits: bigint; memo: string | null }
  | { type: "signed"; request: ShownRequest }
  | { type: "failed"; error: string }
  | { type: "status"; status: RequestStatusJson }
  | { type: "next" };

/** A till's first sale: nothing typed yet. */
export const NEW_SALE: Sale = { phase: "new" };

/** The sale after `event`; an event that does not fit the phase leaves the sale as it is. */
export function nextSale(sale: Sale, event: SaleEvent): Sale {
  switch (event.type) {
    case "charge":
      return sale.phase === "new" ? { phase: "signing", amountUnits: event.amountUnits, memo: event.memo } : sale;
    case "signed":
      return sale.phase === "signing" ? { phase: "waiting", request: event.request, receivedUnits: 0n, dropped: null } : sale;
    case "failed":
      return sale.phase === "signing" ? { phase: "new", error: event.error } : sale;
    case "status":
      return withStatus(sale, event.status);
    case "next":
      return sale.phase === "signing" ? sale : NEW_SALE;
  }
}

/** The sale once the chain answered `status` for its request; only a shown request listens. */
function withStatus(sale: Sale, status: RequestStatusJson): Sale {
  if (sale.phase !== "waiting" && sale.phase !== "paid") return sale;
  const { request } = sale;
  if (status.state === "paid" && status.paid) {
    const { txId, height, timestamp, payer, payerName } = status.paid;
    return { phase: "confirmed", request, paid: { txId, height, timestamp, payer, payerName } };
  }
  if (status.state === "on-its-way" && status.pending) return { phase: "paid", request, txId: status.pending.txId };
  const receivedUnits = BigInt(status.receivedUnits);
  if (sale.phase === "paid") return { phase: "waiting", request, receivedUnits, dropped: sale.txId };
  return { ...sale, receivedUnits };
}

/** Whether the till should keep asking the chain about this sale's request. */
export const isWatched = (sale: Sale): sale is Extract<Sale, { phase: "waiting" | "paid" }> => sale.phase === "waiting" || sale.phase === "paid";

/** Whether the customer has paid (in the mempool or a block): the shopkeeper may hand over the goods and start the next sale. */
export const isPaid = (sale: Sale): boolean => sale.phase === "paid" || sale.phase === "confirmed";

/** A sale the shopkeeper left for the next one, still watched: paid but not yet in a block, or dropped back to waiting. */
export type WatchedSale = Extract<Sale, { phase: "waiting" | "paid" }>;

/** The watched sales once the shopkeeper leaves `sale`: a sale paid but not yet confirmed stays watched until it is. */
export function leaveSale(watched: readonly WatchedSale[], sale: Sale): WatchedSale[] {
  return sale.phase === "paid" ? [...watched, sale] : [...watched];
}

/** The watched sales once the chain answered `status` for request `requestId`: a confirmed one leaves the list (the receipts show it). */
export function updateWatched(watched: readonly WatchedSale[], requestId: string, status: RequestStatusJson): WatchedSale[] {
  return watched.flatMap((sale) => {
    if (sale.request.requestId !== requestId) return [sale];
    const next = nextSale(sale, { type: "status", status });
    return isWatched(next) ? [next] : [];
  });
}
