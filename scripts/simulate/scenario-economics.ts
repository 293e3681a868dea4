/**
 * The economics part of a scenario (docs/simulate.md, "Economics"): the levers under
 * `policy.economics` (any of them, even `{}`, makes an economics community on the contracts'
 * economics family) and `behaviour`, how the members and the committee act under them. Periods may
 * be given in simulated time ("30 days", "1%/month"): a day is the scenario's `blocksPerDay` blocks.
 */
import { economicsProblem, type Economics } from "../../contracts/index.ts";
import { LONG_MAX } from "../../contracts/long.ts";
import { Fields, ScenarioError } from "./scenario-fields.ts";

/** How members and the committee act under the levers: assumptions of the model, stated in docs/simulate.md. */
export interface Behaviour {
  /** The committee sweeps every account holding at least the sweep minimum once every this many days, in the day's first block (0: never). */
  sweepEveryDays: number;
  /** The fee reserve an account gets at join, in miner fees; undefined: two of its role's daily purchases over the run, plus 30. */
  feeReservePayments: number | undefined;
  /** A payer whose account's fee reserve covers fewer payments than this tops it up first (0: never). */
  topUpBelowPayments: number;
  /** ... by this many miner fees, which the funder sends its wallet just before. */
  topUpPayments: number;
  /**
   * The response to demurrage: a member whose balance would pay at least one unit of demurrage
   * over the next `horizonDays` days (`spendDownAbove`) makes up to `extraBuys` more purchases a
   * day, each while its balance is still that high.
   */
  demurrage: { horizonDays: number; extraBuys: number };
}

/** The behaviour of a scenario that says nothing about it. */
export const DEFAULT_BEHAVIOUR: Behaviour = { sweepEveryDays: 1, feeReservePayments: undefined, topUpBelowPayments: 0, topUpPayments: 0, demurrage: { horizonDays: 30, extraBuys: 0 } };

const LEVERS = ["demurrage", "demurragePpm", "demurragePeriod", "feeBps", "feeMin", "turnoverPpm", "stepUnits", "stepBlocks", "maxCreditLimit", "allowance", "newcomerBlocks", "sweepMin"];
const BEHAVIOUR = ["sweepEveryDays", "feeReservePayments", "topUpBelowPayments", "topUpPayments", "demurrage"];
/** Simulated days in each unit of time a scenario may name (a block is a block). */
const DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const DURATION = /^\s*(\d{1,12})\s*(block|day|week|month|year)s?\s*$/i;
const RATE = /^\s*(\d{1,3}(?:\.\d{1,4})?)\s*%\s*\/\s*(\d{1,9}\s*)?(block|day|week|month|year)s?\s*$/i;

/** Blocks in `count` units of simulated time (a day is `blocksPerDay` blocks, a month 30 days, a year 365). */
function blocksOf(count: bigint, unit: string, blocksPerDay: number): bigint {
  return unit === "block" ? count : count * BigInt(blocksPerDay) * BigInt(DAYS[unit]!);
}

/** A number of blocks: a whole number, or a duration in simulated time ("30 days", "2 weeks"). */
function duration(fields: Fields, key: string, fallback: bigint, blocksPerDay: number): bigint {
  const value = fields.raw[key];
  if (value === undefined) return fallback;
  if (typeof value === "number" || (typeof value === "string" && /^\s*\d+\s*$/.test(value))) return fields.units(key, undefined, 0n, LONG_MAX);
  const match = typeof value === "string" ? DURATION.exec(value) : null;
  if (!match) fields.fail(key, `must be a number of blocks or a duration like "30 days" (block, day, week, month, year), got ${JSON.stringify(value)}`);
  return blocksOf(BigInt(match[1]!), match[2]!.toLowerCase(), blocksPerDay);
}

/** "1%/month" (simulated time) as ppm per period of blocks; at most 100%, at most 4 decimals. */
export function parseRate(text: string, blocksPerDay: number): { demurragePpm: bigint; demurragePeriod: bigint } | undefined {
  const match = RATE.exec(text);
  if (!match) return undefined;
  const [whole, fraction = ""] = match[1]!.split(".");
  const ppm = BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, "0"));
  const count = match[2] === undefined ? 1n : BigInt(match[2].trim());
  if (ppm > 1_000_000n || count < 1n) return undefined;
  return { demurragePpm: ppm, demurragePeriod: blocksOf(count, match[3]!.toLowerCase(), blocksPerDay) };
}

function readDemurrage(levers: Fields, blocksPerDay: number): Pick<Economics, "demurragePpm" | "demurragePeriod"> {
  const rate = levers.raw.demurrage;
  if (rate === undefined) {
    const demurragePpm = levers.units("demurragePpm", 0n, 0n, 1_000_000n);
    if (demurragePpm > 0n && levers.raw.demurragePeriod === undefined) levers.fail("demurragePeriod", "is required with demurragePpm (the blocks or duration per which that share is charged)");
    return { demurragePpm, demurragePeriod: duration(levers, "demurragePeriod", 1n, blocksPerDay) };
  }
  if (levers.raw.demurragePpm !== undefined || levers.raw.demurragePeriod !== undefined) levers.fail("demurrage", "give a rate, or demurragePpm with demurragePeriod, not both");
  const parsed = typeof rate === "string" ? parseRate(rate, blocksPerDay) : undefined;
  if (!parsed) levers.fail("demurrage", `must be a rate like 1%/month, 0.5%/week or 2%/1000 blocks (at most 100%, 4 decimals; a month is 30 simulated days), got ${JSON.stringify(rate)}`);
  return parsed;
}

