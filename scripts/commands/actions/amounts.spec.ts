import { describe, expect, it } from "vitest";
import { CliError } from "../command.ts";
import { amountSyntax, formatErg, formatUnits, parseErg, parseUnits } from "./amounts.ts";

const usageError = (run: () => unknown): CliError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
};

describe("parseUnits", () => {
  it("parses decimal amounts exactly into units", () => {
    expect(parseUnits("12.50", 2, "--amount")).toBe(1250n);
    expect(parseUnits("12.5", 2, "--amount")).toBe(1250n);
    expect(parseUnits("12", 2, "--amount")).toBe(1200n);
    expect(parseUnits("0.01", 2, "--amount")).toBe(1n);
    expect(parseUnits("7", 0, "--amount")).toBe(7n);
    // Beyond 2^53, where a float would round.
    expect(parseUnits("92233720368547758.07", 2, "--amount")).toBe(9_223_372_036_854_775_807n);
  });

  it("refuses more decimals than the community has, naming its unit", () => {
    const error = usageError(() => parseUnits("1.234", 2, "--amount", { unit: "KCD" }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("--amount: '1.234' has 3 decimals; KCD amounts have at most 2 decimals");
    expect(usageError(() => parseUnits("1.5", 0, "--amount")).message).toContain("no decimals");
  });

  it("refuses negatives, zero, garbage and amounts past the Long range, with exit 2", () => {
    for (const [text, message] of [
      ["-5", "cannot be negative"],
      ["0", "must be more than 0"],
      ["0.00", "must be more than 0"],
      ["abc", "is not an amount"],
      ["1e3", "is not an amount"],
      ["1,5", "is not an amount"],
      [".5", "is not an amount"],
      ["", "is not an amount"],
      ["92233720368547758.08", "too large"],
    ] as const) {
      const error = usageError(() => parseUnits(text, 2, "--amount"));
      expect(error.exitCode, text).toBe(2);
      expect(error.message, text).toContain(message);
    }
  });

  it("allows zero where asked (limits, prices)", () => {
    expect(parseUnits("0", 2, "--positive-cap", { allowZero: true })).toBe(0n);
    expect(parseErg("0", "--join-fee-erg")).toBe(0n);
  });

  it("checks syntax alone before the decimals are known", () => {
    expect(amountSyntax("12.5", "--amount")).toEqual({ whole: "12", fraction: "5" });
    expect(() => amountSyntax("-1", "--amount")).toThrow(CliError);
  });
});

describe("formatUnits and formatErg", () => {
  it("shows units with the community's decimals, negatives included", () => {
    expect(formatUnits(1250n, 2)).toBe("12.50");
    expect(formatUnits(-5n, 2)).toBe("-0.05");
    expect(formatUnits(0n, 2)).toBe("0.00");
    expect(formatUnits(42n, 0)).toBe("42");
  });

  it("round-trips with parseUnits", () => {
    for (const units of [1n, 99n, 100n, 123_456_789n, 9_223_372_036_854_775_807n]) {
      expect(parseUnits(formatUnits(units, 4), 4, "x")).toBe(units);
    }
  });

  it("shows ERG without trailing zeros", () => {
    expect(formatErg(10_000_000n)).toBe("0.01 ERG");
    expect(formatErg(1_000_000_000n)).toBe("1 ERG");
    expect(formatErg(0n)).toBe("0 ERG");
    expect(formatErg(1_100_000n)).toBe("0.0011 ERG");
  });
});
