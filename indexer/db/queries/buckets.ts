/**
 * UTC calendar buckets (day, ISO week from Monday, month) by block time, every bucket from the one
 * of a community's creation block to the one of the latest indexed block: what the statistics and
 * the dashboard count in, so their rows line up.
 */
import { sql, type RawBuilder } from "kysely";

export const STATS_INTERVALS = ["day", "week", "month"] as const;
export type StatsInterval = (typeof STATS_INTERVALS)[number];

/** The bucket (a UTC timestamp) of a block time in ms. */
export const bucketOf = (interval: StatsInterval, ms: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`date_trunc(${interval}::text, to_timestamp(${ms} / 1000.0) at time zone 'UTC')`;

/** One bucket's length, as an interval. */
export const bucketStep = (interval: StatsInterval): RawBuilder<unknown> => sql`('1 ' || ${interval}::text)::interval`;

/** A UTC timestamp as ms since the epoch, in decimal text. */
export const epochMs = (t: RawBuilder<unknown>): RawBuilder<unknown> => sql`(extract(epoch from ${t}) * 1000)::bigint::text`;

/** The CTEs `span` and `buckets` (one row per bucket, column `bucket`) of `communityId`'s life so far. */
export const bucketsCte = (communityId: string, interval: StatsInterval): RawBuilder<unknown> => sql`
    span as (
      select ${bucketOf(interval, sql`genesis.timestamp`)} as first_bucket, ${bucketOf(interval, sql`tip.timestamp`)} as last_bucket
      from communities c
      join blocks genesis on genesis.height = c.created_height
      cross join (select timestamp from blocks order by height desc limit 1) tip
      where c.community_id = ${communityId}
    ),
    buckets as (select generate_series(first_bucket, last_bucket, ${bucketStep(interval)}) as bucket from span)`;
