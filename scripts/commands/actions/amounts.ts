/**
 * Amounts on the command line: the project's one grammar (`contracts/amounts.ts`) with the flag
 * named in the message and exit code 2 for text that is not an amount.
 */
import { AmountError, amountParts, ERG_DECIMALS, formatAmount, formatErg as formatErgText, parseAmount } from "../../../contracts/amounts.ts";
import { CliError, ExitCode } from "../command.ts";

export { ERG_DECIMALS };

/** Options of `parseUnits`: zero for limits and prices (never payments), the unit for messages. */
export interface UnitsOptions {
  allowZero?: boolean;
  /** What the units are called in messages ("KCD", "ERG"). */
  unit?: string;
}

function asUsage<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AmountError) throw new CliError(`${what}: ${error.reason}`, ExitCode.usage, { cause: error });
    throw error;
  }
}

/** Checks that a text is an amount before the community (and so its decimals) is known. */
export function amountSyntax(text: string, what: string, options: UnitsOptions = {}): { whole: string; fraction: string } {
  return asUsage(what, () => amountParts(text, { positive: !options.allowZero }));
}

/** Parses a decimal amount into units, given the number of decimals; exact, no floating point. */
export function parseUnits(text: string, decimals: number, what: string, options: UnitsOptions = {}): bigint {
  return asUsage(what, () => parseAmount(text, decimals, { positive: !options.allowZero, symbol: options.unit }));
}

/** Units as a decimal string with exactly `decimals` places ("-3.50"). */
export const formatUnits = (units: bigint, decimals: number): string => formatAmount(units, decimals);

/** nanoERG as ERG, without trailing zeros ("0.011 ERG"). */
export const formatErg = (nanoErg: bigint): string => formatErgText(nanoErg);

/** Parses an ERG amount ("0.01") into nanoERG; zero is allowed (a free join). */
export const parseErg = (text: string, what: string): bigint => parseUnits(text, ERG_DECIMALS, what, { allowZero: true, unit: "ERG" });
