import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AmountError, LONG_MAX, formatAmount, formatErg, parseAmount, parseErg } from "./amounts.ts";
import { AMOUNT_CASES } from "./testing/amount-cases.ts";

const reasonOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof AmountError) return error.reason;
    throw error;
  }
  throw new Error("expected an AmountError");
};

describe("parseAmount on the shared table (contracts/testing/amount-cases.ts)", () => {
  it.each(AMOUNT_CASES.map((c) => [JSON.stringify(c.text), c] as const))("reads %s as the table says", (_, c) => {
    const parse = () => parseAmount(c.text, c.decimals, { positive: c.positive, symbol: c.symbol });
    if (c.reason === undefined) expect(parse()).toBe(c.units);
    else expect(reasonOf(parse)).toBe(c.reason);
  });
});

describe("parseAmount", () => {
  it("reads whole and fractional amounts at the community's decimals", () => {
    expect(parseAmount("12.5", 2)).toBe(1250n);
    expect(parseAmount("12.50", 2)).toBe(1250n);
    expect(parseAmount("12", 2)).toBe(1200n);
    expect(parseAmount(".5", 2)).toBe(50n);
    expect(parseAmount("5.", 2)).toBe(500n);
    expect(parseAmount(" 7 ", 0)).toBe(7n);
    expect(parseAmount("0.000000001", 9)).toBe(1n);
  });

  it("is exact far beyond 2^53", () => {
    expect(parseAmount("9223372036854775807", 0)).toBe(LONG_MAX);
    expect(parseAmount("92233720368.54775807", 8)).toBe(LONG_MAX);
    expect(parseAmount("9007199254740993", 0)).toBe(9007199254740993n);
  });

  it("refuses more fraction digits than the decimals allow instead of rounding", () => {
    expect(reasonOf(() => parseAmount("1.234", 2, { symbol: "KCD" }))).toBe("Too precise: KCD amounts take at most 2 digits after the point.");
    expect(reasonOf(() => parseAmount("1.5", 0))).toBe("Too precise: amounts take whole numbers only.");
    expect(reasonOf(() => parseAmount("1.25", 1))).toBe("Too precise: amounts take at most 1 digit after the point.");
  });

  it("refuses values a Long register cannot hold", () => {
    expect(reasonOf(() => parseAmount("9223372036854775808", 0))).toBe("Too large: at most 9223372036854775807.");
    expect(reasonOf(() => parseAmount("92233720368.54775808", 8, { symbol: "KCD" }))).toBe("Too large: at most 92233720368.54775807 KCD.");
  });

  it("refuses empty, negative and malformed input with a reason", () => {
    expect(reasonOf(() => parseAmount("  ", 2))).toBe("Enter an amount.");
    expect(reasonOf(() => parseAmount("-1", 2))).toBe("The amount cannot be negative.");
    for (const bad of ["1e3", "1,000", "1 000", "abc", ".", "1.2.3", "+1", "0x10", "١٢"]) {
      expect(reasonOf(() => parseAmount(bad, 2))).toMatch(/is not a number/);
    }
  });

  it("refuses 0 only when a positive amount is required", () => {
    expect(parseAmount("0", 2)).toBe(0n);
    expect(parseAmount("0.00", 2)).toBe(0n);
    expect(reasonOf(() => parseAmount("0.00", 2, { positive: true }))).toBe("The amount must be more than 0.");
    expect(parseAmount("0.01", 2, { positive: true })).toBe(1n);
  });

  it("refuses decimals outside 0..18 as a programming error", () => {
    expect(() => parseAmount("1", 19)).toThrow(RangeError);
    expect(() => parseAmount("1", 1.5)).toThrow(RangeError);
  });
});

describe("formatAmount", () => {
  it("places the point and keeps every digit", () => {
    expect(formatAmount(1250n, 2)).toBe("12.50");
    expect(formatAmount(5n, 2)).toBe("0.05");
    expect(formatAmount(0n, 2)).toBe("0.00");
    expect(formatAmount(-40n, 2)).toBe("-0.40");
    expect(formatAmount(-50000n, 2, { symbol: "KCD" })).toBe("-500.00 KCD");
    expect(formatAmount(7n, 0)).toBe("7");
    expect(formatAmount("-9223372036854775808", 0)).toBe("-9223372036854775808");
  });

  it("drops trailing zeros when asked", () => {
    expect(formatAmount(50000n, 2, { trimZeros: true, symbol: "KCD" })).toBe("500 KCD");
    expect(formatAmount(1250n, 2, { trimZeros: true })).toBe("12.5");
  });

  it("formats ERG from nanoERG without trailing zeros", () => {
    expect(formatErg(100_000_000n)).toBe("0.1 ERG");
    expect(formatErg("1000000000")).toBe("1 ERG");
    expect(formatErg(1n)).toBe("0.000000001 ERG");
    expect(parseErg("0.1")).toBe(100_000_000n);
  });

  it("round-trips every Long amount at every decimals", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: LONG_MAX }), fc.integer({ min: 0, max: 18 }), (units, decimals) => {
        expect(parseAmount(formatAmount(units, decimals), decimals)).toBe(units);
        expect(parseAmount(formatAmount(units, decimals, { trimZeros: true }), decimals)).toBe(units);
      }),
    );
  });
});
