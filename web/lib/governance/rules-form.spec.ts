// The switch form's rules: percentages, ERG and blocks read exactly; each bad field in words.
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, percentPpm, readRules } from "./rules-form.ts";

describe("the switch form's rules", () => {
  it("reads the defaults", () => {
    expect(readRules(DEFAULT_RULES)).toEqual({
      rules: { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: 100_000_000n, minWindowBlocks: 720n, maxWindowBlocks: 5_040n, vetoBlocks: 0n },
      errors: {},
    });
  });

  it("reads percentages to four decimals", () => {
    expect(percentPpm("66.6667")).toBe(666_667n);
    expect(percentPpm("5 %")).toBe(50_000n);
    expect(() => percentPpm("1.23456")).toThrow("A percentage with at most 4 decimals (like 50 or 66.6667), not '1.23456'.");
    expect(() => percentPpm("101")).toThrow("At most 100%.");
  });

  it("refuses each bad field in words", () => {
    const { rules, errors } = readRules({ quorum: "x", majority: "100", deposit: "-1", minWindow: "0", maxWindow: "300000", veto: "a" });
    expect(rules).toBeUndefined();
    expect(errors).toEqual({
      quorum: "A percentage with at most 4 decimals (like 50 or 66.6667), not 'x'.",
      majority: "Below 100%: a proposal passes with more than this share of the for/against votes.",
      deposit: "The amount cannot be negative.",
      minWindow: "At least 1 block.",
      maxWindow: "At most 262,800 blocks (a year).",
      veto: "Enter the veto window as a whole number of blocks.",
    });
    expect(readRules({ ...DEFAULT_RULES, minWindow: "100", maxWindow: "50" }).errors).toEqual({ maxWindow: "At least the shortest vote." });
  });
});
