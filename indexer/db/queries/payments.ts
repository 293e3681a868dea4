/**
 * Payments, one row per leg (a payment to two payees is two rows with the same `txId`). A leg's
 * amount is what the payee's balance rose by; in the rare transaction where several balances fall,
 * the largest faller is the payer and the others appear as legs with negative amounts, so the legs
 * of one transaction always sum to what the payer's balance fell by.
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
}

/** Whose payments: a community's, or every payment an account paid or received. */
export type PaymentScope = { communityId: string } | { accountId: string };

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

function scoped<O>(query: Payments<O>, scope: PaymentScope): Payments<O> {
  if ("communityId" in scope) return query.where("payments.community_id", "=", scope.communityId);
  const { accountId } = scope;
  return query.where((eb) => eb.or([eb("payments.payer", "=", accountId), eb("payments.payee", "=", accountId)]));
}

/** The payments of `scope` in `listing`'s range, newest or oldest first; undefined when the scope is unknown. */
export async function listPayments(db: Db, scope: PaymentScope, listing: PaymentListing): Promise<Paged<PaymentView> | undefined> {
  const known = "communityId" in scope ? await communityExists(db, scope.communityId) : await accountExists(db, scope.accountId);
  if (!known) return undefined;
  const base = inRange(scoped(db.selectFrom("payments"), scope), listing);
  const { total } = await base.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
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
      payer: r.payer, payee: r.payee, amount: r.amount,
    })),
  };
}
