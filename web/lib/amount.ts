/** The web's import path for the project's one amount grammar, `contracts/amounts.ts`. */
export { AmountError, ERG_DECIMALS, LONG_MAX, formatAmount, formatErg, parseAmount, parseErg, type FormatOptions, type ParseOptions } from "$contracts/amounts.ts";
