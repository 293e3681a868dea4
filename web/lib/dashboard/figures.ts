/**
 * The dashboard's figures that are not the indexer's own: the marketplace's share of a week's
 * trade as a percentage, a table row's bar, and the share series the chart draws. Shares and bars
 * are computed from the exact bigint amounts, so a share of a large volume is never rounded twice.
 */

/** The windows the top traders table offers, in days before the latest block. */
export const TRADER_DAYS = [7, 30, 365] as const;
export type TraderDays = (typeof TRADER_DAYS)[number];

/** How many top traders the page shows and its download holds. */
export const TOP_TRADERS = 10;

/** `part` of `whole` in tenths of a percent, rounded half up; null when `whole` is not positive (nothing to share). */
function shareTenths(part: bigint, whole: bigint): bigint | null {
  if (whole <= 0n) return null;
  return (part * 2000n + whole) / (2n * whole);
}

/** `part` of `whole` as a percentage with one decimal ("42.9"), exact up to that rounding; null when `whole` is 0. */
export function sharePercent(part: bigint | number, whole: bigint | number): string | null {
  const tenths = shareTenths(BigInt(part), BigInt(whole));
  if (tenths === null) return null;
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** A bar's width in percent of the widest (`max`), one decimal; a positive value is never drawn narrower than 0.5%. */
export function barWidth(value: bigint | number, max: bigint | number): number {
  const tenths = shareTenths(BigInt(value), BigInt(max));
  if (tenths === null || BigInt(value) <= 0n) return 0;
  return Math.max(0.5, Number(tenths) / 10);
}

/** One bucket of the market share as the chart needs it: start, payments and volume, amounts exact. */
export interface ShareRow {
  start: number;
  payments: number;
  marketPayments: number;
  volume: bigint;
  marketVolume: bigint;
}

/** The share chart's data: x in seconds, the share of payments and of volume in percent (a gap where there was no trade). */
export function shareSeries(rows: readonly ShareRow[]): (number | null)[][] {
  const percent = (part: bigint | number, whole: bigint | number) => {
    const text = sharePercent(part, whole);
    return text === null ? null : Number(text);
  };
  return [
    rows.map((r) => r.start / 1000),
    rows.map((r) => percent(r.marketPayments, r.payments)),
    rows.map((r) => percent(r.marketVolume, r.volume)),
  ];
}

/** The last `count` rows of an oldest-first series, newest first: what a table shows of a long series. */
export const newestFirst = <T>(rows: readonly T[], count: number): T[] => rows.slice(-count).reverse();
