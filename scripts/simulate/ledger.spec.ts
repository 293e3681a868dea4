import { describe, expect, it } from "vitest";
import { Ledger, LedgerError } from "./ledger.ts";

const limits = { creditLimit: 100n, positiveCap: 0n };

function threeMembers(): Ledger {
  const ledger = new Ledger();
  for (const member of [0, 1, 2]) ledger.join(member, -1, limits);
  return ledger;
}

const snapshot = (ledger: Ledger) => JSON.stringify([...ledger.accounts.values(), ledger.communityBalance], (_, v) => (typeof v === "bigint" ? `${v}n` : v));

describe("Ledger", () => {
  it("moves units from payer to payee, keeps the sum at 0 and records the payer's activity", () => {
    const ledger = threeMembers();
    ledger.pay(0, 1, 30n, 5);
    ledger.pay(1, 2, 10n, 6);
    expect([0, 1, 2].map((m) => ledger.open(m).balance)).toEqual([-30n, 20n, 10n]);
    expect(ledger.open(0).lastActiveBlock).toBe(5);
    expect(ledger.open(2).lastActiveBlock).toBe(-1);
    expect(ledger.total()).toBe(0n);
  });

  it("moves a defaulted account's debt to the community balance and lets a member at 0 leave", () => {
    const ledger = threeMembers();
    ledger.pay(0, 1, 30n, 1);
    ledger.pay(1, 2, 30n, 1);
    ledger.default(0, 40);
    ledger.leave(1, 41);
    expect(ledger.communityBalance).toBe(-30n);
    expect(ledger.accounts.get(0)).toMatchObject({ status: "defaulted", balance: -30n, closedBlock: 40 });
    expect(ledger.accounts.get(1)).toMatchObject({ status: "left", closedBlock: 41 });
    expect(ledger.total()).toBe(0n);
  });

  it("undoes every change exactly, newest first", () => {
    const ledger = threeMembers();
    const before = snapshot(ledger);
    const undos = [ledger.pay(0, 1, 30n, 2), ledger.pay(1, 2, 30n, 3), ledger.join(3, 4, limits), ledger.default(0, 5), ledger.leave(1, 6)];
    for (const undo of undos.reverse()) undo();
    expect(snapshot(ledger)).toBe(before);
  });

  it("refuses what the model must never ask: closed payers, self-payments, leaving in debt, defaulting in credit", () => {
    const ledger = threeMembers();
    ledger.pay(0, 1, 5n, 1);
    expect(() => ledger.pay(0, 0, 1n, 1)).toThrow(LedgerError);
    expect(() => ledger.pay(0, 1, 0n, 1)).toThrow(LedgerError);
    expect(() => ledger.leave(0, 2)).toThrow(/leaves at balance -5/);
    expect(() => ledger.default(1, 2)).toThrow(/defaults at balance 5/);
    expect(() => ledger.join(2, 3, limits)).toThrow(/joined already/);
    ledger.pay(1, 0, 5n, 2);
    ledger.leave(0, 3);
    expect(() => ledger.pay(0, 1, 1n, 4)).toThrow(/no open account/);
  });

  it("settles a batch of orders: each moves its units, each payer's nextSeq moves past its orders, activity as the batch contract marks it", () => {
    const ledger = threeMembers();
    ledger.pay(2, 1, 10n, 1);
    expect(ledger.open(2)).toMatchObject({ balance: -10n, nextSeq: 0n, lastActiveBlock: 1 });
    ledger.settle([{ payer: 0, payee: 1, amount: 7n }, { payer: 0, payee: 2, amount: 4n }, { payer: 1, payee: 0, amount: 2n }], 5);
    expect([0, 1, 2].map((m) => ledger.open(m).balance)).toEqual([-9n, 15n, -6n]);
    expect([0, 1, 2].map((m) => ledger.open(m).nextSeq)).toEqual([2n, 1n, 0n]);
    // Payers mark activity; a payee that was negative does too; a positive payee keeps its own.
    expect([0, 1, 2].map((m) => ledger.open(m).lastActiveBlock)).toEqual([5, 5, 5]);
    ledger.settle([{ payer: 0, payee: 1, amount: 1n }], 6);
    expect(ledger.open(1).lastActiveBlock).toBe(5);
    expect(ledger.total()).toBe(0n);
  });

  it("revokes: nextSeq only rises, the owner's spend is activity, the balance stays", () => {
    const ledger = threeMembers();
    ledger.revoke(1, 3n, 4);
    expect(ledger.open(1)).toMatchObject({ balance: 0n, nextSeq: 3n, lastActiveBlock: 4 });
    expect(() => ledger.revoke(1, 3n, 5)).toThrow(/cannot revoke to 3 from 3/);
    expect(() => ledger.settle([], 5)).toThrow(LedgerError);
  });

  it("undoes settlements and revocations exactly, newest first", () => {
    const ledger = threeMembers();
    const before = snapshot(ledger);
    const undos = [ledger.settle([{ payer: 0, payee: 1, amount: 7n }, { payer: 1, payee: 2, amount: 3n }], 2), ledger.revoke(0, 4n, 3), ledger.settle([{ payer: 0, payee: 2, amount: 1n }], 4)];
    for (const undo of undos.reverse()) undo();
    expect(snapshot(ledger)).toBe(before);
  });
});
