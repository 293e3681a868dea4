/**
 * Payments, one row per leg (a payment to two payees is two rows with the same `txId`). A leg's
 * amount is what the payee's balance rose by; in the rare transaction where several balances fall,
 * the largest faller is the payer and the others appear as legs with negative amounts, so the legs
 * of one transaction always sum to what the payer's balance fell by. The payer's memo and the
 * payment request it paid (`payment_notes`) are on every leg of the transaction. In an economics
 * community a leg's amount is what moved (the payee's worth rose by it) and `economics` holds the
 * charges (`leg-economics.ts`). A mixed payment's ERG part is on its payee's leg (`ergNanoErg`).
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../schema.ts";
import { accountExists, asText, communityExists, countAll, type Db, type Page, type Paged, type Range } from "./common.ts";
import { legsEconomics, type LegEconomicsView } from "./leg-economics.ts";
import { hopsOf, type HopView } from "./lines.ts";

/** What marks a payment leg as one side of a cross payment (docs/inter-lets.md): both legs and the route. */
export interface CrossLegView {
  /** Which leg this row is: the payer's community's (amount = debit) or the payee's (amount = received). */
  side: "payer" | "payee";
  otherCommunityId: string;
  payerCommunityId: string;
  payeeCommunityId: string;
  debit: string;
  received: string;
  lineIds: string[];
  hops: HopView[];
}

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
  /** nanoERG the payee's owner received beside the units (a mixed payment), "0" when none; null on a cross leg and on rows from before migration 0015. */
  ergNanoErg: string | null;
  /** What the payer wrote the payment was for (its input's memo), or null. */
  memo: string | null;
  /** The payment request it paid, or null. */
  requestId: string | null;
  /** Only on a leg of an economics community: its charges (absent in a plain one). */
  economics?: LegEconomicsView;
  /** Only on a cross payment (absent on a local one). */
  cross?: CrossLegView;
}

/** Whose payments: a community's, or every payment an account paid or received. */
export type PaymentScope = { communityId: string } | { accountId: string };

/** Which payments: a community's, an account's (paid or received), or those that paid a payment request. */
export type PaymentFilter = PaymentScope | { requestId: string };

/** How to list payments. */
export interface PaymentListing extends Page, Range {
  order: "asc" | "desc";
}

/** A leg's ERG part as decimal text (null on rows from before migration 0015). */
export const ergText = sql<string | null>`payments.erg_nano_erg::text`;

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
  const cross = await crossLegs(db, scope, listing);
  if (cross.length === 0) return localPayments(db, scope, listing);
  // Cross legs in the list: the first offset + limit of both, merged in the list's order, then the page.
  const local = await localPayments(db, scope, { ...listing, offset: 0, limit: listing.offset + listing.limit });
  const sign = listing.order === "asc" ? 1 : -1;
  const merged = [...local.items, ...cross].sort((a, b) => sign * (a.height - b.height || (a.txId < b.txId ? -1 : a.txId > b.txId ? 1 : 0) || a.leg - b.leg));
  return { total: local.total + cross.length, items: merged.slice(listing.offset, listing.offset + listing.limit) };
}

/** The cross payment legs of `scope` in `listing`'s range (every one: cross payments are few next to local ones). */
async function crossLegs(db: Db, scope: PaymentFilter, listing: PaymentListing): Promise<PaymentView[]> {
  const sides: ("payer" | "payee")[] = "requestId" in scope ? ["payee"] : ["payer", "payee"];
  const rows = [];
  for (const side of sides) {
    let q = db.selectFrom("cross_payments as c").leftJoin("payment_notes as n", "n.tx_id", "c.tx_id")
      .select(["c.tx_id", "c.leg", "c.height", asText("c.timestamp").as("timestamp"), "c.payer_community", "c.payer", asText("c.debit").as("debit"),
        "c.payee_community", "c.payee", asText("c.received").as("received"), "c.line_ids", "n.memo", "n.request_id"]);
    if ("communityId" in scope) q = q.where(side === "payer" ? "c.payer_community" : "c.payee_community", "=", scope.communityId);
    else if ("accountId" in scope) q = q.where(side === "payer" ? "c.payer" : "c.payee", "=", scope.accountId);
    else q = q.where("n.request_id", "=", scope.requestId);
    if (listing.fromHeight !== undefined) q = q.where("c.height", ">=", listing.fromHeight);
    if (listing.toHeight !== undefined) q = q.where("c.height", "<=", listing.toHeight);
    if (listing.fromTime !== undefined) q = q.where("c.timestamp", ">=", BigInt(listing.fromTime));
    if (listing.toTime !== undefined) q = q.where("c.timestamp", "<=", BigInt(listing.toTime));
    rows.push(...(await q.execute()).map((r) => ({ ...r, side })));
  }
  const hops = await hopsOf(db, rows.map((r) => ({ txId: r.tx_id, leg: r.leg })));
  return rows.map((r) => {
    const payerSide = r.side === "payer";
    return {
      txId: r.tx_id, leg: r.leg, height: r.height, timestamp: Number(r.timestamp), communityId: payerSide ? r.payer_community : r.payee_community,
      payer: r.payer, payee: r.payee, amount: payerSide ? r.debit : r.received, ergNanoErg: null, memo: r.memo, requestId: r.request_id,
      cross: {
        side: r.side, otherCommunityId: payerSide ? r.payee_community : r.payer_community, payerCommunityId: r.payer_community, payeeCommunityId: r.payee_community,
        debit: r.debit, received: r.received, lineIds: r.line_ids.split(","), hops: hops.get(`${r.tx_id} ${r.leg}`) ?? [],
      },
    };
  });
}

/** The local payments (the `payments` table) of `scope`. */
async function localPayments(db: Db, scope: PaymentFilter, listing: PaymentListing): Promise<Paged<PaymentView>> {
  const base = inRange(scoped(db.selectFrom("payments"), scope), listing);
  const { total } = await base.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin("payment_notes as n", "n.tx_id", "payments.tx_id")
    .select(["n.memo", "n.request_id",
      "payments.tx_id", "payments.leg", "payments.height", asText("payments.timestamp").as("timestamp"),
      "payments.community_id", "payments.payer", "payments.payee", asText("payments.amount").as("amount"), ergText.as("erg_nano_erg"),
    ])
    .orderBy("payments.height", listing.order)
    .orderBy("payments.tx_id", listing.order)
    .orderBy("payments.leg", listing.order)
    .limit(listing.limit)
    .offset(listing.offset)
    .execute();
  const economics = await legsEconomics(db, rows.map((r) => ({ txId: r.tx_id, leg: r.leg, payer: r.payer, payee: r.payee })));
  return {
    total: Number(total),
    items: rows.map((r) => {
      const charges = economics.get(`${r.tx_id} ${r.leg}`);
      return {
        txId: r.tx_id, leg: r.leg, height: r.height, timestamp: Number(r.timestamp), communityId: r.community_id,
        payer: r.payer, payee: r.payee, amount: r.amount, ergNanoErg: r.erg_nano_erg, memo: r.memo, requestId: r.request_id, ...(charges ? { economics: charges } : {}),
      };
    }),
  };
}
