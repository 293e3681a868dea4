/**
 * Payment orders in the member's words: what each status means, when an order expires, why one
 * cannot be signed, and why an economics community or a Nautilus wallet has none. The one place
 * the pages word orders, so the pay screen, the account page and the batch page say it the same way.
 */
import { OwnerCannotSignOrders } from "$contracts/orders.ts";
import { displayAmount } from "../amount.ts";
import { blocksAsDuration } from "../components/explorer/policy-words.ts";
import { explainError, type Units } from "../wallet/messages.ts";
import { OrderBeyondCap, OrderBeyondCredit, OrdersNeedPlainAccount, type OrderStatus } from "./plan.ts";

/** Each status in a word or two, as a badge shows it. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "pending",
  submitted: "submitted",
  settled: "settled",
  void: "void",
  expired: "expired",
};

/** Each status in a sentence, as a badge's tooltip and the order's receipt say it. */
export const STATUS_WORDS: Record<OrderStatus, string> = {
  pending: "Signed and waiting for the settlement service to put it in a batch; the units have not moved yet.",
  submitted: "In a batch transaction waiting for a block.",
  settled: "Settled in a batch: the units moved from the payer's balance to the payee's.",
  void: "Void: the payer revoked it (raised the account's next order number past it) before it settled.",
  expired: "Expired: it was not settled by its last block, so it can no longer be.",
};

/** Why an economics community's pay screen offers no payment orders. */
export const ECONOMICS_NO_ORDERS =
  "Pay later is not offered here: this community has economics levers, and payment orders are settled in batches only in plain communities (a batch cannot charge the usage fee or demurrage).";

/** Why Nautilus cannot sign orders (docs/wallet.md). */
export const NAUTILUS_NO_ORDERS =
  "Nautilus cannot sign a payment order: it signs transactions and its own message format, not the order format the batch contract checks.";

/** When an order expires, from the chain's height now: "block 1450 (in about 1 day)". */
export function expiryWords(expiry: bigint, height: number | undefined): string {
  if (height === undefined) return `block ${expiry}`;
  const left = expiry - BigInt(height);
  if (left < 0n) return `block ${expiry} (passed)`;
  if (left === 0n) return `block ${expiry} (this is the last block it may settle in)`;
  return `block ${expiry} (in ${blocksAsDuration(left)})`;
}

/** A sentence for the member about why an order cannot be signed, in the community's units. */
export function explainOrderError(error: unknown, units: Units): string {
  const show = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  if (error instanceof OrderBeyondCredit) {
    const waiting = error.waiting > 0n ? ` With your unsettled orders (${show(error.waiting)}),` : "";
    return `Refused before signing:${waiting} this order would take your balance to ${show(error.attempted)} once settled, past your credit limit of ${show(error.limit)}: a balance may go down to ${show(-error.limit)}, no further.`;
  }
  if (error instanceof OrderBeyondCap) {
    const waiting = error.waiting > 0n ? ` With the orders already waiting for them (${show(error.waiting)}),` : "";
    return `Refused before signing:${waiting} this order would take the payee's balance to ${show(error.attempted)} once settled, above the positive cap of ${show(error.cap)}.`;
  }
  if (error instanceof OrdersNeedPlainAccount) return ECONOMICS_NO_ORDERS;
  if (error instanceof OwnerCannotSignOrders) return "This account is owned by several keys together (a threshold), and only an account owned by a single key can sign payment orders.";
  return explainError(error, units);
}
