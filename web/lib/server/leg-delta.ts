/** What payment legs do to an account's balance (exact, bigint). */
import type { PaymentLeg } from "./indexer-types.ts";

/** What a leg did to `accountId`'s balance. */
export const legDelta = (accountId: string, leg: PaymentLeg): bigint =>
  (leg.payee === accountId ? leg.amount : 0n) - (leg.payer === accountId ? leg.amount : 0n);
