import { describe, expect, it } from "vitest";
import { barWidth, newestFirst, sharePercent, shareSeries } from "./figures.ts";

describe("sharePercent", () => {
  it("writes a share with one decimal, rounded half up", () => {
    expect(sharePercent(1n, 3n)).toBe("33.3");
    expect(sharePercent(2n, 3n)).toBe("66.7");
    expect(sharePercent(1n, 8n)).toBe("12.5");
    expect(sharePercent(1n, 2000n)).toBe("0.1");
    expect(sharePercent(0, 7)).toBe("0.0");
    expect(sharePercent(5, 5)).toBe("100.0");
  });

  it("is exact for amounts beyond a double's precision", () => {
    const whole = 9_223_372_036_854_775_807n;
    expect(sharePercent(whole / 2n, whole)).toBe("50.0");
    expect(sharePercent(whole - 1n, whole)).toBe("100.0");
  });

  it("has no share of nothing", () => {
    expect(sharePercent(0n, 0n)).toBeNull();
  });
});

describe("barWidth", () => {
  it("is the value's part of the widest, the widest full", () => {
    expect(barWidth(1250n, 2500n)).toBe(50);
    expect(barWidth(2500n, 2500n)).toBe(100);
  });

  it("draws a small positive value thinly but visibly, and nothing as nothing", () => {
    expect(barWidth(1n, 1_000_000n)).toBe(0.5);
    expect(barWidth(0n, 100n)).toBe(0);
    expect(barWidth(0n, 0n)).toBe(0);
  });
});

describe("shareSeries", () => {
  it("gives x in seconds and the two shares, a gap for a week without payments", () => {
    const rows = [
      { start: 1_764_547_200_000, payments: 4, marketPayments: 1, volume: 1000n, marketVolume: 250n },
      { start: 1_765_152_000_000, payments: 0, marketPayments: 0, volume: 0n, marketVolume: 0n },
    ];
    expect(shareSeries(rows)).toEqual([[1_764_547_200, 1_765_152_000], [25, null], [25, null]]);
  });
});

describe("newestFirst", () => {
  it("keeps the last rows, newest first", () => {
    expect(newestFirst([1, 2, 3, 4], 2)).toEqual([4, 3]);
    expect(newestFirst([1], 5)).toEqual([1]);
  });
});
