/**
 * Reviews and reputation (docs/marketplace.md, "Reputation, and abuse"). A reviewer counts once per
 * member reviewed (its newest review), weighted `min(1, d / 5)` where `d` is the number of distinct
 * members it has paid in that community: an account that only ever paid one member weighs 0.2.
 * Found through `reviews (payee, height)`; `d` through `payments (payer, ...)`.
 */
import { sql } from "kysely";
import { accountExists, type Db, type Page, type Paged } from "./common.ts";

/** A member's score: the weighted mean of its reviewers' newest ratings, the plain mean, how many reviews and reviewers. */
export interface ReputationView {
  /** Two decimals, or null without reviews. */
  score: string | null;
  mean: string | null;
  count: number;
  reviewers: number;
}

/** One review of a member, with what its weight rests on. */
export interface ReviewView {
  paymentTxId: string;
  payee: string;
  reviewer: string;
  reviewerName: string | null;
  rating: number;
  text: string | null;
  txId: string;
  height: number;
  timestamp: number;
  /** Distinct members the reviewer has paid in the community. */
  reviewerPaidMembers: number;
  /** min(1, reviewerPaidMembers / 5), two decimals. */
  weight: string;
  /** Whether this is the reviewer's newest review of the payee (the one its score counts). */
  counted: boolean;
}

/**
 * Distinct members `reviewer` paid in `community` (itself left out), as SQL. Credited legs only
 * (amount > 0): a co-payer in the same transaction is listed as a payee with a negative amount,
 * and was paid nothing, so it must not raise the reviewer's weight.
 */
const paidMembers = (reviewer: string, community: string) =>
  sql<number>`(select count(distinct p.payee)::int from payments p where p.payer = ${sql.ref(reviewer)} and p.community_id = ${sql.ref(community)}
    and p.payee <> ${sql.ref(reviewer)} and p.amount > 0)`;

const NO_REVIEWS: ReputationView = { score: null, mean: null, count: 0, reviewers: 0 };

/** The reputation of each of `accountIds` (those without reviews have a null score and count 0). */
export async function reputations(db: Db, accountIds: readonly string[]): Promise<Map<string, ReputationView>> {
  const out = new Map(accountIds.map((id) => [id, NO_REVIEWS]));
  if (accountIds.length === 0) return out;
  const ids = [...new Set(accountIds)];
  const { rows } = await sql<{ payee: string; score: string | null; mean: string; reviewers: number; count: number }>`
    with counted as (
      select distinct on (r.payee, r.reviewer) r.payee, r.reviewer, r.community_id, r.rating
      from reviews r where r.payee = any(${ids}::text[])
      order by r.payee, r.reviewer, r.height desc, r.position desc
    ), weighted as (
      select c.payee, c.rating, least(1, ${paidMembers("c.reviewer", "c.community_id")}::numeric / 5) as weight from counted c
    )
    select w.payee, (round(sum(w.weight * w.rating) / nullif(sum(w.weight), 0), 2))::text as score, (round(avg(w.rating), 2))::text as mean,
      count(*)::int as reviewers, (select count(*)::int from reviews a where a.payee = w.payee) as count
    from weighted w group by w.payee`.execute(db);
  for (const r of rows) out.set(r.payee, { score: r.score, mean: r.mean, count: r.count, reviewers: r.reviewers });
  return out;
}

/** The reputation of an account; undefined when the account is unknown. */
export async function accountReputation(db: Db, accountId: string): Promise<ReputationView | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  return (await reputations(db, [accountId])).get(accountId)!;
}

type ReviewRow = {
  payment_tx_id: string; payee: string; reviewer: string; reviewer_name: string | null; rating: number; text: string | null; tx_id: string; height: number;
  timestamp: string; paid: number; weight: string; counted: boolean;
};

/** The reviews of an account, newest first; undefined when the account is unknown. */
export async function accountReviews(db: Db, accountId: string, page: Page): Promise<Paged<ReviewView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const total = await db.selectFrom("reviews").select(sql<number>`count(*)::int`.as("n")).where("payee", "=", accountId).executeTakeFirstOrThrow();
  const { rows } = await sql<ReviewRow>`
    select r.payment_tx_id, r.payee, r.reviewer, r.rating, r.text, r.tx_id, r.height, r.timestamp::text as timestamp,
      (select p.name from profiles p where p.account_id = r.reviewer order by p.height desc, p.position desc, p.tx_id desc limit 1) as reviewer_name,
      ${paidMembers("r.reviewer", "r.community_id")} as paid,
      (round(least(1, ${paidMembers("r.reviewer", "r.community_id")}::numeric / 5), 2))::text as weight,
      not exists (select 1 from reviews n where n.payee = r.payee and n.reviewer = r.reviewer and (n.height, n.position) > (r.height, r.position)) as counted
    from reviews r where r.payee = ${accountId}
    order by r.height desc, r.position desc, r.payment_tx_id, r.reviewer limit ${page.limit} offset ${page.offset}`.execute(db);
  const items = rows.map((r): ReviewView => ({
    paymentTxId: r.payment_tx_id, payee: r.payee, reviewer: r.reviewer, reviewerName: r.reviewer_name, rating: r.rating, text: r.text, txId: r.tx_id,
    height: r.height, timestamp: Number(r.timestamp), reviewerPaidMembers: r.paid, weight: r.weight, counted: r.counted,
  }));
  return { total: total.n, items };
}
