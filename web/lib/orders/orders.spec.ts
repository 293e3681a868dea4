import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "$contracts/account/account.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { OwnerCannotSignOrders, verifyOrder, signOrder, orderId } from "$contracts/orders.ts";
import { Fixture } from "$contracts/testing/community-fixture.ts";
import { econPolicy } from "$contracts/testing/policy.ts";
import { batchAccounts } from "./batch-view.ts";
import { nextOrderSeq, OrderBeyondCap, OrderBeyondCredit, OrdersNeedPlainAccount, planOrder, stillWaiting, type KnownOrder } from "./plan.ts";
import { ECONOMICS_NO_ORDERS, explainOrderError, expiryWords } from "./words.ts";

const KCD = { symbol: "KCD", decimals: 2 };
// TEST_POLICY: credit limit 100, positive cap 500 (base units).
let fixture: Fixture;
let alice: Account;
let bob: Account;
let carol: Account;

beforeAll(() => {
  fixture = new Fixture();
  [alice, bob, carol] = (["alice", "bob", "carol"] as const).map((name) => fixture.account(name)) as [Account, Account, Account];
});

const order = (payer: Account, payee: Account, amount: bigint, seq: bigint, fields: Partial<KnownOrder> = {}): KnownOrder => ({
  payer: payer.accountId, payee: payee.accountId, amount, seq, expiry: 2_000n, status: "pending", ...fields,
});
const plan = (fields: { payer?: Account; payee?: Account; orders?: KnownOrder[]; amount?: bigint; height?: number }) =>
  planOrder({ payer: fields.payer ?? alice, payee: fields.payee ?? bob, orders: fields.orders ?? [], amount: fields.amount ?? 10n, height: fields.height ?? 1_000, validityBlocks: 720 });

describe("nextOrderSeq", () => {
  it("is the payer's nextSeq when no order waits, and the first number no waiting order holds", () => {
    expect(nextOrderSeq(3n, [])).toBe(3n);
    expect(nextOrderSeq(3n, [{ seq: 3n }, { seq: 4n }])).toBe(5n);
    // A gap (number 4 expired and left out of the waiting ones) is taken again: 5 could never settle before 4.
    expect(nextOrderSeq(3n, [{ seq: 3n }, { seq: 5n }])).toBe(4n);
  });
});

describe("stillWaiting", () => {
  it("counts pending and submitted orders from the payer's nextSeq that have not expired, and nothing else", () => {
    const o = order(alice, bob, 5n, 2n);
    expect(stillWaiting(o, 2n, 1_000)).toBe(true);
    expect(stillWaiting({ ...o, status: "submitted" }, 2n, 1_000)).toBe(true);
    // A batch in the mempool moved the live nextSeq past it: the live balance already counts it.
    expect(stillWaiting({ ...o, status: "submitted" }, 3n, 1_000)).toBe(false);
    for (const status of ["settled", "void", "expired"] as const) expect(stillWaiting({ ...o, status }, 2n, 1_000)).toBe(false);
    // Expiry is the last height it may settle at: the next block is height + 1.
    expect(stillWaiting({ ...o, expiry: 1_001n }, 2n, 1_000)).toBe(true);
    expect(stillWaiting({ ...o, expiry: 1_000n }, 2n, 1_000)).toBe(false);
  });
});

