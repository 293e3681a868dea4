import { describe, expect, it } from "vitest";
import { gini, histogram, quantile } from "./stats.ts";

describe("gini", () => {
  it("is 0 when everyone holds the same, and for nobody or nothing", () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
  });

  it("is (n - 1) / n when one holds everything", () => {
    expect(gini([0, 0, 0, 8])).toBeCloseTo(0.75, 12);
    expect(gini([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toBeCloseTo(0.9, 12);
  });

  it("matches the mean-absolute-difference definition on an uneven list, in any order", () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    let differences = 0;
    for (const a of values) for (const b of values) differences += Math.abs(a - b);
    expect(gini(values)).toBeCloseTo(differences / (2 * n * n * mean), 12);
    expect(gini([...values].reverse())).toBeCloseTo(gini(values), 12);
  });

  it("refuses negative values: the Gini of signed balances is not defined", () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
  });
});

describe("quantile", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("histogram", () => {
  it("counts every value once, the maximum in the last bin", () => {
    const bins = histogram([-10, -5, 0, 0, 5, 10], 4);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 2, 2]);
    expect(bins[0]!.from).toBe(-10);
    expect(bins.at(-1)!.to).toBe(10);
  });

  it("puts equal values in one bin, and has none for no values", () => {
    expect(histogram([3, 3, 3], 10)).toEqual([{ from: 3, to: 4, count: 3 }]);
    expect(histogram([], 10)).toEqual([]);
  });
});
