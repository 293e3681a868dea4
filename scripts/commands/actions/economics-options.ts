/**
 * The economics levers on the command line (docs/economics.md), for `lets create` and `lets
 * govern`: one flag per lever, plus `--demurrage 1%/month` for the rate as people say it. Each
 * flag is checked here with its name in the message (exit 2); the contracts' own rules (bounds,
 * turnover at most the usage fee, the earned limit's maximum at least the base) come from
 * `checkPolicy` and are reported under the flag that set the field.
 */
import { ECONOMICS_FIELDS, InvalidPolicy, type Economics } from "../../../contracts/index.ts";
import { LONG_MAX, parseAmount } from "../../../contracts/amounts.ts";
import { CliError, ExitCode } from "../command.ts";
import { amountSyntax, parseUnits } from "./amounts.ts";
import { integerOption } from "./options.ts";

/** The lever flags, all strings. */
export const economicsOptions = {
  demurrage: { type: "string" },
  "demurrage-ppm": { type: "string" },
  "demurrage-period": { type: "string" },
  "usage-fee-bps": { type: "string" },
  "usage-fee-min": { type: "string" },
  "turnover-ppm": { type: "string" },
  "step-units": { type: "string" },
  "step-blocks": { type: "string" },
  "max-credit-limit": { type: "string" },
  allowance: { type: "string" },
  "newcomer-blocks": { type: "string" },
  "sweep-min": { type: "string" },
} as const;

/** The lever flags as parsed. */
export type EconomicsValues = { [K in keyof typeof economicsOptions]?: string };

/** Usage lines of the lever flags. */
export const economicsUsage = `  Economics levers (docs/economics.md; any of them makes an economics community):
  --demurrage RATE        holding fee on balances above 0, e.g. 1%/month, 0.5%/week,
                          2%/1000 blocks (a day is 720 blocks, a week 5,040, a month 21,600,
                          a year 262,800); at most 4 digits after the point
  --demurrage-ppm N       the same in parts per million per period (10000 = 1%) ...
  --demurrage-period B    ... and the period in blocks (at least 1)
  --usage-fee-bps N       fee on what a payer sends, in basis points (100 = 1%), to the community
  --usage-fee-min N       the least usage fee of a payment, in the community's units
  --turnover-ppm N        earned credit limit: ppm of all a member has received is added to
                          the credit limit (at most the usage fee x 100)
  --step-units N          earned credit limit: units added every --step-blocks of membership
  --step-blocks B         ... the blocks per step
  --max-credit-limit N    the most an earned credit limit reaches, in units (at least
                          --credit-limit)
  --allowance N           units each newcomer receives from the community balance, which pay
                          at most half of each purchase ...
  --newcomer-blocks B     ... within this many blocks of joining; unused, they return on leaving
  --sweep-min N           the least charges (fees and demurrage) an account must hold before
                          anyone may sweep them into the community balance`;

/** The flag that sets each lever, for messages (`--demurrage` when the rate was given that way). */
const FLAG_OF: Record<keyof Economics, keyof EconomicsValues> = {
  demurragePpm: "demurrage-ppm",
  demurragePeriod: "demurrage-period",
  feeBps: "usage-fee-bps",
  feeMin: "usage-fee-min",
  turnoverPpm: "turnover-ppm",
  stepUnits: "step-units",
  stepBlocks: "step-blocks",
  maxCreditLimit: "max-credit-limit",
  newcomerBlocks: "newcomer-blocks",
  allowance: "allowance",
  sweepMin: "sweep-min",
};

/** The flag named in a message about the policy field `economics.x` (or a base field's own). */
export function leverFlag(field: string, values: EconomicsValues): string | undefined {
  const lever = field.startsWith("economics.") ? (field.slice("economics.".length) as keyof Economics) : undefined;
  if (!lever || !(lever in FLAG_OF)) return undefined;
  if ((lever === "demurragePpm" || lever === "demurragePeriod") && values.demurrage !== undefined) return "--demurrage";
  return `--${FLAG_OF[lever]}`;
}

/** Blocks in a period word of `--demurrage`. */
const PERIOD_BLOCKS: Record<string, bigint> = { block: 1n, day: 720n, week: 5_040n, month: 21_600n, year: 262_800n };

const RATE = /^\s*(\S+?)\s*%\s*(?:\/|per\s|a\s)\s*(\d+)?\s*(block|day|week|month|year)s?\s*$/i;

/**
 * `--demurrage 1%/month`: a percent (at most 4 decimals, so a whole number of ppm; at most 100%)
 * per period ("block", "day", "week", "month", "year", or a number of them: "1000 blocks").
 */
export function parseDemurrage(text: string): { demurragePpm: bigint; demurragePeriod: bigint } {
  const bad = (why: string) => new CliError(`--demurrage: ${why}; write a rate like 1%/month, 0.5%/week or 2%/1000 blocks`, ExitCode.usage);
  const match = RATE.exec(text);
  if (!match) throw bad(`'${text}' is not a rate`);
  let ppm: bigint;
  try {
    ppm = parseAmount(match[1]!, 4);
  } catch {
    throw bad(`'${match[1]}' is not a percent with at most 4 digits after the point`);
  }
  if (ppm > 1_000_000n) throw bad("at most 100%");
  const count = match[2] === undefined ? 1n : BigInt(match[2]);
  if (count < 1n) throw bad("the period must be at least 1 block");
  return { demurragePpm: ppm, demurragePeriod: count * PERIOD_BLOCKS[match[3]!.toLowerCase()]! };
}

