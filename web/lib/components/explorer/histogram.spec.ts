import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.ts";

describe("histogram", () => {
  it("puts every balance in exactly one bin, bins contiguous from min to max", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (balances, maxBins) => {
        const bins = histogram(balances, maxBins);
        expect(bins.length).toBeGreaterThan(0);
        expect(bins.length).toBeLessThanOrEqual(maxBins);
        expect(bins.reduce((s, b) => s + b.count, 0)).toBe(balances.length);
        const sorted = [...balances].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(bins[0]!.from).toBe(sorted[0]);
        expect(bins.at(-1)!.to).toBe(sorted.at(-1));
        for (let i = 1; i < bins.length; i++) expect(bins[i]!.from).toBe(bins[i - 1]!.to + 1n);
        for (const b of balances) expect(bins.filter((bin) => bin.from <= b && b <= bin.to)).toHaveLength(1);
      }),
    );
  });

  it("gives one bin per value when the range is narrower than the bin count", () => {
    expect(histogram([-1n, 0n, 0n, 1n], 10)).toEqual([
      { from: -1n, to: -1n, count: 1 },
      { from: 0n, to: 0n, count: 2 },
      { from: 1n, to: 1n, count: 1 },
    ]);
  });

  it("gives no bins for no balances", () => {
    expect(histogram([])).toEqual([]);
  });
});
