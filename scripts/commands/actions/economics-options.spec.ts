/** The lever flags and their words: parsing, the companion rules, the contracts' rules under each flag's name. */
import { describe, expect, it } from "vitest";
import { checkPolicy, type Economics, type PaymentLeg } from "../../../contracts/index.ts";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { CliError } from "../command.ts";
import { checkEconomicsSyntax, economicsForCreate, leverChanges, leverFlag, parseDemurrage, usageCheck, type EconomicsValues } from "./economics-options.ts";
import { bpsAsPercent, economicsInWords, payerChargesInWords, periodInWords, ppmAsPercent } from "./economics-words.ts";
import { unitFormat } from "./describe.ts";

/** The exit code and message a check refuses with. */
function refusal(check: () => unknown): [number, string] {
  try {
    check();
  } catch (error) {
    if (error instanceof CliError) return [error.exitCode, error.message];
    throw error;
  }
  throw new Error("expected a refusal");
}

const KCD = unitFormat({ name: "Kaikoura Dollars", symbol: "KCD", description: "", decimals: 2 });

describe("--demurrage", () => {
  it("reads a percent per named period or per a number of them, exactly in ppm", () => {
    expect(parseDemurrage("1%/month")).toEqual({ demurragePpm: 10_000n, demurragePeriod: 21_600n });
    expect(parseDemurrage("0.5% per week")).toEqual({ demurragePpm: 5_000n, demurragePeriod: 5_040n });
    expect(parseDemurrage("2%/1000 blocks")).toEqual({ demurragePpm: 20_000n, demurragePeriod: 1_000n });
    expect(parseDemurrage("12% a year")).toEqual({ demurragePpm: 120_000n, demurragePeriod: 262_800n });
    expect(parseDemurrage("0.0001%/Day")).toEqual({ demurragePpm: 1n, demurragePeriod: 720n });
    expect(parseDemurrage("100%/block")).toEqual({ demurragePpm: 1_000_000n, demurragePeriod: 1n });
  });

  it("refuses what is not a rate, too precise, above 100% or over 0 blocks, naming the flag (exit 2)", () => {
    const hint = "write a rate like 1%/month, 0.5%/week or 2%/1000 blocks";
    expect(refusal(() => parseDemurrage("1 month"))).toEqual([2, `--demurrage: '1 month' is not a rate; ${hint}`]);
    expect(refusal(() => parseDemurrage("1%/fortnight"))).toEqual([2, `--demurrage: '1%/fortnight' is not a rate; ${hint}`]);
    expect(refusal(() => parseDemurrage("0.00001%/day"))).toEqual([2, `--demurrage: '0.00001' is not a percent with at most 4 digits after the point; ${hint}`]);
    expect(refusal(() => parseDemurrage("-1%/day"))).toEqual([2, `--demurrage: '-1' is not a percent with at most 4 digits after the point; ${hint}`]);
    expect(refusal(() => parseDemurrage("101%/day"))).toEqual([2, `--demurrage: at most 100%; ${hint}`]);
    expect(refusal(() => parseDemurrage("1%/0 blocks"))).toEqual([2, `--demurrage: the period must be at least 1 block; ${hint}`]);
  });
});