describe("planOrder", () => {
  it("numbers the order from the payer's nextSeq, expires it validityBlocks after the tip, and signs into an order the contract's check verifies", () => {
    const planned = plan({ amount: 25n });
    expect(planned.order).toEqual({ communityId: fixture.communityId, payer: alice.accountId, payee: bob.accountId, amount: 25n, seq: alice.nextSeq, expiry: 1_720n });
    expect([planned.pendingOut, planned.pendingIn, planned.payerAfter, planned.payeeAfter]).toEqual([0n, 0n, -25n, 25n]);
    const secret = fixture.member("alice").party.key.privateKey as Uint8Array;
    const signed = signOrder(planned.order, secret);
    expect(verifyOrder(signed, alice.owner)).toBe(true);
    expect(verifyOrder(signed, bob.owner)).toBe(false);
    expect(orderId(signed)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("counts the payer's waiting orders before this one, and the payee's waiting income, in both balances and the number", () => {
    const orders = [order(alice, carol, 30n, 0n), order(alice, bob, 20n, 1n), order(carol, bob, 7n, 0n), order(alice, bob, 99n, 2n, { status: "expired" })];
    const planned = plan({ orders, amount: 10n });
    expect(planned.order.seq).toBe(2n);
    expect([planned.pendingOut, planned.pendingIn, planned.payerAfter, planned.payeeAfter]).toEqual([50n, 27n, -60n, 37n]);
  });

  it("refuses past the credit limit once the waiting orders settle, and takes exactly the limit", () => {
    const orders = [order(alice, carol, 60n, 0n)];
    expect(plan({ orders, amount: 40n }).payerAfter).toBe(-100n);
    const refused = (() => {
      try {
        plan({ orders, amount: 41n });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(OrderBeyondCredit);
    expect(explainOrderError(refused, KCD)).toBe(
      "Refused before signing: With your unsettled orders (0.60 KCD), this order would take your balance to -1.01 KCD once settled, past your credit limit of 1.00 KCD: a balance may go down to -1.00 KCD, no further.",
    );
  });

  it("refuses above the payee's positive cap once the orders waiting for it settle, and takes exactly the cap", () => {
    const rich = { ...bob, balance: 450n };
    expect(plan({ payee: rich, orders: [order(carol, bob, 40n, 0n)], amount: 10n }).payeeAfter).toBe(500n);
    expect(() => plan({ payee: rich, orders: [order(carol, bob, 40n, 0n)], amount: 11n })).toThrow(OrderBeyondCap);
    expect(explainOrderError(new OrderBeyondCap(bob.accountId, 500n, 501n, 40n), KCD)).toBe(
      "Refused before signing: With the orders already waiting for them (0.40 KCD), this order would take the payee's balance to 5.01 KCD once settled, above the positive cap of 5.00 KCD.",
    );
  });

  it("refuses paying oneself, nothing, an economics account and an owner that is no single key", () => {
    expect(() => plan({ payee: alice })).toThrow(InvalidIntent);
    expect(() => plan({ amount: 0n })).toThrow(InvalidIntent);
    const econ = new Fixture({ policy: econPolicy() }).account("alice");
    expect(econ.nextSeq).toBeUndefined();
    expect(() => plan({ payer: econ, payee: { ...econ, accountId: bob.accountId } })).toThrow(OrdersNeedPlainAccount);
    expect(explainOrderError(new OrdersNeedPlainAccount(econ.accountId), KCD)).toBe(ECONOMICS_NO_ORDERS);
    const committeeOwned = { ...alice, owner: `10${alice.owner.slice(2)}` };
    expect(() => plan({ payer: committeeOwned })).toThrow(OwnerCannotSignOrders);
  });
});

describe("expiryWords", () => {
  it("says the block and how far off it is", () => {
    expect(expiryWords(1_720n, 1_000)).toBe("block 1720 (in about 24 hours)");
    expect(expiryWords(1_030n, 1_000)).toBe("block 1030 (in about 60 minutes)");
    expect(expiryWords(1_000n, 1_000)).toBe("block 1000 (this is the last block it may settle in)");
    expect(expiryWords(999n, 1_000)).toBe("block 999 (passed)");
    expect(expiryWords(999n, undefined)).toBe("block 999");
  });
});

describe("batchAccounts", () => {
  it("sums each account's paid and received over a batch's legs, nets adding up to 0", () => {
    const rows = batchAccounts([
      { payer: "a", payee: "s", amount: 5n },
      { payer: "a", payee: "s", amount: 7n },
      { payer: "b", payee: "s", amount: 3n },
      { payer: "s", payee: "b", amount: 1n },
    ]);
    expect(rows).toEqual([
      { accountId: "a", paid: 12n, ordersPaid: 2, received: 0n, ordersReceived: 0, net: -12n },
      { accountId: "s", paid: 1n, ordersPaid: 1, received: 15n, ordersReceived: 3, net: 14n },
      { accountId: "b", paid: 3n, ordersPaid: 1, received: 1n, ordersReceived: 1, net: -2n },
    ]);
    expect(rows.reduce((sum, r) => sum + r.net, 0n)).toBe(0n);
  });
});
