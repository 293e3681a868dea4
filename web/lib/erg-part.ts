/**
 * The ERG part of a mixed payment (units and ERG to one payee in one transaction): typed on the pay
 * screen, and said beside the units wherever a payment is shown ("12.50 LETS + 1.5 ERG"). Exact:
 * nanoERG are bigints, parsed from the text without floating point.
 */
import { AmountError, displayErg, parseErg } from "./amount.ts";

/** The least an output holds (the minimum box value), so the least ERG a payment can carry. */
export const MIN_ERG_PART = 1_000_000n;

/** The ERG part as typed: empty or 0 for none (0n), else ERG with at most 9 decimals, from 0.001 up. */
export function checkErgPart(typed: string): { nanoErg: bigint } | { error: string } {
  const text = typed.trim();
  if (text === "") return { nanoErg: 0n };
  let nanoErg: bigint;
  try {
    nanoErg = parseErg(text, { positive: false });
  } catch (error) {
    if (error instanceof AmountError) return { error: error.reason };
    throw error;
  }
  if (nanoErg > 0n && nanoErg < MIN_ERG_PART) return { error: `At least ${displayErg(MIN_ERG_PART)}, the least a box holds, or nothing.` };
  return { nanoErg };
}

/** Units and the ERG beside them: "12.50 LETS + 1.5 ERG", or the units alone when no ERG was paid. */
export const withErg = (unitsText: string, ergNanoErg: bigint | null | undefined): string =>
  ergNanoErg !== null && ergNanoErg !== undefined && ergNanoErg > 0n ? `${unitsText} + ${displayErg(ergNanoErg)}` : unitsText;
