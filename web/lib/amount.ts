/**
 * The web's import path for the project's one amount grammar, `contracts/amounts.ts`, and the way
 * pages show amounts. `formatAmount` and `formatErg` write exact, machine-readable text (CSV
 * downloads, request links, what goes back into an input); `displayAmount` and `displayErg` are
 * the same text with thousands separators in the whole part, for every table, card and sentence a
 * person reads: "12,345.50 SHL", "1,000.5 ERG". Counts go through `formatCount` (words.ts); block
 * heights are ids and are printed as they are typed into search and URLs, without separators.
 */
import { formatAmount, formatErg, type FormatOptions } from "$contracts/amounts.ts";

export { AmountError, ERG_DECIMALS, LONG_MAX, formatAmount, formatErg, parseAmount, parseErg, type FormatOptions, type ParseOptions } from "$contracts/amounts.ts";

/** Commas between each three digits of the leading whole number (after an optional "-"); the fraction and what follows are left alone. */
function groupWhole(text: string): string {
  return text.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(?:\d{3})+$)/g, ","));
}

/** An amount as a person reads it: `formatAmount` with thousands separators, 1234550n at 2 is "12,345.50". */
export function displayAmount(units: bigint | string, decimals: number, options: FormatOptions = {}): string {
  return groupWhole(formatAmount(units, decimals, options));
}

/** nanoERG as a person reads it: `formatErg` with thousands separators, "1,000.5 ERG". */
export function displayErg(nanoErg: bigint | string): string {
  return groupWhole(formatErg(nanoErg));
}
