import { describe, expect, it } from "vitest";
import type { Order } from "../orders/types.ts";
import { ordersTableQuery, revocableOrders } from "./account-orders.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);
const order = (payer: string, payee: string, amount: bigint, seq: bigint, status: Order["status"]): Order => ({
  orderId: `${seq}`.padStart(64, "0"), communityId: "f".repeat(64), payer, payee, amount, seq, expiry: 100n,
  signature: { commitment: `02${"1".repeat(64)}`, response: "1" }, status, txId: null, height: null, reason: null, receivedAt: 0,
});

describe("revocableOrders", () => {
  it("counts the pending orders the account signed, and revokes past the highest number among them", () => {
    const r = revocableOrders(A, [order(A, B, 5n, 3n, "submitted"), order(A, C, 7n, 4n, "pending"), order(A, B, 1n, 5n, "pending"), order(B, A, 20n, 0n, "pending")]);
    expect(r).toEqual({ count: 2, total: 8n, revokeTo: 6n });
  });

  it("has nothing to revoke when only a batch in the mempool carries its orders, or none wait", () => {
    expect(revocableOrders(A, [order(A, B, 5n, 3n, "submitted"), order(B, A, 2n, 0n, "pending")])).toEqual({ count: 0, total: 0n, revokeTo: null });
    expect(revocableOrders(A, [])).toEqual({ count: 0, total: 0n, revokeTo: null });
  });
});

describe("ordersTableQuery", () => {
  it("reads the status filter and paging from the URL, all statuses by default", () => {
    expect(ordersTableQuery(new URL("http://x/p"))).toEqual({ status: undefined, limit: 25, offset: 0 });
    expect(ordersTableQuery(new URL("http://x/p?ordStatus=settled&ordLimit=50&ordOffset=50"))).toEqual({ status: "settled", limit: 50, offset: 50 });
    expect(() => ordersTableQuery(new URL("http://x/p?ordStatus=lost"))).toThrow();
  });
});
