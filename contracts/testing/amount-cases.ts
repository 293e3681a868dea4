/**
 * One table of typed amounts and what they mean, for every reader of amounts (the grammar in
 * contracts/amounts.ts, the CLI's flags, the web's forms): each must give these units or this
 * reason, so "it works in the web but not in the CLI" cannot happen again.
 */
export interface AmountCase {
  text: string;
  decimals: number;
  /** Refuse 0 (payments). */
  positive?: boolean;
  symbol?: string;
  /** The units it means, or the reason it is refused. */
  units?: bigint;
  reason?: string;
}

export const AMOUNT_CASES: readonly AmountCase[] = [
  { text: "12.50", decimals: 2, units: 1250n },
  { text: "12.5", decimals: 2, units: 1250n },
  { text: "12", decimals: 2, units: 1200n },
  { text: ".5", decimals: 2, units: 50n },
  { text: "5.", decimals: 2, units: 500n },
  { text: " 7 ", decimals: 0, units: 7n },
  { text: "0.01", decimals: 2, units: 1n, positive: true },
  { text: "0", decimals: 2, units: 0n },
  { text: "92233720368547758.07", decimals: 2, units: 9_223_372_036_854_775_807n },
  { text: "0", decimals: 2, positive: true, reason: "The amount must be more than 0." },
  { text: "0.00", decimals: 2, positive: true, reason: "The amount must be more than 0." },
  { text: "", decimals: 2, reason: "Enter an amount." },
  { text: "-5", decimals: 2, reason: "The amount cannot be negative." },
  { text: "1.234", decimals: 2, symbol: "KCD", reason: "Too precise: KCD amounts take at most 2 digits after the point." },
  { text: "1.5", decimals: 0, reason: "Too precise: amounts take whole numbers only." },
  { text: "92233720368547758.08", decimals: 2, reason: "Too large: at most 92233720368547758.07." },
  ...["abc", "1e3", "1,5", "1 000", ".", "1.2.3", "+1", "0x10"].map((text) => ({
    text,
    decimals: 2,
    reason: `"${text}" is not a number: use digits and at most one point, like 12.50.`,
  })),
];