const given = (values: EconomicsValues): (keyof EconomicsValues)[] =>
  (Object.keys(economicsOptions) as (keyof EconomicsValues)[]).filter((k) => values[k] !== undefined);

const UNIT_FLAGS = ["usage-fee-min", "step-units", "max-credit-limit", "allowance", "sweep-min"] as const;

/**
 * Checks the lever flags' syntax before the community (and its decimals) is known; returns how
 * many were given (0: no lever at all).
 */
export function checkEconomicsSyntax(values: EconomicsValues): number {
  if (values.demurrage !== undefined && (values["demurrage-ppm"] !== undefined || values["demurrage-period"] !== undefined)) {
    throw new CliError("give --demurrage RATE, or --demurrage-ppm with --demurrage-period, not both", ExitCode.usage);
  }
  for (const flag of UNIT_FLAGS) if (values[flag] !== undefined) amountSyntax(values[flag], `--${flag}`, { allowZero: true });
  leverChanges({ ...values, ...Object.fromEntries(UNIT_FLAGS.map((f) => [f, undefined])) }, 0);
  return given(values).length;
}

/** The levers the flags set, amounts in units of `decimals`; the ones left out are absent. */
export function leverChanges(values: EconomicsValues, decimals: number, unit?: string): Partial<Economics> {
  const v = values;
  const changes: Partial<Economics> = {};
  const units = (flag: (typeof UNIT_FLAGS)[number]) => parseUnits(v[flag]!, decimals, `--${flag}`, { allowZero: true, unit });
  const whole = (flag: keyof EconomicsValues, max: bigint) => integerOption(flag, v[flag]!, max);
  if (v.demurrage !== undefined) Object.assign(changes, parseDemurrage(v.demurrage));
  if (v["demurrage-ppm"] !== undefined) changes.demurragePpm = whole("demurrage-ppm", 1_000_000n);
  if (v["demurrage-period"] !== undefined) changes.demurragePeriod = whole("demurrage-period", LONG_MAX);
  if (v["usage-fee-bps"] !== undefined) changes.feeBps = whole("usage-fee-bps", 9_999n);
  if (v["usage-fee-min"] !== undefined) changes.feeMin = units("usage-fee-min");
  if (v["turnover-ppm"] !== undefined) changes.turnoverPpm = whole("turnover-ppm", 1_000_000n);
  if (v["step-units"] !== undefined) changes.stepUnits = units("step-units");
  if (v["step-blocks"] !== undefined) changes.stepBlocks = whole("step-blocks", LONG_MAX);
  if (v["max-credit-limit"] !== undefined) changes.maxCreditLimit = units("max-credit-limit");
  if (v.allowance !== undefined) changes.allowance = units("allowance");
  if (v["newcomer-blocks"] !== undefined) changes.newcomerBlocks = whole("newcomer-blocks", LONG_MAX);
  if (v["sweep-min"] !== undefined) changes.sweepMin = units("sweep-min");
  return changes;
}

/** A lever that needs a companion flag at creation, in one usage line. */
function requireCompanions(c: Partial<Economics>): void {
  const need = (what: string) => new CliError(what, ExitCode.usage);
  if ((c.demurragePpm ?? 0n) > 0n && c.demurragePeriod === undefined) {
    throw need("--demurrage-ppm needs --demurrage-period B: the blocks per which that share of a balance is charged");
  }
  if ((c.stepUnits ?? 0n) > 0n && (c.stepBlocks ?? 0n) === 0n) throw need("--step-units needs --step-blocks B (at least 1): the blocks of membership per step");
  if ((c.turnoverPpm ?? 0n) > 0n || (c.stepUnits ?? 0n) > 0n) {
    if (c.maxCreditLimit === undefined) throw need("an earned credit limit (--turnover-ppm, --step-units) needs --max-credit-limit N: the most it may reach");
  }
  if ((c.allowance ?? 0n) > 0n && (c.newcomerBlocks ?? 0n) === 0n) {
    throw need("--allowance needs --newcomer-blocks B (at least 1): how long after joining a newcomer may spend it");
  }
}

/**
 * The levers of a new community: undefined when no lever flag is given (a plain community, on the
 * plain contracts), else every lever, those not given off (no demurrage over 1-block periods, no
 * fee, a fixed credit limit of `creditLimit`, no allowance, no sweep minimum).
 */
export function economicsForCreate(values: EconomicsValues, decimals: number, unit: string, creditLimit: bigint): Economics | undefined {
  if (given(values).length === 0) return undefined;
  const changes = leverChanges(values, decimals, unit);
  requireCompanions(changes);
  const off: Economics = {
    demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n, stepBlocks: 0n,
    maxCreditLimit: creditLimit, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
  };
  return Object.fromEntries(ECONOMICS_FIELDS.map((f) => [f, changes[f] ?? off[f]])) as unknown as Economics;
}

/** Runs a check of the contracts' policy rules now, as a usage error naming the lever's flag, before anything is signed. */
export function usageCheck(check: () => void, levers: EconomicsValues = {}): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof InvalidPolicy)) throw error;
    const flag = leverFlag(error.field, levers);
    throw new CliError(flag ? `${flag}: ${error.reason}` : error.message, ExitCode.usage, { cause: error });
  }
}
