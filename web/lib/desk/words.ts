/**
 * An exchange desk's terms in plain words (docs/desk.md), for the desk page and the wallet's quote:
 * the rate exactly from `rateNum` / `rateDen` and the community's decimals ("1.10 KCD per ERG"),
 * the fees as percents, the limits, and when an announced change applies. Pure: terms in, text out.
 */
import type { DeskTerms } from "$contracts/desk/desk.ts";
import { formatAmount } from "$contracts/amounts.ts";
import { blocksAsDuration } from "../components/explorer/policy-words.ts";
import { displayAmount } from "../amount.ts";
import { plural } from "../words.ts";

/** How the community shows its units. */
export interface Units {
  symbol: string;
  decimals: number;
}

const NANO_PER_ERG = 1_000_000_000n;

/** How many digits past the community's decimals a rate may need before it is rounded and said to be "about". */
const EXTRA_DIGITS = 6;

/** Commas between each three digits of the whole part. */
const group = (text: string): string => text.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(?:\d{3})+$)/g, ","));

/**
 * `num / den` as a decimal with at least `minDigits` places: exact when it ends within
 * `minDigits + EXTRA_DIGITS` places (trailing zeros past `minDigits` dropped), else rounded half up
 * there and marked `exact: false`.
 */
export function exactDecimal(num: bigint, den: bigint, minDigits: number): { text: string; exact: boolean } {
  if (num < 0n || den <= 0n) throw new RangeError(`exactDecimal takes num >= 0 and den > 0, got ${num} / ${den}`);
  const maxDigits = minDigits + EXTRA_DIGITS;
  const scale = 10n ** BigInt(maxDigits);
  const exact = (num * scale) % den === 0n;
  const scaled = exact ? (num * scale) / den : (num * scale * 2n + den) / (2n * den);
  let text = formatAmount(scaled, maxDigits);
  if (maxDigits > minDigits) text = text.replace(new RegExp(`(\\.\\d{${minDigits}}\\d*?)0+$`), "$1").replace(/\.$/, "");
  return { text: group(text), exact };
}

/** Whether the desk prices in US dollars from the oracle pool (else at a fixed rate in ERG). */
export const pricedInUsd = (t: Pick<DeskTerms, "oracleNft">): boolean => t.oracleNft !== "";

/** What the rate is quoted against: "ERG" at a fixed rate, "USD" from the oracle. */
export const quoteCurrency = (t: Pick<DeskTerms, "oracleNft">): "ERG" | "USD" => (pricedInUsd(t) ? "USD" : "ERG");

/** The rate as the desk states it, before fees: "1.10 KCD per ERG", "1.10 KCD per USD" ("about" when not exact in the digits shown). */
export function rateWords(t: Pick<DeskTerms, "rateNum" | "rateDen" | "oracleNft">, units: Units): string {
  const per = pricedInUsd(t) ? 1n : NANO_PER_ERG;
  const { text, exact } = exactDecimal(t.rateNum * per, t.rateDen * 10n ** BigInt(units.decimals), units.decimals);
  return `${exact ? "" : "about "}${text} ${units.symbol} per ${quoteCurrency(t)}`;
}

/** The same rate the other way round: "1 KCD costs 0.909091 ERG" before fees (about when rounded). */
export function unitPriceWords(t: Pick<DeskTerms, "rateNum" | "rateDen" | "oracleNft">, units: Units): string {
  const usd = pricedInUsd(t);
  const per = usd ? 1n : NANO_PER_ERG;
  const { text, exact } = exactDecimal(t.rateDen * 10n ** BigInt(units.decimals), t.rateNum * per, usd ? 2 : 0);
  return `1 ${units.symbol} costs ${exact ? "" : "about "}${text} ${quoteCurrency(t)}`;
}

/** A fee in basis points as a percent: 100 is "1%", 25 "0.25%". */
export const feePercent = (bps: bigint): string => `${formatAmount(bps, 2, { trimZeros: true })}%`;

/** Both fees: "1% to buy, 1% to sell", "no fee to buy, 0.5% to sell". */
export function feeWords(t: Pick<DeskTerms, "buyFeeBps" | "sellFeeBps">): string {
  const one = (bps: bigint, side: string) => (bps === 0n ? `no fee to ${side}` : `${feePercent(bps)} to ${side}`);
  return `${one(t.buyFeeBps, "buy")}, ${one(t.sellFeeBps, "sell")}`;
}

/** The desk's limits and notice, one sentence each. */
export function limitSentences(t: DeskTerms, units: Units): string[] {
  const show = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  const sentences = [
    t.issueLimit === 0n
      ? "The desk sells no units now (its issue limit is 0); members can still sell units back while the reserve lasts."
      : `The desk has at most ${show(t.issueLimit)} outstanding at once (its issue limit).`,
    t.memberLimit === 0n
      ? "There is no limit per member."
      : `Each member may buy at most ${show(t.memberLimit)} every ${plural(t.periodBlocks, "block")} (${blocksAsDuration(t.periodBlocks)}).`,
    "A member sells back only units it holds: never into credit.",
    t.noticeBlocks === 0n
      ? "A change of these terms may apply from the next block (no notice)."
      : `A change of these terms is announced at least ${plural(t.noticeBlocks, "block")} (${blocksAsDuration(t.noticeBlocks)}) before it applies.`,
  ];
  if (pricedInUsd(t)) {
    sentences.push(
      `The price of a dollar in ERG comes from the oracle pool ${t.oracleNft.slice(0, 8)}…; a price posted more than ${plural(t.maxOracleAge, "block")} (${blocksAsDuration(t.maxOracleAge)}) before is not used.`,
    );
  }
  return sentences;
}

/**
 * When an announced change applies, seen at chain tip `tip` (a transaction signed now is mined at
 * `tip + 1` at the earliest): "from block 12345, in about 20 minutes (10 blocks)", or from the next block.
 */
export function effectiveWords(effectiveHeight: bigint, tip: bigint): string {
  const blocks = effectiveHeight - tip;
  if (blocks <= 1n) return `from block ${effectiveHeight}: it applies to every trade from the next block`;
  return `from block ${effectiveHeight}, in ${blocksAsDuration(blocks)} (${plural(blocks, "block")})`;
}

/** `reserve / cover` as a percent with one decimal ("125.0%"), exact up to that rounding; null without a cover. */
export function coveragePercent(reserveNanoErg: bigint, coverNanoErg: bigint | null): string | null {
  if (coverNanoErg === null || coverNanoErg <= 0n) return null;
  const tenths = (reserveNanoErg * 2000n + coverNanoErg) / (2n * coverNanoErg);
  return `${group((tenths / 10n).toString())}.${tenths % 10n}%`;
}
