/**
 * The community's time series as uPlot wants them: one x array (bucket starts, seconds) and one
 * array per series. Amounts become numbers in display units here, for drawing only; tables and
 * downloads keep them exact. On a log scale, zero has no place, so it becomes a gap.
 */
import type { StatsBucketJson } from "../../../../indexer/api/types.ts";

/** A stats bucket as the stats download sends it (amounts as decimal strings): the indexer API's shape. */
export type StatsRow = StatsBucketJson;

export type Series = (number | null)[];

/** A decimal string of units as a number of display units (12.5 for "1250" at 2 decimals). */
export function unitsToNumber(units: string, decimals: number): number {
  return Number(units) / 10 ** decimals;
}

const gapZeros = (values: number[], log: boolean): Series => (log ? values.map((v) => (v > 0 ? v : null)) : values);

/** The four charts' data: payments, volume, active and new members, money supply and credit in use. */
export function chartSeries(rows: readonly StatsRow[], decimals: number, log: boolean) {
  const x = rows.map((r) => r.start / 1000);
  const series = (pick: (r: StatsRow) => number) => gapZeros(rows.map(pick), log);
  return {
    payments: [x, series((r) => r.payments)],
    volume: [x, series((r) => unitsToNumber(r.volume, decimals))],
    members: [x, series((r) => r.activeMembers), series((r) => r.newMembers)],
    supply: [x, series((r) => unitsToNumber(r.moneySupply, decimals)), series((r) => unitsToNumber(r.creditInUse, decimals))],
  };
}

/** No joins, payments, money or credit in any bucket: a community nobody has joined yet, with nothing to chart. */
export const isQuiet = (rows: readonly StatsRow[]): boolean =>
  rows.every((r) => r.payments === 0 && r.newMembers === 0 && r.activeMembers === 0 && r.moneySupply === "0" && r.creditInUse === "0");
