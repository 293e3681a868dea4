/** Pure statistics for the report: Gini coefficient, quantiles, histograms. */

/**
 * The Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds
 * everything. Sorted-rank formula G = 2 Σ i·x(i) / (n Σ x) − (n + 1) / n, i = 1..n. 0 for no values
 * or an all-zero list. Throws on a negative value: the Gini of signed balances is not defined.
 */
export function gini(values: readonly number[]): number {
  if (values.some((v) => v < 0 || !Number.isFinite(v))) throw new RangeError("gini() takes finite non-negative values");
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((v, i) => {
    total += v;
    weighted += (i + 1) * v;
  });
  if (n === 0 || total === 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** The q-quantile (0..1) by linear interpolation between order statistics; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Counts per bin: `bins` equal-width bins over [min, max], the last one closed. */
export function histogram(values: readonly number[], bins: number): { from: number; to: number; count: number }[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = max === min ? 1 : (max - min) / bins;
  const counts = new Array<number>(max === min ? 1 : bins).fill(0);
  for (const v of values) counts[Math.min(counts.length - 1, Math.floor((v - min) / width))]! += 1;
  return counts.map((count, i) => ({ from: min + i * width, to: min + (i + 1) * width, count }));
}

/** Rounds to `digits` decimals for reports (numbers, not strings). */
export const round = (value: number, digits = 4): number => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);
