import { describe, expect, it } from "vitest";
import type { Payment } from "../../server/indexer-types.ts";
import { balanceSeries, counterparties, sortCounterparties } from "./account-history.ts";

const [A, B, C] = ["a", "b", "c"].map((c) => c.repeat(64)) as [string, string, string];
const leg = (txId: string, height: number, payer: string, payee: string, amount: bigint, index = 0): Payment => ({
  txId, leg: index, height, timestamp: height * 1000, communityId: "f".repeat(64), payer, payee, amount,
});

// A pays B 30; B pays C 10; C pays A 5 and B 7 in one transaction; a negative leg: B "pays" A -2 (A's balance falls).
const LEGS = [
  leg("t1", 1, A, B, 30n),
  leg("t2", 2, B, C, 10n),
  leg("t3", 3, C, A, 5n, 0),
  leg("t3", 3, C, B, 7n, 1),
  leg("t4", 4, B, A, -2n),
];

describe("balanceSeries", () => {
  it("gives the balance after each transaction, one point per transaction", () => {
    const legsOf = (id: string) => LEGS.filter((l) => l.payer === id || l.payee === id);
    expect(balanceSeries(A, legsOf(A)).map((p) => [p.txId, p.balance])).toEqual([["t1", -30n], ["t3", -25n], ["t4", -27n]]);
    expect(balanceSeries(B, legsOf(B)).map((p) => [p.txId, p.balance])).toEqual([["t1", 30n], ["t2", 20n], ["t3", 27n], ["t4", 29n]]);
    expect(balanceSeries(C, legsOf(C)).map((p) => [p.txId, p.balance])).toEqual([["t2", 10n], ["t3", -2n]]);
  });

  it("keeps the sum of all balances at zero after every transaction", () => {
    const last = (id: string) => balanceSeries(id, LEGS.filter((l) => l.payer === id || l.payee === id)).at(-1)!.balance;
    expect(last(A) + last(B) + last(C)).toBe(0n);
  });
});

describe("counterparties", () => {
  it("totals each direction per counterparty", () => {
    const rows = sortCounterparties(counterparties(A, LEGS.filter((l) => l.payer === A || l.payee === A)), "net", "asc");
    expect(rows).toEqual([
      { accountId: B, paid: 32n, received: 0n, net: -32n, payments: 2, lastHeight: 4 },
      { accountId: C, paid: 0n, received: 5n, net: 5n, payments: 1, lastHeight: 3 },
    ]);
  });

  it("sorts by any column both ways, ties by account id", () => {
    const rows = counterparties(B, LEGS.filter((l) => l.payer === B || l.payee === B));
    expect(sortCounterparties(rows, "payments", "desc").map((r) => r.accountId)).toEqual([A, C]);
    expect(sortCounterparties(rows, "received", "asc").map((r) => r.received)).toEqual([7n, 32n]);
  });
});
