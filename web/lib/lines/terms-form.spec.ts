import { describe, expect, it } from "vitest";
import { feeBasisPoints, rateFraction, readTerms } from "./terms-form.ts";
import { rateWords } from "./words.ts";

const kcd = { name: "Kaikoura", symbol: "KCD", decimals: 2 };
const otd = { name: "Otago Dollars", symbol: "OTD", decimals: 2 };
const whole = { name: "Wholes", symbol: "WHL", decimals: 0 };

describe("terms as a committee types them", () => {
  it("turns a whole-unit rate into the reduced fraction between smallest units, and back into the same words", () => {
    expect(rateFraction("1.5", kcd, otd)).toEqual({ rateNum: 3n, rateDen: 2n });
    expect(rateFraction("1", kcd, whole)).toEqual({ rateNum: 1n, rateDen: 100n });
    expect(rateFraction("0.01", whole, kcd)).toEqual({ rateNum: 1n, rateDen: 1n });
    for (const [rate, a, b] of [["1.5", kcd, otd], ["2.25", whole, kcd], ["100", kcd, whole]] as const) {
      expect(rateWords(rateFraction(rate, a, b), a, b)).toBe(`1 ${a.symbol} = ${rate} ${b.symbol}`);
    }
    expect(() => rateFraction("0", kcd, otd)).toThrow("above 0");
    expect(() => rateFraction("1,5", kcd, otd)).toThrow("digits and one point");
    expect(() => rateFraction("0.000000001", kcd, { ...otd, decimals: 9 })).not.toThrow();
    expect(() => rateFraction("123456789.123", kcd, otd)).toThrow("10^9");
  });

  it("reads fees in percent as basis points", () => {
    expect([feeBasisPoints("1"), feeBasisPoints("0.25"), feeBasisPoints(""), feeBasisPoints("99.99")]).toEqual([100n, 25n, 0n, 9999n]);
    expect(() => feeBasisPoints("100")).toThrow("below 100");
  });

  it("reads every field, caps in the units they are counted in, or names what is wrong", () => {
    expect(readTerms({ rate: "1.5", capA: "100", capB: "50", feeA: "1", feeB: "0", shards: "2" }, kcd, otd)).toEqual({
      ok: true,
      terms: { rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 5_000n, feeA: 100n, feeB: 0n, shards: 2n },
    });
    const bad = readTerms({ rate: "x", capA: "0", capB: "1,000", feeA: "1", feeB: "0", shards: "17" }, kcd, otd);
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.ok ? {} : bad.errors).sort()).toEqual(["capA", "capB", "rate", "shards"]);
    const free = readTerms({ rate: "1.5", capA: "100", capB: "50", feeA: "0", feeB: "0", shards: "2" }, kcd, otd);
    expect(free.ok ? {} : free.errors).toEqual({ feeB: expect.stringContaining("At least one of the two fees") });
  });
});