describe("lever flags", () => {
  it("check their syntax before the community is known and count the levers given", () => {
    expect(checkEconomicsSyntax({})).toBe(0);
    expect(checkEconomicsSyntax({ "usage-fee-bps": "50", "usage-fee-min": "0.01", "sweep-min": "1" })).toBe(3);
    expect(refusal(() => checkEconomicsSyntax({ "usage-fee-bps": "10000" }))).toEqual([2, "--usage-fee-bps must be a whole number from 0 to 9999"]);
    expect(refusal(() => checkEconomicsSyntax({ "turnover-ppm": "0.5" }))).toEqual([2, "--turnover-ppm must be a whole number from 0 to 1000000"]);
    expect(refusal(() => checkEconomicsSyntax({ allowance: "-4" }))).toEqual([2, "--allowance: The amount cannot be negative."]);
    expect(refusal(() => checkEconomicsSyntax({ demurrage: "1%/month", "demurrage-ppm": "10000" }))).toEqual([
      2, "give --demurrage RATE, or --demurrage-ppm with --demurrage-period, not both",
    ]);
  });

  it("read amounts in the community's units", () => {
    expect(leverChanges({ "usage-fee-min": "0.5", "step-units": "10", "max-credit-limit": "300", allowance: "40", "sweep-min": "1" }, 2, "KCD")).toEqual({
      feeMin: 50n, stepUnits: 1_000n, maxCreditLimit: 30_000n, allowance: 4_000n, sweepMin: 100n,
    });
    expect(refusal(() => leverChanges({ allowance: "0.001" }, 2, "KCD"))).toEqual([2, "--allowance: Too precise: KCD amounts take at most 2 digits after the point."]);
  });

  it("make no economics without a lever, and every lever (the rest off) with one", () => {
    expect(economicsForCreate({}, 2, "KCD", 10_000n)).toBeUndefined();
    const off: Economics = {
      demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n, stepBlocks: 0n,
      maxCreditLimit: 10_000n, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
    };
    expect(economicsForCreate({ "sweep-min": "0" }, 2, "KCD", 10_000n)).toEqual(off);
    expect(economicsForCreate({ demurrage: "1%/month", "usage-fee-bps": "50" }, 2, "KCD", 10_000n)).toEqual({ ...off, demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n });
  });

  it("refuse a lever without its companion at creation", () => {
    const create = (values: EconomicsValues) => () => economicsForCreate(values, 2, "KCD", 10_000n);
    expect(refusal(create({ "demurrage-ppm": "10000" }))).toEqual([2, "--demurrage-ppm needs --demurrage-period B: the blocks per which that share of a balance is charged"]);
    expect(refusal(create({ "step-units": "10", "max-credit-limit": "300" }))).toEqual([2, "--step-units needs --step-blocks B (at least 1): the blocks of membership per step"]);
    expect(refusal(create({ "turnover-ppm": "100", "usage-fee-bps": "1" }))).toEqual([2, "an earned credit limit (--turnover-ppm, --step-units) needs --max-credit-limit N: the most it may reach"]);
    expect(refusal(create({ allowance: "40" }))).toEqual([2, "--allowance needs --newcomer-blocks B (at least 1): how long after joining a newcomer may spend it"]);
    // Each twin with its companion is accepted.
    expect(economicsForCreate({ "demurrage-ppm": "10000", "demurrage-period": "21600" }, 2, "KCD", 10_000n)?.demurragePeriod).toBe(21_600n);
    expect(economicsForCreate({ allowance: "40", "newcomer-blocks": "720" }, 2, "KCD", 10_000n)?.allowance).toBe(4_000n);
  });

  it("report the contracts' policy rules under the flag that set the field (exit 2)", () => {
    const check = (values: EconomicsValues) => () => {
      const economics = economicsForCreate(values, 2, "KCD", 10_000n);
      usageCheck(() => checkPolicy(testPolicy({ creditLimit: 10_000n, maxMembers: 100n, economics })), values);
    };
    expect(refusal(check({ "turnover-ppm": "5001", "usage-fee-bps": "50", "max-credit-limit": "300" }))).toEqual([
      2, "--turnover-ppm: at most the usage fee (feeBps × 100 = 5000 ppm), so paying oneself through a second account costs at least what it earns",
    ]);
    expect(refusal(check({ "step-units": "1", "step-blocks": "720", "max-credit-limit": "99.99" }))).toEqual([2, "--max-credit-limit: at least the base creditLimit (10000)"]);
    expect(refusal(check({ demurrage: "1%/4 years" }))).toEqual([2, "--demurrage: must be between 0 and 788400"]);
    expect(refusal(check({ "demurrage-ppm": "1", "demurrage-period": "788401" }))).toEqual([2, "--demurrage-period: must be between 0 and 788400"]);
    expect(() => check({ "turnover-ppm": "5000", "usage-fee-bps": "50", "max-credit-limit": "300" })()).not.toThrow();
    expect(leverFlag("creditLimit", {})).toBeUndefined();
  });
});

describe("levers in words", () => {
  it("writes rates as percents and periods by name", () => {
    expect([ppmAsPercent(10_000n), ppmAsPercent(5n), bpsAsPercent(50n), bpsAsPercent(100n)]).toEqual(["1%", "0.0005%", "0.5%", "1%"]);
    expect([periodInWords(21_600n), periodInWords(720n), periodInWords(1_000n)]).toEqual(["a month", "a day", "every 1000 blocks (about 33 hours at 2 minutes a block)"]);
  });

  it("says every lever, one line each, off or on", () => {
    const all: Economics = {
      demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n, feeMin: 100n, turnoverPpm: 5_000n, stepUnits: 1_000n, stepBlocks: 21_600n,
      maxCreditLimit: 30_000n, newcomerBlocks: 21_600n, allowance: 4_000n, sweepMin: 0n,
    };
    const on = economicsInWords(all, 10_000n, KCD);
    expect(on[0]).toBe("balances above 0 lose 1% a month (demurrage: 10000 ppm per 21600 blocks), charged to the community when the account is next spent or swept");
    expect(on[1]).toBe("each payment pays 0.5% of what the payer sends, at least 1.00 KCD, to the community (usage fee, 50 bp)");
    expect(on[2]).toBe("the credit limit is earned: 100.00 KCD, plus 0.5% of everything the member has received, plus 10.00 KCD every 21600 blocks (about 30 days at 2 minutes a block) of membership, up to 300.00 KCD");
    expect(on[3]).toMatch(/^each newcomer receives an allowance of 40\.00 KCD from the community balance, which pays at most half of each purchase for 21600 blocks/);
    expect(on[4]).toBe("anyone may sweep an account's charges into the community balance once they reach 0.01 KCD (sweep minimum)");
    const off = economicsInWords({ ...all, demurragePpm: 0n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n, allowance: 0n }, 10_000n, KCD);
    expect(off.slice(0, 4)).toEqual(["no demurrage", "no usage fee", "the credit limit is fixed (not earned)", "no newcomer allowance"]);
    expect(off).toHaveLength(on.length);
  });

  it("says a payer's charges before signing", () => {
    const leg: PaymentLeg = { accountId: "a", amount: 5_000n, demurrage: 3n, fee: 25n, allowanceUsed: 2_000n, balanceBefore: 1_000n, balanceAfter: -2_028n, creditLimit: 12_000n };
    expect(payerChargesInWords(leg, KCD, 2_000n)).toEqual([
      "  usage fee: 0.25 KCD (to the community)",
      "  demurrage due: 0.03 KCD (on your balance above 0 since you were last charged)",
      "  newcomer allowance used: 20.00 KCD (20.00 KCD left)",
      "  your balance: 10.00 KCD -> -20.28 KCD (credit limit now 120.00 KCD)",
    ]);
  });
});
