import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountLabel, amountSteps, binRange, BUCKET_SECONDS, COUNT_STEPS, countLabel, legendIndex, oneTwoFive, timeRange, timeSteps, valueRange } from "./axes.ts";

/** Whether `x` is 1, 2 or 5 times a power of ten (within a double's rounding). */
const isOneTwoFive = (x: number) => {
  const mantissa = x / 10 ** Math.floor(Math.log10(x) + 1e-12);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
};

describe("tick steps", () => {
  it("are 1-2-5 steps; a count's are whole numbers, an amount's never finer than one base unit", () => {
    expect(oneTwoFive(-1, 1)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(COUNT_STEPS.every((s) => Number.isInteger(s) && isOneTwoFive(s))).toBe(true);
    expect(COUNT_STEPS[0]).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 18 }), (decimals) => {
        const steps = amountSteps(decimals);
        expect(steps[0]).toBe(Number(`1e-${decimals}`));
        expect(steps.every(isOneTwoFive)).toBe(true);
        // Every step is a whole number of base units.
        expect(steps.every((s) => Math.abs(Math.round(s * 10 ** decimals) - s * 10 ** decimals) < 1e-6 * s * 10 ** decimals)).toBe(true);
      }),
    );
  });

  it("ticks of counts at any of those steps are whole numbers, and their labels have no fraction", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNT_STEPS.slice(0, 8)), fc.integer({ min: 0, max: 50 }), (step, k) => {
        const tick = k * step;
        expect(Number.isInteger(tick)).toBe(true);
        expect(countLabel(tick)).toMatch(/^\d{1,3}(,\d{3})*$/);
      }),
    );
  });
});

describe("valueRange", () => {
  it("runs from 0 to at least one step when every value is 0 (an empty community)", () => {
    expect(valueRange(0, 0)).toEqual([0, 1.05]);
    expect(valueRange(null, null)).toEqual([0, 1.05]);
    expect(valueRange(0, 0, 0.01)).toEqual([0, 0.0105]);
  });

  it("holds every value, starts at 0 unless a value is negative, and pads the top", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (a, span) => {
        const [low, high] = valueRange(a, a + span);
        expect(low).toBeLessThanOrEqual(Math.min(0, a));
        expect(high).toBeGreaterThan(Math.max(1, a + span) - 1e-9);
        if (a >= 0) expect(low).toBe(0);
      }),
    );
  });
});

describe("timeRange", () => {
  it("spans one day's buckets, not years: half a bucket each side", () => {
    const day = Date.UTC(2026, 11, 2) / 1000;
    expect(timeRange(day, day, BUCKET_SECONDS.day)).toEqual([day - 43_200, day + 43_200]);
    const [from, to] = timeRange(day, day + 2 * 86_400, BUCKET_SECONDS.day);
    expect(to - from).toBe(3 * 86_400);
  });

  it("always holds the data and never adds more than a bucket", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e9 }), fc.integer({ min: 0, max: 1e8 }), fc.constantFrom("day", "week", "month" as const), (first, span, interval) => {
        const step = BUCKET_SECONDS[interval];
        const [from, to] = timeRange(first, first + span, step);
        expect(from).toBeLessThan(first);
        expect(to).toBeGreaterThan(first + span);
        expect(to - from - span).toBeCloseTo(step);
      }),
    );
  });

  it("ticks never finer than a bucket: a day chart has days, a month chart months", () => {
    expect(timeSteps(BUCKET_SECONDS.day)[0]).toBe(86_400);
    expect(timeSteps(BUCKET_SECONDS.week)[0]).toBe(7 * 86_400);
    expect(timeSteps(BUCKET_SECONDS.month)[0]).toBe(30 * 86_400);
    for (const interval of ["day", "week", "month"] as const) {
      const steps = timeSteps(BUCKET_SECONDS[interval]);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    }
  });

  it("without data is a bucket either side of now", () => {
    const [from, to] = timeRange(null, null, 86_400);
    expect(to - from).toBe(2 * 86_400);
  });
});

describe("legends and labels", () => {
  it("show the latest point until one is hovered", () => {
    expect(legendIndex(null, 5)).toBe(4);
    expect(legendIndex(undefined, 1)).toBe(0);
    expect(legendIndex(2, 5)).toBe(2);
    expect(legendIndex(null, 0)).toBeNull();
  });

  it("label amounts with the decimals the step needs, never more than the community's", () => {
    expect(amountLabel(12.5, 0.5, 2)).toBe("12.5");
    expect(amountLabel(1200, 200, 2)).toBe("1,200");
    expect(amountLabel(0.01, 0.01, 2)).toBe("0.01");
    expect(amountLabel(0.02, 0.02, 2)).toBe("0.02");
    expect(amountLabel(1, 1e-9, 2)).toBe("1.00");
  });

  it("bins span [i, i + 1], so the axis runs from the first bin's lower edge to the last's upper edge", () => {
    expect(binRange(3)).toEqual([0, 3]);
    expect(binRange(0)).toEqual([0, 1]);
  });
});
