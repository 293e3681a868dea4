/**
 * Payments, one row per leg (a payment to two payees is two rows with the same `txId`). A leg's
 * amount is what the payee's balance rose by; in the rare transaction where several balances fall,
 * the largest faller is the payer and the others appear as legs with negative amounts, so the legs
 * of one transaction always sum to what the payer's balance fell by. The payer's memo and the
 * payment request it paid (`payment_notes`) are on every leg of the transaction.
 */
import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../schema.ts";
import { accountExists, asText, communityExists, countAll, type Db, type Page, type Paged, type Range } from "./common.ts";

/** One payment leg. */
export interface PaymentView {
  txId: string;
  leg: number;
  height: number;
  timestamp: number;
  communityId: string;
  payer: string;
  payee: string;
  amount: string;
  /** What the payer wrote the payment was for (its input's memo), or null. */
  memo: string | null;
  /** The payment request it paid, or null. */
  requestId: string | null;
}

/** Whose payments: a community's, or every payment an account paid or received. */
export type PaymentScope = { communityId: string } | { accountId: string };

/** Which payments: a community's, an account's (paid or received), or those that paid a payment request. */
export type PaymentFilter = PaymentScope | { requestId: string };

/** How to list payments. */
export interface PaymentListing extends Page, Range {
  order: "asc" | "desc";
}

type Payments<O> = SelectQueryBuilder<Database, "payments", O>;

/** Restricts a payments query to a height and time range (inclusive bounds). */
export function inRange<O>(query: Payments<O>, range: Range): Payments<O> {
  let q = query;
  if (range.fromHeight !== undefined) q = q.where("payments.height", ">=", range.fromHeight);
  if (range.toHeight !== undefined) q = q.where("payments.height", "<=", range.toHeight);
  if (range.fromTime !== undefined) q = q.where("payments.timestamp", ">=", BigInt(range.fromTime));
  if (range.toTime !== undefined) q = q.where("payments.timestamp", "<=", BigInt(range.toTime));
  return q;
}

function scoped<O>(query: Payments<O>, scope: PaymentFilter): Payments<O> {
  if ("communityId" in scope) return query.where("payments.community_id", "=", scope.communityId);
  if ("requestId" in scope) {
    const { requestId } = scope;
    return query.where("payments.tx_id", "in", (eb) => eb.selectFrom("payment_notes").where("request_id", "=", requestId).select("tx_id"));
  }
  const { accountId } = scope;
  return query.where((eb) => eb.or([eb("payments.payer", "=", accountId), eb("payments.payee", "=", accountId)]));
}

/** The payments of `scope` in `listing`'s range, newest or oldest first; undefined when the scope is unknown. */
export async function listPayments(db: Db, scope: PaymentFilter, listing: PaymentListing): Promise<Paged<PaymentView> | undefined> {
  const known = "communityId" in scope ? await communityExists(db, scope.communityId) : "accountId" in scope ? await accountExists(db, scope.accountId) : true;
  if (!known) return undefined;
  const base = inRange(scoped(db.selectFrom("payments"), scope), listing);
  const { total } = await base.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin("payment_notes as n", "n.tx_id", "payments.tx_id")
    .select(["n.memo", "n.request_id",
      "payments.tx_id", "payments.leg", "payments.height", asText("payments.timestamp").as("timestamp"),
      "payments.community_id", "payments.payer", "payments.payee", asText("payments.amount").as("amount"),
    ])
    .orderBy("payments.height", listing.order)
    .orderBy("payments.tx_id", listing.order)
    .orderBy("payments.leg", listing.order)
    .limit(listing.limit)
    .offset(listing.offset)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      txId: r.tx_id, leg: r.leg, height: r.height, timestamp: Number(r.timestamp), communityId: r.community_id,
      payer: r.payer, payee: r.payee, amount: r.amount, memo: r.memo, requestId: r.request_id,
    })),
  };
}
