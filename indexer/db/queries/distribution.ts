/**
 * The balance distribution of a community's open accounts, computed in SQL over the live account
 * boxes (an index-only read of `account_boxes_live`). Equal-width buckets of whole units over
 * [min, max], at most the number asked for: width = ceil((max - min + 1) / min(buckets, max - min + 1)),
 * bucket i = [min + i*width, min + (i+1)*width - 1] (the last one ends at max), empty buckets
 * included. The arithmetic is integer division (`div`) on `numeric`, so edges are exact even for
 * balances near the ends of a `Long` (a `/` would round: numeric division keeps only about 16
 * significant digits' worth of scale), and every balance falls in exactly one bucket.
 *
 * With `round`, the edges are round numbers instead: the width is the smallest of 1, 2, 5, 10, 20,
 * 50, ... units that needs at most greatest(buckets, 2) buckets when they start at multiples of it
 * (a width in base units from this series is a 1-2-5 width at any number of decimals), bucket
 * i = [base + i*width, base + (i+1)*width - 1] with base = floor(min / width) * width, so the first
 * may start below min and the last end above max.
 */
import { sql, type RawBuilder } from "kysely";
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
async function rowsOf(db: Db, communityId: string, buckets: number, round: boolean): Promise<Row[]> {
  // Floor division on numeric, exact (div truncates toward zero).
  const floorDiv = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`(div(${a}, ${b}) - case when mod(${a}, ${b}) < 0 then 1 else 0 end)`;
  const lo = sql`lo`;
  const hi = sql`hi`;
  const width = sql`cand.width`;
  // Equal-width buckets start at min; round ones at a multiple of the smallest 1-2-5 width that needs at most greatest(buckets, 2).
  const sizing = round
    ? sql`select lo, hi, cand.width, ${floorDiv(lo, width)} * cand.width as base, (${floorDiv(hi, width)} - ${floorDiv(lo, width)} + 1)::int as n
          from r cross join (select m * ('1' || repeat('0', e))::numeric as width from (values (1), (2), (5)) as v(m) cross join generate_series(0, 19) as e) cand
          where lo is not null and ${floorDiv(hi, width)} - ${floorDiv(lo, width)} + 1 <= greatest(${buckets}::int, 2)
          order by cand.width limit 1`
    : sql`select lo, hi, div(span + n - 1, n) as width, lo as base, div(span + div(span + n - 1, n) - 1, div(span + n - 1, n))::int as n
          from (select lo, hi, hi - lo + 1 as span, least(${buckets}::numeric, hi - lo + 1) as n from r where lo is not null) w`;
  const last = round ? sql`k.base + (g.i + 1) * k.width - 1` : sql`least(k.base + (g.i + 1) * k.width - 1, k.hi)`;
  const { rows } = await sql<Row>`
    with s as (select balance::numeric as b from account_boxes where community_id = ${communityId} and spent_height is null),
    r as (
      select count(*)::int as members, (count(*) filter (where b < 0))::int as negative, (count(*) filter (where b = 0))::int as zero,
             (count(*) filter (where b > 0))::int as positive, min(b) as lo, max(b) as hi
      from s
    ),
    k as (${sizing}),
    c as (select div(s.b - k.base, k.width)::int as i, count(*)::int as n from s cross join k group by 1)
    select r.members, r.negative, r.zero, r.positive, r.lo::text as min, r.hi::text as max, k.width::text as width,
           (k.base + g.i * k.width)::text as "from", (${last})::text as "to",
           coalesce(c.n, 0)::int as count
    from r left join k on true
    left join lateral generate_series(0, k.n - 1) as g(i) on true
    left join c on c.i = g.i
    order by g.i`.execute(db);
  return rows;
}

/** At most `buckets` buckets (with `round`, at most greatest(buckets, 2) round ones) over the open balances of `communityId`; undefined when the community is unknown. */
export async function balanceDistribution(db: Db, communityId: string, buckets: number, round = false): Promise<DistributionView | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const rows = await rowsOf(db, communityId, buckets, round);
  const s = rows[0]!;
  const items = rows.flatMap((r) => (r.from === null || r.to === null ? [] : [{ from: r.from, to: r.to, count: Number(r.count) }]));
  return {
    communityId, members: s.members, negative: s.negative, zero: s.zero, positive: s.positive, min: s.min, max: s.max,
    bucketWidth: s.width, items,
  };
}
