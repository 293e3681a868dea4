/**
 * The terms of a line as a committee types them, in whole units, and as the contract takes them
 * (docs/inter-lets.md): the rate "1 KCD = 1.5 OTD" becomes rateNum/rateDen between smallest units
 * (reduced, each within 1 to 10^9), caps are typed in the units they are counted in (capA in B's,
 * capB in A's), fees as percentages with up to two decimals (basis points), shards 1 to 16.
 */
import { AmountError, parseAmount } from "../amount.ts";
import type { LineTerms } from "./types.ts";
import type { Units } from "./words.ts";

export interface TermsText {
  /** How many B (whole units) one A is worth, as a decimal. */
  rate: string;
  /** How far A may owe B, in B's units. */
  capA: string;
  /** How far B may owe A, in A's units. */
  capB: string;
  /** Percent, e.g. "1" or "0.5". */
  feeA: string;
  feeB: string;
  shards: string;
}

export type TermsResult = { ok: true; terms: LineTerms } | { ok: false; errors: Partial<Record<keyof TermsText, string>> };

const RATE_MAX = 1_000_000_000n;
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** rateNum/rateDen between smallest units for "1 A = `rate` B" in whole units; throws a message when it does not fit. */
export function rateFraction(rate: string, a: Pick<Units, "decimals">, b: Pick<Units, "decimals">): { rateNum: bigint; rateDen: bigint } {
  const m = /^([0-9]{1,12})(?:\.([0-9]{1,9}))?$/.exec(rate.trim());
  if (!m) throw new Error("Write the rate as a number with digits and one point, e.g. 1.5.");
  const digits = m[2] ?? "";
  const value = BigInt(`${m[1]}${digits}`);
  if (value === 0n) throw new Error("The rate must be above 0.");
  let num = value * 10n ** BigInt(b.decimals);
  let den = 10n ** BigInt(digits.length + a.decimals);
  const g = gcd(num, den);
  [num, den] = [num / g, den / g];
  if (num > RATE_MAX || den > RATE_MAX) throw new Error("This rate needs numbers above 10^9 between the smallest units; use fewer digits.");
  return { rateNum: num, rateDen: den };
}

/** A fee typed in percent ("1", "0.25") as basis points; below 100%. */
export function feeBasisPoints(text: string): bigint {
  const t = text.trim() === "" ? "0" : text.trim();
  const m = /^([0-9]{1,2})(?:\.([0-9]{1,2}))?$/.exec(t);
  if (!m) throw new Error("Write the fee in percent with at most two decimals, below 100, e.g. 1 or 0.25.");
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0") || "0");
}

/** The terms `text` says between `a` (the proposer) and `b`, or what is wrong with each field. */
export function readTerms(text: TermsText, a: Units, b: Units): TermsResult {
  const errors: Partial<Record<keyof TermsText, string>> = {};
  const attempt = <T>(key: keyof TermsText, f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      errors[key] = error instanceof AmountError ? error.reason : (error as Error).message;
      return undefined;
    }
  };
  const rate = attempt("rate", () => rateFraction(text.rate, a, b));
  const capA = attempt("capA", () => parseAmount(text.capA, b.decimals, { positive: true, symbol: b.symbol }));
  const capB = attempt("capB", () => parseAmount(text.capB, a.decimals, { positive: true, symbol: a.symbol }));
  const feeA = attempt("feeA", () => feeBasisPoints(text.feeA));
  const feeB = attempt("feeB", () => feeBasisPoints(text.feeB));
  const shards = attempt("shards", () => {
    if (!/^[0-9]{1,2}$/.test(text.shards.trim()) || Number(text.shards) < 1 || Number(text.shards) > 16) throw new Error("Shards: a whole number from 1 to 16.");
    return BigInt(text.shards.trim());
  });
  // The contracts refuse a line without any fee: a loop of its gateways would need nobody's signature.
  if (feeA === 0n && feeB === 0n) errors.feeB = "At least one of the two fees must be 0.01% or more: a line without fees could be used without anyone's signature.";
  if (!rate || capA === undefined || capB === undefined || feeA === undefined || feeB === undefined || shards === undefined || errors.feeB) return { ok: false, errors };
  return { ok: true, terms: { ...rate, capA, capB, feeA, feeB, shards } };
}
