/**
 * Issue 14, attacks on the earned credit limit (contract version 4): limit = min(maxCreditLimit,
 * creditLimit + floor(received x turnoverPpm / 1e6) + stepUnits x floor((HEIGHT - joined) /
 * stepBlocks)), read by the account contract from its own box at the HEIGHT it is validated at.
 * The floor at exactly the earned limit and one unit past, the cap, Long overflow at the extremes
 * (received at 2^62, stepUnits at maxUnits), and self-payments through a second account, which
 * cost at least what they earn while turnoverPpm <= feeBps x 100. Each attack is refused by both
 * interpreters next to its accepted twin.
 */
import { describe, expect, it } from "vitest";
import { creditLimitAt } from "../builders/pay.ts";
import { maxUnits } from "../builders/policy.ts";
import { RECEIVED_MAX, usageFee } from "../economics.ts";
import { addBalance, econOut, econSetup, economyOf, economyRegister, restate, setEconomy } from "../testing/economics-attack.ts";
import { edit, expectAccepted, expectRejected, type Tx } from "../testing/tx-edit.ts";

/** `tx` with its payer `payerId` sending one unit more to `payeeId` (same fee). */
function oneMore(tx: Tx, payerId: string, payeeId: string): Tx {
  return edit(tx, (d) => {
    addBalance(econOut(d, payerId), -1n);
    const payee = econOut(d, payeeId);
    addBalance(payee, 1n);
    setEconomy(payee, { received: economyOf(payee).received + 1n });
  });
}

describe("the earned floor", () => {
  it("lets a payer reach exactly its limit earned by membership and refuses one unit past (twin: at the floor)", () => {
    const s = econSetup({ feeBps: 100n, feeMin: 1n, stepUnits: 10n, stepBlocks: 50n, maxCreditLimit: 300n });
    const alice = s.f.account("alice");
    s.w.mine(Number(alice.terms.joinedHeight) + 520 - 1 - s.w.height); // HEIGHT = joined + 520: 10 steps
    expect(creditLimitAt(alice, BigInt(s.w.height) + 1n)).toBe(200n);
    const atFloor = s.payment("alice", [["bob", 198n]]); // 198 + a fee of 2
    expectAccepted(s.w, atFloor, s.signer("alice"));
    expectRejected(s.w, oneMore(atFloor, alice.accountId, s.f.account("bob").accountId), s.signer("alice"));
  });

  it("lets a payer reach exactly its limit earned by turnover and refuses one unit past (twin: at the floor)", () => {
    const s = econSetup({ feeBps: 100n, feeMin: 1n, turnoverPpm: 10_000n, maxCreditLimit: 1_000n }, { creditLimit: 300n, positiveCap: 0n });
    s.w.submit(s.payment("bob", [["alice", 290n]]), s.signer("bob"));
    s.w.submit(s.payment("carol", [["alice", 290n]]), s.signer("carol"));
    const alice = s.f.account("alice");
    expect(alice.economy!.received).toBe(580n);
    expect(creditLimitAt(alice, BigInt(s.w.height) + 1n)).toBe(305n);
    const atFloor = s.payment("alice", [["bob", 876n]]); // 580 - 876 - 9 = -305
    expectAccepted(s.w, atFloor, s.signer("alice"));
    expectRejected(s.w, oneMore(atFloor, alice.accountId, s.f.account("bob").accountId), s.signer("alice"));
  });

  it("stops at maxCreditLimit however long the membership (twin: at the cap)", () => {
    const s = econSetup({ stepUnits: 10n, stepBlocks: 1n, maxCreditLimit: 150n });
    s.w.mine(100_000);
    const alice = s.f.account("alice");
    expect(creditLimitAt(alice, BigInt(s.w.height) + 1n)).toBe(150n);
    const atCap = s.payment("alice", [["bob", 150n]]);
    expectAccepted(s.w, atCap, s.signer("alice"));
    expectRejected(s.w, oneMore(atCap, alice.accountId, s.f.account("bob").accountId), s.signer("alice"));
  });
});

