/**
 * Axes that fit the data, for the explorer's charts (pure, so they are unit-tested): tick steps
 * from a 1-2-5 series (whole numbers for counts, whole base units for amounts), a value range that
 * is never a sliver around zero, a time range that spans the data's buckets with half a bucket
 * each side, and the point a legend shows before anything is hovered.
 */
import type { Interval } from "$lib/server/indexer-types.ts";

/** 1, 2, 5 times each power of ten from 10^fromExponent to 10^toExponent, ascending. */
export function oneTwoFive(fromExponent: number, toExponent: number): number[] {
  const out: number[] = [];
  for (let e = fromExponent; e <= toExponent; e++) {
    // Built from a decimal string, so 0.2 is the double nearest 0.2 (not 2 * 0.1).
    for (const m of [1, 2, 5]) out.push(Number(`${m}e${e}`));
  }
  return out;
}

/** Tick steps of an axis of counts (payments, members): whole numbers only. */
export const COUNT_STEPS: readonly number[] = oneTwoFive(0, 15);

/** Tick steps of an axis of amounts at `decimals`: never finer than one base unit. */
export const amountSteps = (decimals: number): number[] => oneTwoFive(-decimals, 18);

/** Seconds of one bucket of each interval (a month as its average length), for padding the time axis. */
export const BUCKET_SECONDS: Readonly<Record<Interval, number>> = { day: 86_400, week: 7 * 86_400, month: 30.436875 * 86_400 };

/**
 * The value axis: from 0 (or a little below the lowest value when it is negative) to a little above
 * the highest, and at least up to `least` (1 for counts, one base unit for amounts): a chart of
 * zeros runs from 0 to 1 step, not to 0.05.
 */
export function valueRange(min: number | null, max: number | null, least = 1): [number, number] {
  const low = Math.min(0, min ?? 0);
  const high = Math.max(least, max ?? 0);
  const pad = (high - low) * 0.05;
  return [low < 0 ? low - pad : 0, high + pad];
}

/**
 * The time axis of buckets starting at `first` to `last` (seconds): the data's span and half a
 * bucket each side, so each bar sits inside the chart and one day's data is a day wide, not years.
 */
export function timeRange(first: number | null, last: number | null, bucketSeconds: number): [number, number] {
  if (first === null || last === null) {
    const now = Math.floor(Date.now() / 1000);
    return [now - bucketSeconds, now + bucketSeconds];
  }
  return [first - bucketSeconds / 2, last + bucketSeconds / 2];
}

/** The x axis of a histogram of `bins` bins, bin i spanning [i, i + 1]: whole numbers are the edges. */
export const binRange = (bins: number): [number, number] => [0, Math.max(bins, 1)];

/** The data point a legend shows: the hovered one, else the latest. */
export function legendIndex(hovered: number | null | undefined, points: number): number | null {
  if (hovered !== null && hovered !== undefined) return hovered;
  return points > 0 ? points - 1 : null;
}

/** A count's label: a whole number with thousands separators (ticks of counts are whole). */
export const countLabel = (value: number): string => Math.round(value).toLocaleString("en-US");

/** An amount axis label at `decimals`: as many decimals as the step needs, at most the community's. */
export function amountLabel(value: number, step: number, decimals: number): string {
  const needed = step >= 1 ? 0 : Math.min(decimals, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toLocaleString("en-US", { minimumFractionDigits: needed, maximumFractionDigits: needed });
}

const DAY = 86_400;

/**
 * Tick steps of a time axis of buckets `bucketSeconds` long: never finer than a bucket, so a day
 * chart has a tick per day (not per four hours). Months and years are uPlot's own (30 and 365
 * days), which it lays on calendar boundaries.
 */
export function timeSteps(bucketSeconds: number): number[] {
  const steps = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 180 * DAY, 365 * DAY, 2 * 365 * DAY, 5 * 365 * DAY, 10 * 365 * DAY];
  // A month bucket (about 30.4 days) starts at uPlot's month step.
  return steps.filter((step) => step >= Math.min(bucketSeconds, 30 * DAY));
}
