import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario, ScenarioError } from "./scenario.ts";
import { spendDownAbove } from "./scenario-economics.ts";

const minimal = {
  name: "mini",
  members: 10,
  days: 5,
  time: { blocksPerDay: 24 },
  policy: { creditLimit: 100 },
  roles: { household: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 10 } } },
};

const withLevers = (economics: unknown, rest: Record<string, unknown> = {}) => ({ ...minimal, ...rest, policy: { creditLimit: 100, economics } });

/** The message a document is refused with. */
function refusal(document: unknown): string {
  try {
    parseScenario(document, "test.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error("the scenario was accepted");
}

describe("policy.economics", () => {
  it("is absent for a plain community, and {} is an economics community with every lever off", () => {
    expect(parseScenario(minimal, "test.yaml").policy.economics).toBeUndefined();
    expect(parseScenario(withLevers({}), "test.yaml").policy.economics).toEqual({
      demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n, stepBlocks: 0n,
      maxCreditLimit: 100n, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
    });
  });

  it("reads every lever, rates and durations in simulated time (a day is blocksPerDay blocks, a month 30 days)", () => {
    const levers = { demurrage: "1%/month", feeBps: 50, feeMin: 1, turnoverPpm: 5000, stepUnits: 10, stepBlocks: "1 week", maxCreditLimit: 400, allowance: 40, newcomerBlocks: "2 days", sweepMin: 5 };
    expect(parseScenario(withLevers(levers), "test.yaml").policy.economics).toEqual({
      demurragePpm: 10_000n, demurragePeriod: 720n, feeBps: 50n, feeMin: 1n, turnoverPpm: 5_000n, stepUnits: 10n, stepBlocks: 168n,
      maxCreditLimit: 400n, newcomerBlocks: 48n, allowance: 40n, sweepMin: 5n,
    });
    const mainnet = parseScenario(withLevers({ demurrage: "1%/month" }, { time: { blocksPerDay: 720 } }), "test.yaml").policy.economics!;
    expect([mainnet.demurragePpm, mainnet.demurragePeriod]).toEqual([10_000n, 21_600n]);
    const blocks = parseScenario(withLevers({ demurrage: "2.5%/1000 blocks", stepUnits: 1, stepBlocks: 30, maxCreditLimit: 100 }), "test.yaml").policy.economics!;
    expect([blocks.demurragePpm, blocks.demurragePeriod, blocks.stepBlocks]).toEqual([25_000n, 1_000n, 30n]);
    const ppm = parseScenario(withLevers({ demurragePpm: 123, demurragePeriod: "3 days" }), "test.yaml").policy.economics!;
    expect([ppm.demurragePpm, ppm.demurragePeriod]).toEqual([123n, 72n]);
  });

  it("names the lever of every refusal, the contracts' own rules included", () => {
    expect(refusal(withLevers({ demurrage: "lots" }))).toMatch(/^scenario test\.yaml: policy\.economics\.demurrage: must be a rate like 1%\/month, .* got "lots"$/);
    expect(refusal(withLevers({ demurrage: "101%/day" }))).toMatch(/policy\.economics\.demurrage: must be a rate/);
    expect(refusal(withLevers({ demurrage: "1%/month", demurragePpm: 5 }))).toMatch(/policy\.economics\.demurrage: give a rate, or demurragePpm with demurragePeriod, not both/);
    expect(refusal(withLevers({ demurragePpm: 5 }))).toMatch(/policy\.economics\.demurragePeriod: is required with demurragePpm/);
    expect(refusal(withLevers({ demurragePpm: 5, demurragePeriod: "a fortnight" }))).toMatch(/policy\.economics\.demurragePeriod: must be a number of blocks or a duration like "30 days"/);
    expect(refusal(withLevers({ feeBps: 10_000 }))).toMatch(/policy\.economics\.feeBps: must be a whole number from 0 to 9999, got 10000/);
    expect(refusal(withLevers({ feeBps: 10, turnoverPpm: 2_000, maxCreditLimit: 200 }))).toMatch(/policy\.economics\.turnoverPpm: at most the usage fee \(feeBps × 100 = 1000 ppm\)/);
    expect(refusal(withLevers({ stepUnits: 5, stepBlocks: 10 }))).toMatch(/policy\.economics\.maxCreditLimit: is required with an earned credit limit/);
    expect(refusal(withLevers({ stepUnits: 5, maxCreditLimit: 200 }))).toMatch(/policy\.economics\.stepBlocks: is required with stepUnits/);
    expect(refusal(withLevers({ maxCreditLimit: 50 }))).toMatch(/policy\.economics\.maxCreditLimit: at least the base creditLimit \(100\)/);
    expect(refusal(withLevers({ allowance: 20 }))).toMatch(/policy\.economics\.newcomerBlocks: is required with an allowance/);
    expect(refusal(withLevers({ demurage: "1%/month" }))).toMatch(/policy\.economics\.demurage: unknown field \(expected one of: demurrage, /);
    expect(refusal(withLevers([1]))).toBe("scenario test.yaml: policy.economics: must be an object");
  });

  it("refuses levers in a network: an economics community cannot open trade lines", () => {
    const network = { communities: { alpha: {}, beta: {} }, lines: [{ a: "alpha", b: "beta", capA: 10, capB: 10 }] };
    expect(refusal(withLevers({ feeBps: 10 }, { network }))).toMatch(/policy\.economics: an economics community cannot open trade lines/);
  });
});

describe("behaviour", () => {
  it("defaults to a daily sweep and no top-ups or response to demurrage", () => {
    expect(parseScenario(minimal, "test.yaml").behaviour).toEqual({ sweepEveryDays: 1, feeReservePayments: undefined, topUpBelowPayments: 0, topUpPayments: 0, demurrage: { horizonDays: 30, extraBuys: 0 } });
  });

  it("is checked field by field", () => {
    expect(refusal({ ...minimal, behaviour: { sweepEvery: 2 } })).toMatch(/behaviour\.sweepEvery: unknown field/);
    expect(refusal({ ...minimal, behaviour: { topUpBelowPayments: 5, topUpPayments: 5 } })).toMatch(/behaviour\.topUpPayments: must be more than topUpBelowPayments \(5\)/);
    expect(refusal({ ...minimal, behaviour: { demurrage: { extraBuys: 1.5 } } })).toMatch(/behaviour\.demurrage\.extraBuys: must be a whole number from 0 to 100, got 1\.5/);
  });

  it("spends down from the balance that pays one unit of demurrage over the horizon", () => {
    const at = (economics: unknown, demurrage: unknown, blocksPerDay = 720) => spendDownAbove(parseScenario({ ...withLevers(economics), time: { blocksPerDay }, behaviour: { demurrage } }, "test.yaml"));
    // 1%/month over 30 days: 100 units pay exactly one.
    expect(at({ demurrage: "1%/month" }, { horizonDays: 30, extraBuys: 2 })).toBe(100n);
    expect(at({ demurrage: "1%/month" }, { horizonDays: 7, extraBuys: 2 })).toBe(429n);
    expect(at({ demurrage: "5%/day" }, { horizonDays: 1, extraBuys: 1 }, 24)).toBe(20n);
    expect(at({ demurrage: "1%/month" }, { horizonDays: 30, extraBuys: 0 })).toBeUndefined();
    expect(at({ feeBps: 10 }, { horizonDays: 30, extraBuys: 2 })).toBeUndefined();
  });
});

describe("compare", () => {
  const compare = (policies: unknown, question?: string) => ({ ...minimal, policy: { creditLimit: 100, economics: { demurragePpm: 7, demurragePeriod: 10, feeBps: 20 } }, compare: { question, policies } });

  it("makes each policy a whole scenario: its fields over the policy, its economics in place of the scenario's, economics: null for a plain community", () => {
    const s = parseScenario(compare({ own: {}, plain: { economics: null }, higher: { creditLimit: 150, economics: { demurrage: "1%/day", feeMin: 2 } } }, "Which?"), "test.yaml");
    expect(s.compare!.question).toBe("Which?");
    const [own, plain, higher] = s.compare!.policies;
    expect(own).toMatchObject({ name: "own", scenario: { seed: 1, policy: { creditLimit: 100n, economics: { demurragePpm: 7n, demurragePeriod: 10n, feeBps: 20n } } } });
    expect(plain!.scenario.policy.economics).toBeUndefined();
    expect(higher!.scenario.policy).toMatchObject({ creditLimit: 150n, economics: { demurragePpm: 10_000n, demurragePeriod: 24n, feeBps: 0n, feeMin: 2n, maxCreditLimit: 150n } });
    for (const p of s.compare!.policies) expect(p.scenario.compare).toBeUndefined();
  });

  it("names the policy and the field of a refusal", () => {
    expect(refusal(compare({ a: {} }))).toMatch(/^scenario test\.yaml: compare\.policies: a comparison needs 2 to 8 policies, got 1$/);
    expect(refusal(compare({ a: {}, b: { economics: { feeBps: -1 } } }))).toMatch(/^scenario test\.yaml \(policy "b"\): policy\.economics\.feeBps: must be a whole number from 0 to 9999, got -1$/);
    expect(refusal(compare({ a: {}, b: { creditLimt: 5 } }))).toMatch(/^scenario test\.yaml \(policy "b"\): policy\.creditLimt: unknown field/);
    expect(refusal(compare({ a: {}, b: 3 }))).toMatch(/compare\.policies\.b: must be an object of policy fields/);
    expect(refusal({ ...minimal, compare: { policies: { a: {}, b: {} }, answer: 42 } })).toMatch(/compare\.answer: unknown field \(expected one of: question, policies\)/);
  });

  it("the demurrage preset: the same community without and with 1%/month demurrage over 21,600-block months", async () => {
    const s = await loadScenario("demurrage");
    expect([s.blocksPerDay, s.members, s.days]).toEqual([720, 60, 180]);
    expect(s.compare!.question).toBe("Does 1%/month demurrage raise velocity without raising defaults?");
    const [without, withDemurrage] = s.compare!.policies;
    expect(without!.scenario.policy.economics).toBeUndefined();
    expect(withDemurrage!.scenario.policy.economics).toMatchObject({ demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 0n, allowance: 0n });
    expect(spendDownAbove(withDemurrage!.scenario)).toBe(100n);
    const { compare: _compare, policy: _policy, ...rest } = s;
    for (const p of s.compare!.policies) expect({ ...p.scenario, policy: undefined }).toEqual({ ...rest, policy: undefined });
  });
});