describe("Long bounds", () => {
  it("caps stepUnits x steps without overflow when stepUnits is maxUnits (twin: a debt of exactly maxUnits)", () => {
    const units = maxUnits(10n);
    const s = econSetup({ stepUnits: units, stepBlocks: 1n, maxCreditLimit: units }, { positiveCap: 0n });
    s.w.mine(1_000); // 1,000 steps of maxUnits: far past 2^63 if multiplied
    const [alice, bob, carol] = [s.f.account("alice"), s.f.account("bob"), s.f.account("carol")];
    const atFloor = s.payment("alice", [["bob", units - 1n], ["carol", 1n]]);
    expectAccepted(s.w, atFloor, s.signer("alice"));
    expect(economyOf(econOut(atFloor, bob.accountId)).received).toBe(units - 1n);
    expectRejected(s.w, oneMore(atFloor, alice.accountId, carol.accountId), s.signer("alice"));
  });

  it("counts received up to 2^62 and no further (twin: saturated exactly at 2^62)", () => {
    const s = econSetup({ turnoverPpm: 10_000n, feeBps: 100n, maxCreditLimit: 1_000n });
    const bob = s.f.account("bob");
    restate(s.w, bob.box as never, (r) => (r.R9 = economyRegister({ ...bob.economy!, received: RECEIVED_MAX - 5n })));
    const tx = s.payment("alice", [["bob", 10n]]);
    expect(economyOf(econOut(tx, bob.accountId)).received).toBe(RECEIVED_MAX);
    expectAccepted(s.w, tx, s.signer("alice"));
    for (const received of [RECEIVED_MAX + 5n, RECEIVED_MAX - 1n, RECEIVED_MAX - 5n]) {
      expectRejected(s.w, edit(tx, (d) => setEconomy(econOut(d, bob.accountId), { received })), s.signer("alice"));
    }
  });

  it("reads a turnover of 2^62 as maxCreditLimit, without overflow (twin: exactly at that floor)", () => {
    const s = econSetup({ turnoverPpm: 10_000n, feeBps: 100n, maxCreditLimit: 1_000n }, { positiveCap: 0n });
    const alice = s.f.account("alice");
    restate(s.w, alice.box as never, (r) => (r.R9 = economyRegister({ ...alice.economy!, received: RECEIVED_MAX })));
    const rich = s.f.account("alice");
    expect(creditLimitAt(rich, BigInt(s.w.height) + 1n)).toBe(1_000n);
    const atFloor = s.payment("alice", [["bob", 990n]]); // a fee of 10
    expectAccepted(s.w, atFloor, s.signer("alice"));
    expectRejected(s.w, oneMore(atFloor, alice.accountId, s.f.account("bob").accountId), s.signer("alice"));
  });
});

describe("self-payments through a second account", () => {
  it("cost at least the limit they earn when turnoverPpm = feeBps x 100: the pair's balances + limits never grow", () => {
    // alice and bob are one person; the usage fee is 1% and so is the turnover share.
    const s = econSetup({ feeBps: 100n, feeMin: 0n, turnoverPpm: 10_000n, maxCreditLimit: 10_000n });
    const headroom = (name: string) => {
      const a = s.f.account(name);
      return a.balance + creditLimitAt(a, BigInt(s.w.height) + 1n);
    };
    const pair = () => headroom("alice") + headroom("bob");
    const start = pair();
    let [payer, payee] = ["alice", "bob"];
    for (let i = 0; i < 8; i++) {
      let amount = headroom(payer); // the most it can send with its fee
      while (amount + usageFee(s.f.account(payer).terms.economics!, amount) > headroom(payer)) amount -= 1n;
      s.w.submit(s.payment(payer, [[payee, amount]]), s.signer(payer));
      [payer, payee] = [payee, payer];
    }
    const [alice, bob] = [s.f.account("alice"), s.f.account("bob")];
    expect(alice.economy!.received + bob.economy!.received).toBeGreaterThan(500n);
    const earned = creditLimitAt(alice, BigInt(s.w.height) + 1n) + creditLimitAt(bob, BigInt(s.w.height) + 1n) - 200n;
    const fees = alice.economy!.accrued + bob.economy!.accrued;
    expect(earned).toBeGreaterThan(0n);
    expect(fees).toBeGreaterThanOrEqual(earned);
    expect(pair()).toBeLessThanOrEqual(start);
  });
});
