import { describe, expect, it } from "vitest";
import { ErgoBox } from "@fleet-sdk/core";
import { createCommunity } from "$contracts/builders/create.ts";
import { decodeCommunity } from "$contracts/community/community.ts";
import { COMMUNITY_ECON_ERGO_TREE, COMMUNITY_ERGO_TREE } from "$contracts/scripts.ts";
import { devAccount } from "$ergo/keys.ts";
import { DEFAULT_VALUES, type CreateFormValues } from "./fields.ts";
import { usesEconomics } from "./economics.ts";
import { validateCreateForm } from "./validate.ts";

const a = devAccount(0);
const good: CreateFormValues = { ...DEFAULT_VALUES, name: "Kaikoura Dollars", symbol: "KCD", committee: a.address, threshold: "1" };
const levers: Partial<CreateFormValues> = {
  demurragePercent: "1", demurragePeriod: "21600", usageFeePercent: "0.5", usageFeeMin: "1", turnoverPercent: "0.5", stepUnits: "10",
  stepBlocks: "21600", maxCreditLimit: "1000", allowance: "40", newcomerBlocks: "1000", sweepMin: "2",
};

const valid = (changes: Partial<CreateFormValues>) => {
  const result = validateCreateForm({ ...good, ...changes }, "devnet");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const errorsOf = (changes: Partial<CreateFormValues>) => {
  const result = validateCreateForm({ ...good, ...changes }, "devnet");
  if (result.ok) throw new Error("expected errors");
  return result.errors;
};

describe("the create form's economics levers", () => {
  it("leaves a form without levers plain: no economics, the plain contracts (the period fields alone set nothing)", () => {
    expect(usesEconomics(good)).toBe(false);
    expect(valid({ demurragePeriod: "720", stepBlocks: "x" }).policy.economics).toBeUndefined();
  });

  it("reads every lever exactly: percents as ppm and bps, amounts in units, blocks", () => {
    expect(valid(levers).policy.economics).toEqual({
      demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n, feeMin: 100n, turnoverPpm: 5_000n, stepUnits: 1_000n, stepBlocks: 21_600n,
      maxCreditLimit: 100_000n, newcomerBlocks: 1_000n, allowance: 4_000n, sweepMin: 200n,
    });
    // One lever set, even 0, chooses economics; the others are off and the earned limit's maximum is the credit limit.
    expect(valid({ sweepMin: "0" }).policy.economics).toEqual({
      demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n, stepBlocks: 0n,
      maxCreditLimit: 50_000n, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
    });
  });

  it("gives an intent the builder turns into an economics community box that decodes to the same levers", () => {
    const value = valid(levers);
    const utxo = new ErgoBox({ ergoTree: a.ergoTree, creationHeight: 1, value: "10000000000", assets: [], additionalRegisters: {} }, "b".repeat(64), 0).toPlainObject("EIP-12");
    const tx = createCommunity(value, { height: 10, wallet: { utxos: [utxo], changeAddress: a.address } });
    expect(tx.outputs[0]!.ergoTree).toBe(COMMUNITY_ECON_ERGO_TREE);
    const decoded = decodeCommunity(new ErgoBox(tx.outputs[0]!, "d".repeat(64), 0).toPlainObject("EIP-12"));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value.policy).toEqual(value.policy);
    const plain = createCommunity(valid({}), { height: 10, wallet: { utxos: [utxo], changeAddress: a.address } });
    expect(plain.outputs[0]!.ergoTree).toBe(COMMUNITY_ERGO_TREE);
  });

  it("says what is wrong with each lever in the form's words", () => {
    expect(errorsOf({ demurragePercent: "0.00001" }).demurragePercent).toBe("Too precise: at most 4 digits after the point.");
    expect(errorsOf({ demurragePercent: "101" }).demurragePercent).toBe("At most 100%.");
    expect(errorsOf({ demurragePercent: "-1" }).demurragePercent).toBe("The amount cannot be negative.");
    expect(errorsOf({ demurragePercent: "1", demurragePeriod: "0" }).demurragePeriod).toBe("The demurrage period must be from 1 to 788400.");
    expect(errorsOf({ usageFeePercent: "100" }).usageFeePercent).toBe("Below 100%.");
    expect(errorsOf({ usageFeePercent: "0.001" }).usageFeePercent).toBe("Too precise: at most 2 digits after the point.");
    expect(errorsOf({ usageFeeMin: "0.001" }).usageFeeMin).toBe("Too precise: KCD amounts take at most 2 digits after the point.");
    expect(errorsOf({ stepUnits: "10", stepBlocks: "", maxCreditLimit: "600" }).stepBlocks).toBe("Enter the blocks per step as a whole number.");
    expect(errorsOf({ allowance: "40", newcomerBlocks: "788401" }).newcomerBlocks).toBe("The newcomer window must be from 1 to 788400.");
    expect(errorsOf({ stepUnits: "10" }).maxCreditLimit).toBe("Enter the highest earned credit limit: credit from turnover or steps needs one.");
  });

  it("says the contracts' cross rules: turnover at most the usage fee, the maximum at least the credit limit", () => {
    expect(errorsOf({ usageFeePercent: "0.5", turnoverPercent: "0.5001", maxCreditLimit: "600" }).turnoverPercent).toBe(
      "At most the usage fee's percent (0.5%): paying oneself through a second account must cost at least the credit it earns.",
    );
    expect(valid({ usageFeePercent: "0.5", turnoverPercent: "0.5", maxCreditLimit: "600" }).policy.economics?.turnoverPpm).toBe(5_000n);
    expect(errorsOf({ turnoverPercent: "0.1", maxCreditLimit: "600" }).turnoverPercent).toMatch(/^At most the usage fee's percent \(0%\)/);
    expect(errorsOf({ stepUnits: "1", maxCreditLimit: "499.99" }).maxCreditLimit).toBe("At least the credit limit (500 KCD).");
    expect(valid({ stepUnits: "1", maxCreditLimit: "500" }).policy.economics?.maxCreditLimit).toBe(50_000n);
  });

  it("passes on the contracts' bounds for what only they know (amounts within what every member's sum allows)", () => {
    expect(errorsOf({ decimals: "0", maxMembers: "1000", allowance: "9000000000000000", newcomerBlocks: "10" }).allowance).toBe("must be between 0 and 4611686018427387.");
  });
});
