import { describe, expect, it } from "vitest";
import type { DeskTerms } from "$contracts/desk/desk.ts";
import { coveragePercent, effectiveWords, exactDecimal, feeWords, limitSentences, rateWords, unitPriceWords } from "./words.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const NFT = "ab".repeat(32);
const TERMS: DeskTerms = {
  rateNum: 110n, rateDen: 1_000_000_000n, buyFeeBps: 100n, sellFeeBps: 100n, issueLimit: 100_000n, periodBlocks: 720n, memberLimit: 30_000n,
  noticeBlocks: 10n, maxOracleAge: 30n, maxUnits: 9_223_372_036_854_775_807n, oracleNft: "",
};

describe("exactDecimal", () => {
  it("keeps at least the minimum places and drops zeros past them", () => {
    expect(exactDecimal(110n, 100n, 2)).toEqual({ text: "1.10", exact: true });
    expect(exactDecimal(3n, 2n, 0)).toEqual({ text: "1.5", exact: true });
    expect(exactDecimal(4n, 2n, 0)).toEqual({ text: "2", exact: true });
    expect(exactDecimal(123_456_789n, 100n, 2)).toEqual({ text: "1,234,567.89", exact: true });
  });

  it("rounds half up past six more places and says it is not exact", () => {
    expect(exactDecimal(1n, 3n, 2)).toEqual({ text: "0.33333333", exact: false });
    expect(exactDecimal(2n, 3n, 0)).toEqual({ text: "0.666667", exact: false });
  });

  it("is exact beyond a double's precision", () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1
    expect(exactDecimal(big, 1n, 0).text).toBe("9,007,199,254,740,993");
  });
});

describe("rate words", () => {
  it("says a fixed rate in units per ERG from rateNum, rateDen (nanoERG) and the decimals", () => {
    expect(rateWords(TERMS, KCD)).toBe("1.10 KCD per ERG");
    expect(rateWords({ ...TERMS, rateNum: 1n, rateDen: 3n }, KCD)).toBe("about 3,333,333.33333333 KCD per ERG");
    expect(rateWords({ ...TERMS, rateNum: 1n, rateDen: 3_000_000_000n }, KCD)).toBe("about 0.00333333 KCD per ERG");
    expect(rateWords({ ...TERMS, rateNum: 5n, rateDen: 1_000_000_000n }, { symbol: "H", decimals: 0 })).toBe("5 H per ERG");
  });

  it("says a dollar rate in units per USD (rateDen in dollars)", () => {
    expect(rateWords({ ...TERMS, rateDen: 1n, oracleNft: NFT }, KCD)).toBe("1.10 KCD per USD");
  });

  it("says the price of one unit the other way round", () => {
    expect(unitPriceWords({ ...TERMS, rateNum: 200n }, KCD)).toBe("1 KCD costs 0.5 ERG");
    expect(unitPriceWords(TERMS, KCD)).toBe("1 KCD costs about 0.909091 ERG");
    expect(unitPriceWords({ ...TERMS, rateNum: 100n, rateDen: 1n, oracleNft: NFT }, KCD)).toBe("1 KCD costs 1.00 USD");
  });
});

describe("fees and limits", () => {
  it("writes basis points as percents, and no fee in words", () => {
    expect(feeWords(TERMS)).toBe("1% to buy, 1% to sell");
    expect(feeWords({ buyFeeBps: 0n, sellFeeBps: 25n })).toBe("no fee to buy, 0.25% to sell");
  });

  it("states the issue limit, the member limit with its period, and the notice", () => {
    expect(limitSentences(TERMS, KCD)).toEqual([
      "The desk has at most 1,000.00 KCD outstanding at once (its issue limit).",
      "Each member may buy at most 300.00 KCD every 720 blocks (about 24 hours).",
      "A member sells back only units it holds: never into credit.",
      "A change of these terms is announced at least 10 blocks (about 20 minutes) before it applies.",
    ]);
    const usd = limitSentences({ ...TERMS, memberLimit: 0n, issueLimit: 0n, oracleNft: NFT }, KCD);
    expect(usd[0]).toMatch(/^The desk sells no units now/);
    expect(usd[1]).toBe("There is no limit per member.");
    expect(usd[4]).toBe("The price of a dollar in ERG comes from the oracle pool abababab…; a price posted more than 30 blocks (about 60 minutes) before is not used.");
  });
});

describe("when a change applies", () => {
  it("names the block and the time left at two minutes a block", () => {
    expect(effectiveWords(12_345n, 12_335n)).toBe("from block 12345, in about 20 minutes (10 blocks)");
    expect(effectiveWords(12_345n, 12_344n)).toBe("from block 12345: it applies to every trade from the next block");
    expect(effectiveWords(12_345n, 12_400n)).toBe("from block 12345: it applies to every trade from the next block");
  });
});

describe("coverage", () => {
  it("is the reserve over the cover in percent, one decimal, or nothing without a cover", () => {
    expect(coveragePercent(5n, 4n)).toBe("125.0%");
    expect(coveragePercent(2n, 3n)).toBe("66.7%");
    expect(coveragePercent(1n, 0n)).toBeNull();
    expect(coveragePercent(1n, null)).toBeNull();
  });
});
