/** Desk terms and pending changes as the database stores them and the API serves them: JSON with every number a decimal string. */
import type { DeskChange, DeskTerms } from "../../contracts/desk/desk.ts";

/** Terms as stored and served: every number a decimal string. */
export function deskTermsJson(t: DeskTerms): Record<keyof DeskTerms, string> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)])) as Record<keyof DeskTerms, string>;
}

/** Terms from their stored JSON. */
export function deskTermsOf(json: Record<string, string>): DeskTerms {
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, k === "oracleNft" ? v : BigInt(v)])) as unknown as DeskTerms;
}

/** A pending change as stored: `{ terms, effectiveHeight }` with every number a decimal string, or null. */
export const deskPendingJson = (p: DeskChange | null): string | null =>
  p === null ? null : JSON.stringify({ terms: deskTermsJson(p.terms), effectiveHeight: p.effectiveHeight.toString() });

/** The pending change of its stored JSON. */
export function deskPendingOf(text: string | null): DeskChange | null {
  if (text === null) return null;
  const p = JSON.parse(text) as { terms: Record<string, string>; effectiveHeight: string };
  return { terms: deskTermsOf(p.terms), effectiveHeight: BigInt(p.effectiveHeight) };
}
