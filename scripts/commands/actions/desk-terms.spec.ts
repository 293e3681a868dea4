/**
 * The desk's flags without a node: the rate as people say it converted exactly into the contract's
 * fraction (any decimals, per ERG or per USD, reduced), fees and durations, each refusal naming its flag.
 */
import { describe, expect, it } from "vitest";
import { FIXED_TERMS } from "../../../contracts/testing/desk-fixture.ts";
import { CliError } from "../command.ts";
import { blocksOption, feeOption, rateTerms, termsFromFlags } from "./desk-terms.ts";

const usage = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return error.message;
    throw error;
  }
  throw new Error("not refused");
};

describe("desk terms on the command line", () => {
  it("converts a rate per ERG or per USD exactly with the community's decimals, reduced", () => {
    expect(rateTerms("1.10", "erg", 2)).toEqual({ rateNum: 11n, rateDen: 100_000_000n });
    expect(rateTerms("1.1", "erg", 2)).toEqual({ rateNum: 11n, rateDen: 100_000_000n });
    expect(rateTerms("1.10", "usd", 2)).toEqual({ rateNum: 110n, rateDen: 1n });
    expect(rateTerms("2", "erg", 0)).toEqual({ rateNum: 1n, rateDen: 500_000_000n });
    expect(rateTerms(".5", "usd", 0)).toEqual({ rateNum: 1n, rateDen: 2n });
    expect(rateTerms("0.000000001", "erg", 9)).toEqual({ rateNum: 1n, rateDen: 1_000_000_000n });
    // The ratio is what counts: rateNum / rateDen base units per nanoERG is 1.10 × 10^2 / 10^9.
    const { rateNum, rateDen } = rateTerms("1.23456789", "erg", 4);
    expect(rateNum * 1_000_000_000n * 100_000_000n).toBe(123_456_789n * 10_000n * rateDen);
  });

  it("refuses a rate that is not a positive decimal or past the contract's bound", () => {
    expect(usage(() => rateTerms("1,10", "erg", 2))).toBe("--rate must be a positive decimal, units per ERG like 1.10, not '1,10'");
    expect(usage(() => rateTerms("0.00", "erg", 2))).toBe("--rate must be above 0, not '0.00'");
    expect(usage(() => rateTerms("-1", "usd", 2))).toContain("--rate must be a positive decimal");
    expect(usage(() => rateTerms("1e3", "usd", 2))).toContain("--rate must be a positive decimal");
    expect(usage(() => rateTerms("10000000000000000000", "usd", 2))).toContain("past its bound");
  });

  it("reads fees as percentages or basis points and durations as blocks or hours, days, weeks", () => {
    expect([feeOption("buy-fee", "1%"), feeOption("buy-fee", "0.25%"), feeOption("buy-fee", "25bp"), feeOption("buy-fee", "0%")]).toEqual([100n, 25n, 25n, 0n]);
    expect(usage(() => feeOption("sell-fee", "0.125%"))).toContain("--sell-fee must be a percentage");
    expect(usage(() => feeOption("sell-fee", "100%"))).toBe("--sell-fee must be below 100% (at most 9999bp), not '100%'");
    expect([blocksOption("period", "720"), blocksOption("period", "12h"), blocksOption("period", "1d"), blocksOption("period", "1w")]).toEqual([720n, 360n, 720n, 5_040n]);
    expect(usage(() => blocksOption("notice", "1 fortnight"))).toContain("--notice must be blocks (720)");
  });

  it("announces over the active terms: only the flags given change; refusals are named by their flag", () => {
    const active = { ...FIXED_TERMS, maxUnits: 10_000n };
    const terms = termsFromFlags({ rate: "1.20", "buy-fee": "0.5%" }, { decimals: 2 }, active, () => "");
    expect(terms).toEqual({ ...active, rateNum: 3n, rateDen: 25_000_000n, buyFeeBps: 50n });
    const dollars = termsFromFlags({ rate: "2", per: "usd" }, { decimals: 2 }, active, () => "ab".repeat(32));
    expect(dollars).toMatchObject({ rateNum: 200n, rateDen: 1n, oracleNft: "ab".repeat(32) });
    expect(usage(() => termsFromFlags({ "issue-limit": "100.01" }, { decimals: 2 }, active, () => ""))).toBe("--issue-limit: at most 100.00 (no balance may go past it), not 100.01");
    expect(usage(() => termsFromFlags({ per: "usd" }, { decimals: 2 }, active, () => ""))).toBe("--per needs --rate: the rate in that currency");
    expect(usage(() => termsFromFlags({ "oracle-nft": "ab".repeat(32) }, { decimals: 2 }, active, () => ""))).toContain("--oracle-nft is for a desk priced in US dollars");
  });
});
