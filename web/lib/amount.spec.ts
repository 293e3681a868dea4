import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayAmount, displayErg, formatAmount, LONG_MAX, parseAmount } from "./amount.ts";

describe("displayAmount and displayErg", () => {
  it("put thousands separators in the whole part only, signs and symbols kept", () => {
    expect(displayAmount(1_234_550n, 2, { symbol: "SHL" })).toBe("12,345.50 SHL");
    expect(displayAmount(-1_234_550n, 2)).toBe("-12,345.50");
    expect(displayAmount(99_999n, 2)).toBe("999.99");
    expect(displayAmount(100_000n, 2)).toBe("1,000.00");
    expect(displayAmount("123456789", 0)).toBe("123,456,789");
    expect(displayAmount(1n, 9)).toBe("0.000000001");
    expect(displayAmount(LONG_MAX, 2)).toBe("92,233,720,368,547,758.07");
    expect(displayErg(1_000_500_000_000n)).toBe("1,000.5 ERG");
    expect(displayErg(100_000_000n)).toBe("0.1 ERG");
  });

  it("is formatAmount with the commas taken out, for any amount and decimals", () => {
    fc.assert(fc.property(fc.bigInt({ min: -LONG_MAX, max: LONG_MAX }), fc.integer({ min: 0, max: 18 }), (units, decimals) => {
      const shown = displayAmount(units, decimals, { symbol: "KCD" });
      expect(shown.replaceAll(",", "")).toBe(formatAmount(units, decimals, { symbol: "KCD" }));
      expect(shown).toMatch(/^-?\d{1,3}(?:,\d{3})*(?:\.\d+)? KCD$/);
    }));
  });

  it("is not read back by the amount grammar: inputs and links take formatAmount's exact text", () => {
    expect(parseAmount(formatAmount(100_000n, 2), 2)).toBe(100_000n);
    expect(() => parseAmount(displayAmount(100_000n, 2), 2)).toThrow(/"1,000.00" is not a number/);
  });
});