/**
 * `policy.economics`: undefined when absent (a plain community); every lever, those not given off.
 * The contracts' own rules (bounds, turnover at most the usage fee, the earned limit's maximum at
 * least the base) are checked here too, under the field that set the lever.
 */
export function readEconomics(policy: Fields, policyValues: { creditLimit: bigint; maxMembers: bigint }, blocksPerDay: number): Economics | undefined {
  const raw = policy.raw.economics;
  if (raw === undefined || raw === null) return undefined;
  const levers = policy.object("economics", LEVERS);
  const units = (key: string, fallback = 0n) => levers.units(key, fallback, 0n, LONG_MAX);
  const economics: Economics = {
    ...readDemurrage(levers, blocksPerDay),
    feeBps: levers.units("feeBps", 0n, 0n, 9_999n),
    feeMin: units("feeMin"),
    turnoverPpm: levers.units("turnoverPpm", 0n, 0n, 1_000_000n),
    stepUnits: units("stepUnits"),
    stepBlocks: duration(levers, "stepBlocks", 0n, blocksPerDay),
    maxCreditLimit: units("maxCreditLimit", policyValues.creditLimit),
    newcomerBlocks: duration(levers, "newcomerBlocks", 0n, blocksPerDay),
    allowance: units("allowance"),
    sweepMin: units("sweepMin"),
  };
  const earned = economics.turnoverPpm > 0n || economics.stepUnits > 0n;
  if (earned && levers.raw.maxCreditLimit === undefined) levers.fail("maxCreditLimit", "is required with an earned credit limit (turnoverPpm, stepUnits): the most it may reach");
  if (economics.stepUnits > 0n && economics.stepBlocks === 0n) levers.fail("stepBlocks", "is required with stepUnits (the blocks or duration of membership per step)");
  if (economics.allowance > 0n && economics.newcomerBlocks === 0n) levers.fail("newcomerBlocks", "is required with an allowance (how long after joining a newcomer may spend it)");
  const problem = economicsProblem(economics, policyValues.creditLimit, policyValues.maxMembers);
  if (problem) {
    const field = problem.field.startsWith("demurrage") && levers.raw.demurrage !== undefined ? "demurrage" : problem.field;
    levers.fail(field, problem.reason);
  }
  return economics;
}

/** The `behaviour` section; its defaults change nothing in a plain community. */
export function readBehaviour(top: Fields): Behaviour {
  const b = top.object("behaviour", BEHAVIOUR);
  const demurrage = b.object("demurrage", ["horizonDays", "extraBuys"]);
  const reserve = b.raw.feeReservePayments;
  const behaviour: Behaviour = {
    sweepEveryDays: b.integer("sweepEveryDays", DEFAULT_BEHAVIOUR.sweepEveryDays, 0, 3_650),
    feeReservePayments: reserve === undefined ? undefined : b.integer("feeReservePayments", undefined, 0, 1_000_000),
    topUpBelowPayments: b.integer("topUpBelowPayments", 0, 0, 1_000),
    topUpPayments: b.integer("topUpPayments", 0, 0, 1_000_000),
    demurrage: { horizonDays: demurrage.number("horizonDays", 30, 0.001, 3_650), extraBuys: demurrage.integer("extraBuys", 0, 0, 100) },
  };
  if (behaviour.topUpBelowPayments > 0 && behaviour.topUpPayments <= behaviour.topUpBelowPayments) {
    b.fail("topUpPayments", `must be more than topUpBelowPayments (${behaviour.topUpBelowPayments}): a top-up that leaves the reserve below its threshold would be made again at once`);
  }
  return behaviour;
}

/**
 * The balance above which a member spends down under demurrage: the least that pays one unit of
 * demurrage over `horizonDays` days, ceil(1,000,000 × period / (ppm × horizon blocks)); undefined
 * without demurrage or without the response.
 */
export function spendDownAbove(scenario: { blocksPerDay: number; behaviour: Behaviour; policy: { economics?: Economics } }): bigint | undefined {
  const e = scenario.policy.economics;
  const { horizonDays, extraBuys } = scenario.behaviour.demurrage;
  if (!e || e.demurragePpm === 0n || extraBuys === 0) return undefined;
  const horizon = BigInt(Math.max(1, Math.round(horizonDays * scenario.blocksPerDay)));
  const scale = 1_000_000n * e.demurragePeriod;
  const perUnit = e.demurragePpm * horizon;
  return (scale + perUnit - 1n) / perUnit;
}

/** Rules between the levers and the rest of the scenario. */
export function checkEconomicsConsistency(source: string, economics: Economics | undefined, behaviour: Behaviour, network: boolean): void {
  if (economics && network) throw new ScenarioError(source, "policy.economics", "an economics community cannot open trade lines (docs/economics.md): leave out network or policy.economics");
  if (behaviour.topUpBelowPayments > 0 && network) throw new ScenarioError(source, "behaviour.topUpBelowPayments", "top-ups are simulated in one community, not in a network");
}

/** The levers as strings (summary.json). */
export const economicsJson = (e: Economics): Record<keyof Economics, string> =>
  Object.fromEntries(Object.entries(e).map(([k, v]) => [k, (v as bigint).toString()])) as Record<keyof Economics, string>;
