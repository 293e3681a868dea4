/**
 * The balance distribution of a community's open accounts, computed in SQL over the live account
 * boxes (an index-only read of `account_boxes_live`). Equal-width buckets of whole units over
 * [min, max], at most the number asked for: width = ceil((max - min + 1) / min(buckets, max - min + 1)),
 * bucket i = [min + i*width, min + (i+1)*width - 1] (the last one ends at max), empty buckets
 * included. The arithmetic is integer division (`div`) on `numeric`, so edges are exact even for
 * balances near the ends of a `Long` (a `/` would round: numeric division keeps only about 16
 * significant digits' worth of scale), and every balance falls in exactly one bucket.
 */
import { sql } from "kysely";
import { communityExists, type Db } from "./common.ts";

/** One bucket: balances from `from` to `to`, both inclusive. */
export interface BucketView {
  from: string;
  to: string;
  count: number;
}

export interface DistributionView {
  communityId: string;
  /** Open accounts. */
  members: number;
  negative: number;
  zero: number;
  positive: number;
  /** Lowest and highest open balance; null without open accounts. */
  min: string | null;
  max: string | null;
  /** Units per bucket; null without open accounts. */
  bucketWidth: string | null;
  items: BucketView[];
}

interface Row {
  members: number;
  negative: number;
  zero: number;
  positive: number;
  min: string | null;
  max: string | null;
  width: string | null;
  from: string | null;
  to: string | null;
  count: number;
}

/** One statement (one snapshot): the summary on every row, then one row per bucket (a single row of nulls without accounts). */
async function rowsOf(db: Db, communityId: string, buckets: number): Promise<Row[]> {
  const { rows } = await sql<Row>`
    with s as (select balance::numeric as b from account_boxes where community_id = ${communityId} and spent_height is null),
    r as (
      select count(*)::int as members, (count(*) filter (where b < 0))::int as negative, (count(*) filter (where b = 0))::int as zero,
             (count(*) filter (where b > 0))::int as positive, min(b) as lo, max(b) as hi
      from s
    ),
    w as (select lo, hi, hi - lo + 1 as span, least(${buckets}::numeric, hi - lo + 1) as n from r where lo is not null),
    k as (select lo, hi, div(span + n - 1, n) as width, div(span + div(span + n - 1, n) - 1, div(span + n - 1, n))::int as n from w),
    c as (select div(s.b - k.lo, k.width)::int as i, count(*)::int as n from s cross join k group by 1)
    select r.members, r.negative, r.zero, r.positive, r.lo::text as min, r.hi::text as max, k.width::text as width,
           (k.lo + g.i * k.width)::text as "from", least(k.lo + (g.i + 1) * k.width - 1, k.hi)::text as "to",
           coalesce(c.n, 0)::int as count
    from r left join k on true
    left join lateral generate_series(0, k.n - 1) as g(i) on true
    left join c on c.i = g.i
    order by g.i`.execute(db);
  return rows;
}

/** At most `buckets` buckets over the open balances of `communityId`; undefined when the community is unknown. */
export async function balanceDistribution(db: Db, communityId: string, buckets: number): Promise<DistributionView | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const rows = await rowsOf(db, communityId, buckets);
  const s = rows[0]!;
  const items = rows.flatMap((r) => (r.from === null || r.to === null ? [] : [{ from: r.from, to: r.to, count: Number(r.count) }]));
  return {
    communityId, members: s.members, negative: s.negative, zero: s.zero, positive: s.positive, min: s.min, max: s.max,
    bucketWidth: s.width, items,
  };
}
