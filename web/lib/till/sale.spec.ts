import { describe, expect, it } from "vitest";
import type { RequestStatusJson } from "../wallet/requests.ts";
import { isPaid, isWatched, leaveSale, NEW_SALE, nextSale, updateWatched, type Sale, type ShownRequest, type WatchedSale } from "./sale.ts";

const request: ShownRequest = { requestId: "ab".repeat(16), amountUnits: 425n, memo: "3 apples", link: "http://till/pay?id=abab", expiresAtMs: null };
const TX = "11".repeat(32);
const PAYER = "22".repeat(32);

const unpaid = (receivedUnits = "0"): RequestStatusJson => ({ state: "unpaid", paid: null, pending: null, receivedUnits });
const onItsWay = (txId = TX): RequestStatusJson => ({ state: "on-its-way", paid: null, pending: { txId, amount: "425" }, receivedUnits: "0" });
const confirmed: RequestStatusJson = {
  state: "paid",
  paid: { txId: TX, height: 12, timestamp: 1_764_000_000_000, payer: PAYER, payerName: "Ann", amount: "425" },
  pending: null,
  receivedUnits: "425",
};

/** The sale after each event in turn, from a new one. */
const run = (...events: Parameters<typeof nextSale>[1][]): Sale => events.reduce(nextSale, NEW_SALE);
const waiting: Sale = { phase: "waiting", request, receivedUnits: 0n, dropped: null };

describe("nextSale", () => {
  it("goes new → signing → waiting when the shopkeeper charges an amount and the owner's key signs", () => {
    expect(run({ type: "charge", amountUnits: 425n, memo: "3 apples" })).toEqual({ phase: "signing", amountUnits: 425n, memo: "3 apples" });
    expect(run({ type: "charge", amountUnits: 425n, memo: null }, { type: "signed", request })).toEqual(waiting);
  });

  it("goes back to a new sale with the reason when signing fails, and keeps a shown request when a late failure arrives", () => {
    expect(run({ type: "charge", amountUnits: 425n, memo: null }, { type: "failed", error: "You declined in the wallet." })).toEqual({ phase: "new", error: "You declined in the wallet." });
    expect(nextSale(waiting, { type: "failed", error: "late" })).toBe(waiting);
  });

  it("is paid once the payment is in the mempool, and confirmed once it is in a block, with the payer", () => {
    const paid = nextSale(waiting, { type: "status", status: onItsWay() });
    expect(paid).toEqual({ phase: "paid", request, txId: TX });
    expect(isPaid(paid)).toBe(true);
    expect(nextSale(paid, { type: "status", status: confirmed })).toEqual({
      phase: "confirmed",
      request,
      paid: { txId: TX, height: 12, timestamp: 1_764_000_000_000, payer: PAYER, payerName: "Ann" },
    });
    // A payment confirmed between two polls goes straight from waiting to confirmed.
    expect(nextSale(waiting, { type: "status", status: confirmed }).phase).toBe("confirmed");
  });

  it("takes 'paid' back, naming the dropped transaction, when the payment leaves the mempool without a block", () => {
    const paid = nextSale(waiting, { type: "status", status: onItsWay() });
    expect(nextSale(paid, { type: "status", status: unpaid() })).toEqual({ phase: "waiting", request, receivedUnits: 0n, dropped: TX });
  });

  it("keeps waiting on an unpaid answer, with what arrived so far (someone's part payment)", () => {
    expect(nextSale(waiting, { type: "status", status: unpaid("1") })).toEqual({ ...waiting, receivedUnits: 1n });
    expect(isPaid(waiting)).toBe(false);
  });

  it("ignores answers about a request once the sale is confirmed or new, and charges only a new sale", () => {
    const done = nextSale(waiting, { type: "status", status: confirmed });
    expect(nextSale(done, { type: "status", status: unpaid() })).toBe(done);
    expect(nextSale(NEW_SALE, { type: "status", status: onItsWay() })).toBe(NEW_SALE);
    expect(nextSale(waiting, { type: "charge", amountUnits: 1n, memo: null })).toBe(waiting);
    expect(nextSale(waiting, { type: "signed", request })).toBe(waiting);
  });

  it("starts a new sale from any shown phase, but not while the wallet is signing", () => {
    expect(nextSale(waiting, { type: "next" })).toBe(NEW_SALE);
    const signing = run({ type: "charge", amountUnits: 5n, memo: null });
    expect(nextSale(signing, { type: "next" })).toBe(signing);
  });
});

describe("watched sales", () => {
  const paid = nextSale(waiting, { type: "status", status: onItsWay() }) as WatchedSale;
  const other: WatchedSale = { phase: "paid", request: { ...request, requestId: "cd".repeat(16) }, txId: "33".repeat(32) };

  it("keeps watching a sale left while paid but not confirmed, and no other", () => {
    expect(leaveSale([], paid)).toEqual([paid]);
    expect(leaveSale([paid], nextSale(paid, { type: "status", status: confirmed }))).toEqual([paid]);
    expect(leaveSale([], NEW_SALE)).toEqual([]);
    expect(isWatched(waiting) && isWatched(paid) && !isWatched(NEW_SALE)).toBe(true);
  });

  it("drops a watched sale once confirmed, keeps one whose payment left the mempool (as waiting, dropped), and leaves the others alone", () => {
    expect(updateWatched([paid, other], request.requestId, confirmed)).toEqual([other]);
    expect(updateWatched([paid, other], request.requestId, unpaid())).toEqual([{ phase: "waiting", request, receivedUnits: 0n, dropped: TX }, other]);
    expect(updateWatched([paid, other], request.requestId, onItsWay())).toEqual([paid, other]);
  });
});
