/**
 * A desk trade's quote in the member's words before signing (docs/desk.md): what is paid and
 * received, the fee in ERG, the rate, and for a desk priced in dollars the oracle's price and age;
 * and each refusal of the builders as a sentence. Exact: bigint in, text out.
 */
import type { DeskQuote } from "$contracts/builders/desk-trade.ts";
import { usdPerErg } from "$contracts/desk/oracle.ts";
import { DeskLimitReached, OracleBoxInvalid, OraclePriceStale, PositiveCapExceeded, ReserveTooLow } from "$contracts/errors.ts";
import { displayAmount, displayErg } from "../amount.ts";
import { blocksAsDuration } from "../components/explorer/policy-words.ts";
import { plural } from "../words.ts";
import { feePercent, rateWords, type Units } from "./words.ts";

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * The fee of a trade in nanoERG: what a buyer pays above the units' price at the rate, or what a
 * seller gets below it. The price at the rate is rounded the desk's way (a buy's up, a sell's down),
 * so the fee is exactly the difference the member sees. A buy's top-up of a reserve below its
 * storage floor is not a fee: it stays in the reserve.
 */
export function deskFeeNanoErg(q: Pick<DeskQuote, "side" | "units" | "nanoErg" | "price" | "terms"> & { floorTopUpNanoErg?: bigint }): bigint {
  const atRate = q.units * q.terms.rateDen * q.price;
  const paid = q.nanoErg - (q.floorTopUpNanoErg ?? 0n);
  const fee = q.side === "buy" ? paid - ceilDiv(atRate, q.terms.rateNum) : atRate / q.terms.rateNum - q.nanoErg;
  return fee < 0n ? 0n : fee;
}

/** The oracle price a dollar desk used, and how old it is at the next block. */
export interface OracleSeen {
  nanoErgPerUsd: bigint;
  ageBlocks: number;
  maxAgeBlocks: number;
}

/** One line of the quote: a label and its value. */
export interface QuoteLine {
  key: "units" | "erg" | "topUp" | "fee" | "rate" | "oracle" | "balance";
  label: string;
  value: string;
}

/** The quote as the screen lists it, before signing. */
export function quoteLines(q: DeskQuote, units: Units, oracle: OracleSeen | null): QuoteLine[] {
  const show = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  const buy = q.side === "buy";
  const feeBps = buy ? q.terms.buyFeeBps : q.terms.sellFeeBps;
  const lines: QuoteLine[] = [
    { key: "units", label: buy ? "You receive" : "You sell", value: show(q.units) },
    { key: "erg", label: buy ? "You pay" : "You receive", value: `${displayErg(q.nanoErg)}${buy ? " (and the network fee)" : " (less the network fee)"}` },
    ...(q.floorTopUpNanoErg
      ? [{ key: "topUp" as const, label: "Reserve top-up", value: `${displayErg(q.floorTopUpNanoErg)} (included in what you pay: the desk's reserve must stay above its storage floor)` }]
      : []),
    { key: "fee", label: "Desk fee", value: `${displayErg(deskFeeNanoErg(q))} (${feePercent(feeBps)}${buy ? ", included in what you pay" : ", kept from what you receive"})` },
    { key: "rate", label: "Rate", value: rateWords(q.terms, units) },
  ];
  if (oracle) {
    lines.push({
      key: "oracle",
      label: "Oracle price",
      value: `${usdPerErg({ nanoErgPerUsd: oracle.nanoErgPerUsd }, 4)} USD per ERG, posted ${plural(oracle.ageBlocks, "block")} before the next block (the desk takes it up to ${plural(oracle.maxAgeBlocks, "block")} old)`,
    });
  }
  lines.push({ key: "balance", label: "Your balance after", value: show(q.accountBalanceAfter) });
  return lines;
}

/** A sentence for a desk refusal, or undefined for any other error (the wallet's own words then). */
export function explainDeskRefusal(error: unknown, units: Units): string | undefined {
  const show = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  if (error instanceof DeskLimitReached) {
    const left = error.allowed < 0n ? 0n : error.allowed;
    switch (error.limit) {
      case "issue":
        return `Refused before signing: the desk has reached its issue limit; it can sell ${show(left)} more now, not ${show(error.attempted)}. Members selling units back make room.`;
      case "member":
        return `Refused before signing: a member may buy only so much in a period; you can buy ${show(left)} more this period, not ${show(error.attempted)}.`;
      case "ledger":
        return "Refused before signing: the desk has served as many members as it can track this period; new buyers wait for the next period.";
      case "cap":
        return `Refused before signing: the desk would hold more units than any member may; it can take ${show(left)} more.`;
    }
  }
  if (error instanceof ReserveTooLow) {
    return `Refused before signing: the desk's reserve (${displayErg(error.reserveNanoErg)}) cannot pay ${displayErg(error.wantedNanoErg)} and keep its minimum of ${displayErg(error.floorNanoErg)}. Sell fewer units, or wait for a deposit.`;
  }
  if (error instanceof OraclePriceStale) {
    const age = error.height - error.boxHeight;
    return `Refused before signing: the oracle's dollar price was posted at block ${error.boxHeight}, ${plural(age, "block")} (${blocksAsDuration(BigInt(age))}) ago, and the desk takes prices at most ${plural(error.maxAgeBlocks, "block")} old. Try again once the oracle posts a new price.`;
  }
  if (error instanceof OracleBoxInvalid) return `Refused before signing: the oracle pool's box cannot price this trade (${error.reason}).`;
  if (error instanceof PositiveCapExceeded) {
    return `Refused before signing: your balance would be ${show(error.attempted)}, above the community's positive cap of ${show(error.cap)}.`;
  }
  return undefined;
}

/** Selling more than the account holds, in words. */
export const sellIntoCreditWords = (balance: bigint, attempted: bigint, units: Units): string => {
  const show = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  return `Refused before signing: you can sell only units you hold, and your balance is ${show(balance < 0n ? 0n : balance)}, not ${show(attempted)}: the desk never turns credit into ERG.`;
};
