/**
 * The one amount grammar of the project (web forms, the CLI, scenarios): amounts as people type
 * and read them, and as the chain keeps them: whole units (`bigint`). A community's `decimals` says
 * where the point goes ("12.50 KCD" is 1250 units at 2 decimals); ERG is nanoERG at 9 decimals.
 * Parsing is exact (no floating point) and refuses anything it would have to round, so what a
 * member signs is what they typed.
 */
import { InvalidIntent } from "./errors.ts";
import { LONG_MAX } from "./long.ts";

export { LONG_MAX };
/** Decimals of ERG (1 ERG = 10^9 nanoERG). */
export const ERG_DECIMALS = 9;

/** Text that is not an amount; `reason` is a sentence fit to show next to a field or after a flag. */
export class AmountError extends InvalidIntent {
  constructor(readonly input: string, readonly reason: string) {
    super(reason);
  }
}

export interface ParseOptions {
  /** Refuse 0 (payments must move at least one unit). */
  positive?: boolean;
  /** The unit's name in messages, e.g. "KCD". */
  symbol?: string;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) throw new RangeError(`decimals must be an integer 0..18, got ${decimals}`);
}

const AMOUNT = /^(\d*)(?:\.(\d*))?$/;

/**
 * The grammar alone, before the decimals are known: digits with one optional point ("5", "5.",
 * ".5", "0.50") and surrounding spaces; no signs, exponents or separators. Returns the digits on
 * either side of the point; with `positive`, refuses an amount that is 0 at any precision.
 */
export function amountParts(text: string, options: Pick<ParseOptions, "positive"> = {}): { whole: string; fraction: string } {
  const input = text.trim();
  if (input === "") throw new AmountError(text, "Enter an amount.");
  if (input.startsWith("-")) throw new AmountError(text, "The amount cannot be negative.");
  const match = AMOUNT.exec(input);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || whole + fraction === "") throw new AmountError(text, `"${input}" is not a number: use digits and at most one point, like 12.50.`);
  if (options.positive && /^0*$/.test(whole + fraction)) throw new AmountError(text, "The amount must be more than 0.");
  return { whole, fraction };
}

/**
 * Parses "12.5" at `decimals` into whole units (1250n at 2), by the grammar of `amountParts`;
 * refuses more fraction digits than `decimals` and values above `LONG_MAX` units.
 */
export function parseAmount(text: string, decimals: number, options: ParseOptions = {}): bigint {
  checkDecimals(decimals);
  const { whole, fraction } = amountParts(text, options);
  const unit = options.symbol ? ` ${options.symbol}` : "";
  if (fraction.length > decimals) {
    const allowed = decimals === 0 ? "whole numbers only" : `at most ${decimals} digit${decimals === 1 ? "" : "s"} after the point`;
    throw new AmountError(text, `Too precise:${unit} amounts take ${allowed}.`);
  }
  const units = BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  if (units > LONG_MAX) throw new AmountError(text, `Too large: at most ${formatAmount(LONG_MAX, decimals)}${unit}.`);
  return units;
}

export interface FormatOptions {
  /** Appended after a space, e.g. "KCD". */
  symbol?: string;
  /** Drop trailing zeros of the fraction ("0.1" instead of "0.100000000"). */
  trimZeros?: boolean;
}

/** Formats whole units at `decimals`: 1250n at 2 is "12.50"; negative amounts get a "-". */
export function formatAmount(units: bigint | string, decimals: number, options: FormatOptions = {}): string {
  checkDecimals(decimals);
  const value = typeof units === "bigint" ? units : BigInt(units);
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (options.trimZeros) fraction = fraction.replace(/0+$/, "");
  const text = `${value < 0n ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
  return options.symbol ? `${text} ${options.symbol}` : text;
}

/** Parses ERG as typed ("0.1") into nanoERG. */
export const parseErg = (text: string, options: Omit<ParseOptions, "symbol"> = {}): bigint =>
  parseAmount(text, ERG_DECIMALS, { ...options, symbol: "ERG" });

/** Formats nanoERG as ERG without trailing zeros: 100000000n is "0.1 ERG". */
export const formatErg = (nanoErg: bigint | string): string =>
  formatAmount(nanoErg, ERG_DECIMALS, { symbol: "ERG", trimZeros: true });
