import { describe, expect, it } from "vitest";
import { CliError } from "../command.ts";
import { AMOUNT_CASES } from "../../../contracts/testing/amount-cases.ts";
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
  it.each(AMOUNT_CASES.map((c) => [JSON.stringify(c.text), c] as const))("reads %s as the shared table says, naming the flag, exit 2 when refused", (_, c) => {
    const parse = () => parseUnits(c.text, c.decimals, "--amount", { allowZero: !c.positive, unit: c.symbol });
    if (c.reason === undefined) return void expect(parse()).toBe(c.units);
    const error = usageError(parse);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`--amount: ${c.reason}`);
  });

  it("allows zero where asked (limits, prices)", () => {
    expect(parseUnits("0", 2, "--positive-cap", { allowZero: true })).toBe(0n);
    expect(parseErg("0", "--join-fee-erg")).toBe(0n);
  });

  it("checks syntax alone before the decimals are known", () => {
    expect(amountSyntax("12.5", "--amount")).toEqual({ whole: "12", fraction: "5" });
    expect(amountSyntax("1000000000000", "--amount")).toEqual({ whole: "1000000000000", fraction: "" });
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
