/**
 * Trade lines in plain words (docs/inter-lets.md): the rate between whole units ("1 KCD = 1.5
 * OTD"), a community's position ("Otago Dollars owes Kaikoura 16.50 OTD"), the caps, fees and
 * status. Pure functions, shared by the community, line, network and pay pages.
 */
import { displayAmount } from "../amount.ts";
import type { LineTerms, Side, TradeLine } from "./types.ts";

/** What the words need of a community. */
export interface Units {
  name: string;
  symbol: string;
  decimals: number;
}

/** At most this many digits after the point in a rate; a rate that needs more is rounded and marked "about". */
const RATE_DIGITS = 6;

/**
 * The fraction num/den as a decimal with thousands separators, exact when it fits in six digits
 * after the point ("1.5", "0.25"), else rounded to six and prefixed "≈" ("≈0.333333").
 */
export function decimalOf(num: bigint, den: bigint): string {
  if (den <= 0n || num < 0n) throw new RangeError("a rate is a positive fraction");
  const scale = 10n ** BigInt(RATE_DIGITS);
  const scaled = num * scale;
  const exact = scaled % den === 0n;
  const rounded = (scaled * 2n + den) / (2n * den); // half up
  const whole = (rounded / scale).toString().replace(/\B(?=(?:\d{3})+$)/g, ",");
  const fraction = (rounded % scale).toString().padStart(RATE_DIGITS, "0").replace(/0+$/, "");
  return `${exact ? "" : "≈"}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * The line's rate between whole units, from `from`'s side: "1 KCD = 1.5 OTD". The terms are
 * between smallest units (1 A-unit = rateNum/rateDen B-units), so the decimals of both
 * communities count: one whole A is 10^decA A-units.
 */
export function rateWords(terms: Pick<LineTerms, "rateNum" | "rateDen">, a: Units, b: Units, from: Side = 0): string {
  const [num, den] = [terms.rateNum * 10n ** BigInt(a.decimals), terms.rateDen * 10n ** BigInt(b.decimals)];
  return from === 0 ? `1 ${a.symbol} = ${decimalOf(num, den)} ${b.symbol}` : `1 ${b.symbol} = ${decimalOf(den, num)} ${a.symbol}`;
}

/**
 * What a community's trade position on a line means. Positive: it paid in, so it owes its partner
 * that much of its own units (its partner's members can spend them in it); negative: it paid out,
 * so its partner owes it.
 */
export function positionWords(position: bigint, me: Units, partner: Pick<Units, "name">): string {
  const amount = displayAmount(position < 0n ? -position : position, me.decimals, { symbol: me.symbol });
  if (position > 0n) return `${me.name} owes ${partner.name} ${amount}`;
  if (position < 0n) return `${partner.name} owes ${me.name} ${amount}`;
  return `Neither owes the other anything`;
}

/** A fee in basis points as a percentage: 150 is "1.5%", 0 is "no fee". */
export function feeWords(basisPoints: bigint): string {
  if (basisPoints === 0n) return "no fee";
  return `${decimalOf(basisPoints, 100n)}%`;
}

/**
 * The caps as the community on `side` sees them: how far it may go into deficit to its partner
 * (in the partner's units; capA for A, capB for B), and how far its partner may go into deficit to it
 * (in its own units).
 */
export function capWords(terms: Pick<LineTerms, "capA" | "capB">, side: Side, me: Units, partner: Units): { mine: string; theirs: string } {
  const mine = side === 0 ? terms.capA : terms.capB;
  const theirs = side === 0 ? terms.capB : terms.capA;
  return {
    mine: `${me.name} may owe ${partner.name} up to ${displayAmount(mine, partner.decimals, { symbol: partner.symbol })}`,
    theirs: `${partner.name} may owe ${me.name} up to ${displayAmount(theirs, me.decimals, { symbol: me.symbol })}`,
  };
}

/** One word for a line's state: proposed, open, paused (either side) or closed. */
export type StatusLabel = "proposed" | "open" | "paused" | "closed";

export function statusLabel(line: Pick<TradeLine, "status" | "pausedA" | "pausedB">): StatusLabel {
  if (line.status === "open" && (line.pausedA || line.pausedB)) return "paused";
  return line.status;
}

/** The state in a sentence, naming who has to act or who paused. */
export function statusWords(line: Pick<TradeLine, "status" | "pausedA" | "pausedB">, a: Pick<Units, "name">, b: Pick<Units, "name">): string {
  if (line.status === "proposed") return `Proposed by ${a.name}; waiting for the committee of ${b.name} to accept it.`;
  if (line.status === "closed") return "Closed: it takes no more payments.";
  const paused = [line.pausedA ? a.name : undefined, line.pausedB ? b.name : undefined].filter((n): n is string => n !== undefined);
  if (paused.length === 0) return "Open: members of either community can pay members of the other.";
  return `Open, but ${paused.join(" and ")} paused payments into ${paused.length === 1 ? "it" : "them"}; payments the other way still go through.`;
}

/** A hop's conversion in words: "10.00 KCD crossed as 15.00 OTD; fees 0.10 KCD and 0.15 OTD; 14.85 OTD delivered". */
export function hopWords(hop: { sent: bigint; senderFee: bigint; converted: bigint; receiverFee: bigint; delivered: bigint }, from: Units, to: Units): string {
  const f = (v: bigint, u: Units) => displayAmount(v, u.decimals, { symbol: u.symbol });
  const fees = [hop.senderFee > 0n ? `${f(hop.senderFee, from)} to ${from.name}` : undefined, hop.receiverFee > 0n ? `${f(hop.receiverFee, to)} to ${to.name}` : undefined]
    .filter((x) => x !== undefined);
  return `${f(hop.sent, from)} from ${from.name} becomes ${f(hop.converted, to)} in ${to.name}; fees: ${fees.length ? fees.join(", ") : "none"}; ${f(hop.delivered, to)} arrives.`;
}
