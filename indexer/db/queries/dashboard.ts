/**
 * A community's marketplace at a glance (docs/marketplace.md, "Dashboard"): trade by listing
 * category, the share of trade that went through the marketplace over time, and the top traders.
 * A marketplace payment is a payment transaction whose payer named a listing the indexer took
 * (`payment_listings`: the listing is of this community and the payment pays its author); its
 * volume is what that payer paid the listing's author in it.
 */
import { sql } from "kysely";
import { CATEGORIES } from "../../../contracts/market/listing.ts";
import { bucketOf, bucketsCte, bucketStep, epochMs, type StatsInterval } from "./buckets.ts";
import { communityExists, type Db } from "./common.ts";

/** Trade through the marketplace in one category. */
export interface CategoryTradeView {
  category: string;
  /** Listings in the category now active (not withdrawn, not expired, author still a member). */
  activeListings: number;
  /** Marketplace payment transactions for listings of the category. */
  payments: number;
  /** Units those payments paid the listings' authors. */
  volume: string;
}

/** One bucket of the marketplace share. */
export interface MarketShareView {
  start: number;
  end: number;
  /** Payment transactions in the community (a payment to two payees counts once). */
  payments: number;
  /** Of which marketplace payments. */
  marketPayments: number;
  volume: string;
  marketVolume: string;
}

/** A member by what it traded in a window of time. */
export interface TraderView {
  accountId: string;
  paid: string;
  received: string;
  /** paid + received: the ranking. */
  traded: string;
  payments: number;
  counterparties: number;
}

/** The legs of marketplace payments of `communityId`: payer to the listing's author. */
const marketLegs = (communityId: string) => sql`
    market_legs as (
      select p.tx_id, p.timestamp, p.amount, l.category
      from payment_listings pl
      join listings l on l.id = pl.listing_id
      join payments p on p.tx_id = pl.tx_id and p.payer = pl.payer and p.payee = l.account_id
      where pl.community_id = ${communityId} and p.community_id = ${communityId}
    )`;

/** Every category (all of them, in the codec's order, zeros included); undefined for an unknown community. */
export async function tradeByCategory(db: Db, communityId: string): Promise<CategoryTradeView[] | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const { rows } = await sql<{ category: string; payments: number; volume: string; active: number }>`
    with ${marketLegs(communityId)},
    trade as (select category, count(distinct tx_id)::int as payments, sum(amount)::text as volume from market_legs group by category),
    tip as (select coalesce(max(height), 0) as height from blocks),
    active as (
      select l.category, count(*)::int as active from listings l cross join tip
      where l.community_id = ${communityId} and l.withdrawn_height is null and l.expiry_height >= tip.height
        and exists (select 1 from account_boxes a where a.account_id = l.account_id and a.spent_height is null)
      group by l.category
    )
    select c.category, coalesce(trade.payments, 0)::int as payments, coalesce(trade.volume, '0') as volume, coalesce(active.active, 0)::int as active
    from unnest(${sql.val([...CATEGORIES])}::text[]) as c(category)
    left join trade on trade.category = c.category
    left join active on active.category = c.category
  `.execute(db);
  const byCategory = new Map(rows.map((r) => [r.category, r]));
  return CATEGORIES.map((category) => {
    const r = byCategory.get(category)!;
    return { category, activeListings: Number(r.active), payments: Number(r.payments), volume: r.volume };
  });
}

/** The marketplace's share of trade per bucket, oldest first; undefined for an unknown community. */
export async function marketShare(db: Db, communityId: string, interval: StatsInterval): Promise<MarketShareView[] | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const bucket = (ms: ReturnType<typeof sql>) => bucketOf(interval, ms);
  const { rows } = await sql<{ start: string; end: string; payments: number; market_payments: number; volume: string; market_volume: string }>`
    with ${bucketsCte(communityId, interval)}, ${marketLegs(communityId)},
    pay as (
      select ${bucket(sql`p.timestamp`)} as bucket, count(distinct p.tx_id) as payments, sum(p.amount) filter (where p.amount > 0) as volume
      from payments p where p.community_id = ${communityId} group by 1
    ),
    market as (select ${bucket(sql`m.timestamp`)} as bucket, count(distinct m.tx_id) as payments, sum(m.amount) as volume from market_legs m group by 1)
    select ${epochMs(sql`b.bucket`)} as start, ${epochMs(sql`b.bucket + ${bucketStep(interval)}`)} as "end",
           coalesce(pay.payments, 0)::int as payments, coalesce(market.payments, 0)::int as market_payments,
           coalesce(pay.volume, 0)::text as volume, coalesce(market.volume, 0)::text as market_volume
    from buckets b left join pay on pay.bucket = b.bucket left join market on market.bucket = b.bucket
    order by b.bucket
  `.execute(db);
  return rows.map((r) => ({
    start: Number(r.start), end: Number(r.end), payments: Number(r.payments), marketPayments: Number(r.market_payments), volume: r.volume, marketVolume: r.market_volume,
  }));
}

/** The `limit` members who traded most (paid + received) in payments at or after `sinceMs`; undefined for an unknown community. */
export async function topTraders(db: Db, communityId: string, sinceMs: number, limit: number): Promise<TraderView[] | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const { rows } = await sql<{ account_id: string; paid: string; received: string; traded: string; payments: number; counterparties: number }>`
    with legs as (
      -- A negative leg is a co-payer (two members paid in one transaction): it paid -amount, and
      -- it is no counterparty of the payer; the payer's legs still sum to what the payer paid.
      select payer as account_id, amount as paid, 0 as received, tx_id, case when amount > 0 then payee end as other from payments
      where community_id = ${communityId} and timestamp >= ${sinceMs} and payer <> payee
      union all
      select payee, greatest(-amount, 0), greatest(amount, 0), tx_id, case when amount > 0 then payer end from payments
      where community_id = ${communityId} and timestamp >= ${sinceMs} and payer <> payee
    )
    select account_id, sum(paid)::text as paid, sum(received)::text as received, sum(paid + received)::text as traded,
           count(distinct tx_id)::int as payments, count(distinct other)::int as counterparties
    from legs group by account_id
    order by sum(paid + received) desc, account_id
    limit ${limit}
  `.execute(db);
  return rows.map((r) => ({ accountId: r.account_id, paid: r.paid, received: r.received, traded: r.traded, payments: Number(r.payments), counterparties: Number(r.counterparties) }));
}
