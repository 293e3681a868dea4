/**
 * A community over time, in UTC calendar buckets (day, ISO week from Monday, month) by block time,
 * every bucket from the one of the community's creation block to the one of the latest indexed
 * block, empty buckets included.
 *
 * `moneySupply` and `creditInUse` at a bucket's end are exact, from the box history: the account
 * boxes are append-only with `created_height` and `spent_height`, so a box adds its positive
 * (negative) balance to the supply (credit) in the block that created it and takes it away in the
 * block that spent it. The running sum of those deltas up to a bucket's last block is the sum over
 * the boxes live after that block, that is the balances then, defaults and leaves included.
 *
 * Cross payments (trade lines) are payments of both communities: in the payer's community the
 * payer paid `debit` (fees included), in the payee's the payee received `received`, each in that
 * community's units; only the community's own member is active in it. A middle community of a
 * two-hop payment has no member in it and does not count it.
 */
import { sql, type RawBuilder } from "kysely";
import { bucketOf as bucketIn, bucketsCte, bucketStep, epochMs, type StatsInterval } from "./buckets.ts";
import { communityExists, type Db } from "./common.ts";

export { STATS_INTERVALS, type StatsInterval } from "./buckets.ts";

/** One bucket: [start, end) in ms since the epoch. */
export interface StatsBucketView {
  start: number;
  end: number;
  /** Payment transactions (a payment to two payees counts once), cross payments of a member included. */
  payments: number;
  /** Units moved: the sum of positive legs. */
  volume: string;
  /** Distinct accounts that paid or were paid. */
  activeMembers: number;
  /** Joins. */
  newMembers: number;
  moneySupply: string;
  creditInUse: string;
}

interface Row {
  start: string;
  end: string;
  payments: number;
  volume: string;
  active_members: number;
  new_members: number;
  money_supply: string;
  credit_in_use: string;
}

/** The buckets of `communityId`, oldest first; undefined when the community is unknown. */
export async function communityStats(db: Db, communityId: string, interval: StatsInterval): Promise<StatsBucketView[] | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const id = communityId;
  const bucketOf = (ms: RawBuilder<unknown>) => bucketIn(interval, ms);
  const step = bucketStep(interval);
  const { rows } = await sql<Row>`
    with ${bucketsCte(id, interval)},
    cross_legs as (
      select c.timestamp, c.tx_id, c.debit as amount, c.payer as member from cross_payments c where c.payer_community = ${id}
      union all
      select c.timestamp, c.tx_id, c.received, c.payee from cross_payments c where c.payee_community = ${id}
    ),
    pay as (
      select bucket, count(distinct tx_id) as payments, coalesce(sum(amount) filter (where amount > 0), 0) as volume from (
        select ${bucketOf(sql`p.timestamp`)} as bucket, p.tx_id, p.amount from payments p where p.community_id = ${id}
        union all
        select ${bucketOf(sql`x.timestamp`)}, x.tx_id, x.amount from cross_legs x
      ) m group by bucket
    ),
    active as (
      select bucket, count(distinct account_id) as members from (
        select ${bucketOf(sql`p.timestamp`)} as bucket, p.payer as account_id from payments p where p.community_id = ${id}
        union all
        select ${bucketOf(sql`p.timestamp`)}, p.payee from payments p where p.community_id = ${id}
        union all
        select ${bucketOf(sql`x.timestamp`)}, x.member from cross_legs x
      ) a group by bucket
    ),
    joins as (
      select ${bucketOf(sql`e.timestamp`)} as bucket, count(*) as members
      from events e where e.community_id = ${id} and e.kind = 'join' group by 1
    ),
    deltas as (
      select ${bucketOf(sql`bl.timestamp`)} as bucket, sum(d.supply) as supply, sum(d.credit) as credit from (
        select created_height as height, greatest(balance, 0) as supply, greatest(-balance, 0) as credit
        from account_boxes where community_id = ${id} and balance <> 0
        union all
        select spent_height, -greatest(balance, 0), -greatest(-balance, 0)
        from account_boxes where community_id = ${id} and balance <> 0 and spent_height is not null
      ) d join blocks bl on bl.height = d.height group by 1
    )
    select ${epochMs(sql`b.bucket`)} as start, ${epochMs(sql`b.bucket + ${step}`)} as "end",
           coalesce(pay.payments, 0)::int as payments, coalesce(pay.volume, 0)::text as volume,
           coalesce(active.members, 0)::int as active_members, coalesce(joins.members, 0)::int as new_members,
           (sum(coalesce(deltas.supply, 0)) over w)::text as money_supply,
           (sum(coalesce(deltas.credit, 0)) over w)::text as credit_in_use
    from buckets b
    left join pay on pay.bucket = b.bucket
    left join active on active.bucket = b.bucket
    left join joins on joins.bucket = b.bucket
    left join deltas on deltas.bucket = b.bucket
    window w as (order by b.bucket)
    order by b.bucket
  `.execute(db);
  return rows.map((r) => ({
    start: Number(r.start), end: Number(r.end), payments: Number(r.payments), volume: r.volume,
    activeMembers: Number(r.active_members), newMembers: Number(r.new_members), moneySupply: r.money_supply, creditInUse: r.credit_in_use,
  }));
}
