import { describe, expect, it } from "vitest";
import type { DeskQuote } from "$contracts/builders/desk-trade.ts";
import { buyCostNanoErg, sellPayoutNanoErg, type DeskTerms } from "$contracts/desk/desk.ts";
import { DeskLimitReached, OraclePriceStale, ReserveTooLow } from "$contracts/errors.ts";
import { deskFeeNanoErg, explainDeskRefusal, quoteLines, sellIntoCreditWords } from "./quote.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const TERMS: DeskTerms = {
  rateNum: 110n, rateDen: 1_000_000_000n, buyFeeBps: 100n, sellFeeBps: 100n, issueLimit: 100_000n, periodBlocks: 720n, memberLimit: 30_000n,
  noticeBlocks: 10n, maxOracleAge: 30n, maxUnits: 1_000_000n, oracleNft: "",
};
const quote = (side: "buy" | "sell", units: bigint, terms = TERMS, price = 1n): DeskQuote => ({
  side, units, price, terms,
  nanoErg: side === "buy" ? buyCostNanoErg(terms, units, price) : sellPayoutNanoErg(terms, units, price),
  deskBalanceAfter: 0n, reserveAfterNanoErg: 0n, accountBalanceAfter: side === "buy" ? units : 0n,
});

describe("a desk trade's fee", () => {
  it("is what a buyer pays above the price at the rate (rounded up), exactly", () => {
    const q = quote("buy", 100n);
    expect(q.nanoErg).toBe(918_273_646n);
    expect(deskFeeNanoErg(q)).toBe(918_273_646n - 909_090_910n);
  });

  it("is what a seller gets below the price at the rate (rounded down)", () => {
    const q = quote("sell", 100n);
    expect(q.nanoErg).toBe(900_000_000n);
    expect(deskFeeNanoErg(q)).toBe(909_090_909n - 900_000_000n);
  });

  it("leaves out a buy's top-up of the reserve to its storage floor, shown on its own line", () => {
    const q = { ...quote("buy", 100n), floorTopUpNanoErg: 1_000n };
    const withTopUp = { ...q, nanoErg: q.nanoErg + 1_000n };
    expect(deskFeeNanoErg(withTopUp)).toBe(918_273_646n - 909_090_910n);
    expect(quoteLines(withTopUp, KCD, null).find((l) => l.key === "topUp")!.value).toMatch(/^0\.000001 ERG \(included in what you pay/);
    expect(quoteLines(quote("buy", 100n), KCD, null).some((l) => l.key === "topUp")).toBe(false);
  });

  it("is 0 without a fee", () => {
    expect(deskFeeNanoErg(quote("buy", 110n, { ...TERMS, buyFeeBps: 0n }))).toBe(0n);
  });

  it("works at a dollar price far beyond a double's precision", () => {
    const terms = { ...TERMS, rateDen: 1n, oracleNft: "ab".repeat(32) };
    const q = quote("buy", 9_000_000_000_000n, terms, 230_946_882n);
    expect(deskFeeNanoErg(q)).toBe(q.nanoErg - (9_000_000_000_000n * 230_946_882n + 109n) / 110n);
  });
});

describe("the quote's lines", () => {
  it("lists units, ERG, fee, rate and the balance after for a buy", () => {
    expect(quoteLines(quote("buy", 100n), KCD, null).map((l) => `${l.label}: ${l.value}`)).toEqual([
      "You receive: 1.00 KCD",
      "You pay: 0.918273646 ERG (and the network fee)",
      "Desk fee: 0.009182736 ERG (1%, included in what you pay)",
      "Rate: 1.10 KCD per ERG",
      "Your balance after: 1.00 KCD",
    ]);
  });

  it("adds the oracle's price and age for a dollar desk", () => {
    const terms = { ...TERMS, rateDen: 1n, oracleNft: "ab".repeat(32) };
    const lines = quoteLines(quote("sell", 110n, terms, 250_000_000n), KCD, { nanoErgPerUsd: 250_000_000n, ageBlocks: 3, maxAgeBlocks: 30 });
    expect(lines.find((l) => l.key === "rate")!.value).toBe("1.10 KCD per USD");
    expect(lines.find((l) => l.key === "oracle")!.value).toBe("4 USD per ERG, posted 3 blocks before the next block (the desk takes it up to 30 blocks old)");
    expect(lines[1]!.value).toBe("0.2475 ERG (less the network fee)");
  });
});

describe("refusals in words", () => {
  it("says which limit, how much is left, and what to do", () => {
    expect(explainDeskRefusal(new DeskLimitReached("d".repeat(64), "member", 500n, 800n, ""), KCD)).toBe(
      "Refused before signing: a member may buy only so much in a period; you can buy 5.00 KCD more this period, not 8.00 KCD.",
    );
    expect(explainDeskRefusal(new DeskLimitReached("d".repeat(64), "issue", 0n, 100n, ""), KCD)).toMatch(/issue limit; it can sell 0\.00 KCD more now/);
    expect(explainDeskRefusal(new ReserveTooLow("d".repeat(64), 2_000_000_000n, 1_950_000_000n, 100_000_000n), KCD)).toMatch(/reserve \(2 ERG\) cannot pay 1\.95 ERG/);
    expect(explainDeskRefusal(new OraclePriceStale("ab".repeat(32), 100, 141, 30), KCD)).toBe(
      "Refused before signing: the oracle's dollar price was posted at block 100, 41 blocks (about 82 minutes) ago, and the desk takes prices at most 30 blocks old. Try again once the oracle posts a new price.",
    );
    expect(explainDeskRefusal(new Error("other"), KCD)).toBeUndefined();
    expect(sellIntoCreditWords(-500n, 100n, KCD)).toMatch(/your balance is 0\.00 KCD, not 1\.00 KCD/);
  });
});
