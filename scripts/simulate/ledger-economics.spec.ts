/**
 * The ledger of an economics community, worked by hand: every charge of docs/economics.md at the
 * heights given (allowance, usage fee, demurrage with its carried remainder, the earned limit's
 * steps, sweep, top-up, exits), the invariant after every step, and exact undo.
 */
import { describe, expect, it } from "vitest";
import type { Economics } from "../../contracts/economics.ts";
import { Ledger } from "./ledger.ts";
import { swept, touched } from "./ledger-economics.ts";

/** 10% per 10 blocks, a 1% fee of at least 1, 5 units of limit per 10 blocks up to 200, 10 units of allowance for 100 blocks, sweeps from 2. */
const LEVERS: Economics = {
  demurragePpm: 100_000n, demurragePeriod: 10n, feeBps: 100n, feeMin: 1n, turnoverPpm: 0n, stepUnits: 5n, stepBlocks: 10n,
  maxCreditLimit: 200n, newcomerBlocks: 100n, allowance: 10n, sweepMin: 2n,
};
const limits = { creditLimit: 100n, positiveCap: 0n };
const [A, B] = [0, 1];

function twoMembers(): Ledger {
  const ledger = new Ledger(LEVERS);
  ledger.join(A, -1, limits, 0n);
  ledger.join(B, -1, limits, 0n);
  return ledger;
}

const state = (ledger: Ledger, member: number) => {
  const a = ledger.accounts.get(member)!;
  return { balance: a.balance, creditLimit: a.creditLimit, ...a.econ!.economy };
};

const pay = (ledger: Ledger, payer: number, payee: number, amount: bigint, block: number, height: bigint) => {
  const quote = ledger.quote(payer, payee, amount, height)!;
  return { quote, undo: ledger.pay(payer, payee, amount, block, quote) };
};

const sweepOne = (ledger: Ledger, member: number, height: bigint) => {
  const a = ledger.open(member);
  const side = swept({ balance: a.balance, econ: a.econ! }, LEVERS.sweepMin, height);
  return side && ledger.sweep(member, side);
};

describe("the ledger of an economics community", () => {
  it("issues the allowance at join from the community balance", () => {
    const ledger = twoMembers();
    expect(ledger.communityBalance).toBe(-20n);
    expect(state(ledger, A)).toEqual({ balance: 0n, creditLimit: 100n, accrued: 0n, chargedHeight: 0n, received: 0n, allowance: 10n, carry: 0n });
    expect(ledger.total()).toBe(0n);
  });

  it("charges each payment, sweep and top-up as the contracts do, keeping balances + accrued + allowances + communityBalance at 0", () => {
    const ledger = twoMembers();
    // A pays B 40 at height 0: half may come from the allowance (10 left), the fee is max(1, ceil(0.4)).
    const first = pay(ledger, A, B, 40n, 0, 0n).quote;
    expect([first.payer.allowanceUsed, first.payer.fee, first.payer.demurrage, first.payerLimit]).toEqual([10n, 1n, 0n, 100n]);
    expect(state(ledger, A)).toMatchObject({ balance: -31n, accrued: 1n, allowance: 0n });
    expect(state(ledger, B)).toMatchObject({ balance: 40n, received: 40n, chargedHeight: 0n });
    expect(ledger.total()).toBe(0n);

    // Sweep at height 10: A holds 1 of charges (below the minimum of 2), B owes 4 of demurrage (10% of 40).
    expect(sweepOne(ledger, A, 10n)).toBeUndefined();
    sweepOne(ledger, B, 10n);
    expect(state(ledger, B)).toMatchObject({ balance: 36n, accrued: 0n, chargedHeight: 10n, carry: 0n });
    expect(ledger.communityBalance).toBe(-16n);
    expect(ledger.total()).toBe(0n);

    // B pays A 6 at height 15: 1.8 units of demurrage due, 1 charged and 0.8 carried (in millionths of a period's units).
    const second = pay(ledger, B, A, 6n, 15, 15n).quote;
    expect([second.payer.demurrage, second.payer.fee, second.payer.allowanceUsed, second.payerLimit, second.payee.creditLimit]).toEqual([1n, 1n, 3n, 105n, 105n]);
    expect(state(ledger, B)).toEqual({ balance: 31n, creditLimit: 105n, accrued: 2n, chargedHeight: 15n, received: 40n, allowance: 7n, carry: 8_000_000n });
    expect(state(ledger, A)).toMatchObject({ balance: -25n, received: 6n, creditLimit: 105n });
    expect(ledger.total()).toBe(0n);

    // B tops up at height 25: 31 × 10% + the carried 0.8 = 3.9, 3 charged, 0.9 carried; a top-up is activity.
    const b = ledger.open(B);
    ledger.topUp(B, 25, touched({ balance: b.balance, econ: b.econ! }, 25n));
    expect(state(ledger, B)).toEqual({ balance: 28n, creditLimit: 110n, accrued: 5n, chargedHeight: 25n, received: 40n, allowance: 7n, carry: 9_000_000n });
    expect(ledger.open(B).lastActiveBlock).toBe(25);
    expect(ledger.total()).toBe(0n);
  });

  it("settles a leaver to exactly 0 (fee on top, allowance up to half), then returns its accrued charges and allowance to the community", () => {
    const ledger = twoMembers();
    pay(ledger, A, B, 40n, 0, 0n);
    ledger.clock = () => 0n;
    // 40 held, 10 of allowance: 44 sent, of which 10 from the allowance, and 1 of fee: 40 - 44 - 1 + 10 = 5 > 0; 49 sent: 40 - 49 - 1 + 10 = 0.
    expect(ledger.settleAmount(B, 0)).toBe(49n);
    pay(ledger, B, A, 49n, 0, 0n);
    expect(state(ledger, B)).toMatchObject({ balance: 0n, accrued: 1n, allowance: 0n });
    ledger.leave(B, 1);
    expect(ledger.communityBalance).toBe(-20n + 1n);
    expect(ledger.total()).toBe(0n);
  });

  it("a default leaves the debt less the accrued charges and unused allowance with the community", () => {
    const ledger = twoMembers();
    pay(ledger, A, B, 4n, 0, 0n);
    expect(state(ledger, A)).toMatchObject({ balance: -3n, accrued: 1n, allowance: 8n });
    ledger.default(A, 5);
    expect(ledger.communityBalance).toBe(-20n + (-3n + 1n + 8n));
    expect(ledger.total()).toBe(0n);
  });

  it("undoes payments, sweeps, top-ups, joins and exits exactly", () => {
    const ledger = twoMembers();
    const before = JSON.stringify([...ledger.accounts.values(), ledger.communityBalance], (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    const undos = [pay(ledger, A, B, 40n, 0, 0n).undo, sweepOne(ledger, B, 10n)!, pay(ledger, B, A, 6n, 15, 15n).undo, ledger.join(2, 16, limits, 16n)];
    const b = ledger.open(B);
    undos.push(ledger.topUp(B, 25, touched({ balance: b.balance, econ: b.econ! }, 25n)), ledger.default(A, 30));
    for (const undo of undos.reverse()) undo();
    expect(JSON.stringify([...ledger.accounts.values(), ledger.communityBalance], (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(before);
  });
});
