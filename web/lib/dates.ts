/**
 * The one date format of the explorer and the wallet: block times in UTC, the same for every
 * reader whatever their browser's time zone, written year first so they sort as text and read
 * the same in every language: "2026-12-02 14:05 UTC" for a moment, "2026-12-02" for a day.
 * CSV downloads write times this way too (the page's values), and the charts' axes and legends
 * ("2026-12" for a month tick).
 */

/** A time (ms since the Unix epoch) as "YYYY-MM-DD HH:MM UTC". */
export function formatTime(ms: number): string {
  if (!isDate(ms)) return "unknown time";
  return `${formatDay(ms)} ${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** The UTC day of a time (ms) as "YYYY-MM-DD": charts by day, week or month, the stats download. */
export function formatDay(ms: number): string {
  if (!isDate(ms)) return "unknown day";
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC month of a time (ms) as "YYYY-MM": the ticks of a chart by month. */
export function formatMonth(ms: number): string {
  return formatDay(ms).slice(0, 7);
}

/** Years 0 to 9999: what the four-digit year of this format can write (a block time always is). */
const isDate = (ms: number): boolean => Number.isFinite(ms) && ms >= -62_167_219_200_000 && ms < 253_402_300_800_000;
