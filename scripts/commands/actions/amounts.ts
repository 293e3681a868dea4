/**
 * Amounts as people type and read them ("12.50" of a community with 2 decimals, "0.01" ERG), and
 * as the contracts count them (bigint units, nanoERG). Parsing is exact: no floating point.
 */
import { CliError, ExitCode } from "../command.ts";

const LONG_MAX = 0x7fffffffffffffffn;
/** ERG has 9 decimals: 1 ERG = 10^9 nanoERG. */
export const ERG_DECIMALS = 9;

/** Options of `parseUnits`: zero for limits and prices (never payments), the unit for messages. */
export interface UnitsOptions {
  allowZero?: boolean;
  /** What the units are called in messages ("KCD", "ERG"). */
  unit?: string;
}

/**
 * Checks that a text is a decimal amount (digits, an optional point and fraction, not negative,
 * not zero unless allowed) and returns its whole and fraction digits; no community is needed yet.
 */
export function amountSyntax(text: string, what: string, options: UnitsOptions = {}): { whole: string; fraction: string } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    const hint = text.trim().startsWith("-") ? "it cannot be negative" : "write digits with an optional decimal point, like 12.50";
    throw new CliError(`${what}: '${text}' is not an amount (${hint})`, ExitCode.usage);
  }
  const [, whole = "", fraction = ""] = match;
  if (!options.allowZero && /^0*$/.test(whole + fraction)) throw new CliError(`${what}: the amount must be more than 0`, ExitCode.usage);
  return { whole, fraction };
}

/** Parses a decimal amount into units, given the number of decimals; exact, no floating point. */
export function parseUnits(text: string, decimals: number, what: string, options: UnitsOptions = {}): bigint {
  const { whole, fraction } = amountSyntax(text, what, options);
  if (fraction.length > decimals) {
    const places = decimals === 0 ? "no decimals" : `at most ${decimals} decimal${decimals === 1 ? "" : "s"}`;
    throw new CliError(`${what}: '${text}' has ${fraction.length} decimals; ${options.unit ?? "this"} amounts have ${places}`, ExitCode.usage);
  }
  const units = BigInt(whole + fraction.padEnd(decimals, "0"));
  if (units > LONG_MAX) throw new CliError(`${what}: '${text}' is too large`, ExitCode.usage);
  return units;
}

/** Units as a decimal string with exactly `decimals` places ("-3.50"). */
export function formatUnits(units: bigint, decimals: number): string {
  const sign = units < 0n ? "-" : "";
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, "0");
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** nanoERG as ERG, without trailing zeros ("0.011 ERG"). */
export function formatErg(nanoErg: bigint): string {
  const text = formatUnits(nanoErg, ERG_DECIMALS).replace(/\.?0+$/, "");
  return `${text} ERG`;
}

/** Parses an ERG amount ("0.01") into nanoERG; zero is allowed (a free join). */
export const parseErg = (text: string, what: string): bigint => parseUnits(text, ERG_DECIMALS, what, { allowZero: true, unit: "ERG" });
