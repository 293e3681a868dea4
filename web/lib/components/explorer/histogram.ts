/**
 * The balance distribution as a histogram: equal-width bins over whole units, exact in bigint, so
 * every balance falls in exactly one bin and the counts add up to the number of members.
 */

export interface Bin {
  /** Inclusive lower bound, in units. */
  from: bigint;
  /** Inclusive upper bound, in units. */
  to: bigint;
  count: number;
}

/** At most `maxBins` bins covering [min, max] of `balances`; none for no balances. */
export function histogram(balances: readonly bigint[], maxBins = 20): Bin[] {
  if (balances.length === 0) return [];
  let min = balances[0]!;
  let max = min;
  for (const b of balances) {
    if (b < min) min = b;
    if (b > max) max = b;
  }
  const span = max - min + 1n;
  const bins = BigInt(Math.max(1, maxBins)) < span ? BigInt(Math.max(1, maxBins)) : span;
  const width = (span + bins - 1n) / bins;
  const count = Number((span + width - 1n) / width);
  const out: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = min + BigInt(i) * width;
    const to = from + width - 1n;
    return { from, to: to > max ? max : to, count: 0 };
  });
  for (const b of balances) out[Number((b - min) / width)]!.count++;
  return out;
}
