import { describe, expect, it } from "vitest";
import type { PaymentLeg } from "./indexer-types.ts";
import { legDelta } from "./leg-delta.ts";

const [A, B, C] = ["a", "b", "c"].map((c) => c.repeat(64)) as [string, string, string];
const leg = (payer: string, payee: string, amount: bigint): PaymentLeg => ({
  txId: "t".repeat(64), leg: 0, height: 1, timestamp: 1000, communityId: "f".repeat(64), payer, payee, amount, ergNanoErg: 0n, memo: null, requestId: null,
});

describe("legDelta", () => {
  it("lowers the payer's balance and raises the payee's by the amount, and leaves others alone", () => {
    expect(legDelta(A, leg(A, B, 30n))).toBe(-30n);
    expect(legDelta(B, leg(A, B, 30n))).toBe(30n);
    expect(legDelta(C, leg(A, B, 30n))).toBe(0n);
  });

  it("turns a co-payer's negative leg the other way round", () => {
    expect(legDelta(A, leg(B, A, -2n))).toBe(-2n);
    expect(legDelta(B, leg(B, A, -2n))).toBe(2n);
  });
});
