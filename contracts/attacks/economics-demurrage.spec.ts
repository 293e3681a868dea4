/**
 * Issue 14, attacks on demurrage (contract version 4, the economics family): every touch of an
 * account charges, exactly, the demurrage on its positive balance from its chargedHeight to a new
 * one in [HEIGHT - 720, HEIGHT], never earlier than the old, with the part of a unit not yet due
 * carried. A member skipping it by back-dating, a forged carry, a due understated or overstated,
 * blocks charged twice: each edit of the builder's payment is refused by both interpreters next to
 * its accepted twin. Transactions are judged at HEIGHT = tip + 1.
 */
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { demurrageDue } from "../economics.ts";
import { maxUnits } from "../builders/policy.ts";
import { DORMANT_BLOCKS, MAX_AGE_BLOCKS } from "../scripts.ts";
import { charge, chargeUpTo, econOut, econSetup, economyOf, setEconomy } from "../testing/economics-attack.ts";
import { edit, expectAccepted, expectRejected } from "../testing/tx-edit.ts";

/** 1% per 100 blocks, a usage fee of 1% (at least 1); credit 300 so that alice can pay bob 200. */
const LEVERS = { demurragePpm: 10_000n, demurragePeriod: 100n, feeBps: 100n, feeMin: 1n };

/** bob holds 200 for 1,000 blocks, then pays carol 10: about 20 units of demurrage are due. */
function idleBob(blocks = 1_000) {
  const s = econSetup(LEVERS, { creditLimit: 300n });
  s.w.submit(s.payment("alice", [["bob", 200n]]), s.signer("alice"));
  s.w.mine(blocks);
  const bob = s.f.account("bob");
  const tx = s.payment("bob", [["carol", 10n]]);
  const next = BigInt(s.w.height) + 1n; // the HEIGHT the transaction is judged at
  return { ...s, bob, tx, next, signers: s.signer("bob") };
}

const dueFor = (a: Account, to: bigint) => demurrageDue(a.terms.economics!, a.balance, a.economy!.carry, a.economy!.chargedHeight, to);

describe("the payer's demurrage", () => {
  it("refuses a due understated or overstated by one unit (twin: the builder's, exactly the formula)", () => {
    const s = idleBob();
    const out = econOut(s.tx, s.bob.accountId);
    const due = dueFor(s.bob, economyOf(out).chargedHeight).due;
    expect(due).toBe(20n);
    expect(economyOf(out)).toMatchObject({ accrued: due + 1n, chargedHeight: BigInt(s.w.height) });
    expectAccepted(s.w, s.tx, s.signers);
    expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), -1n)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), 1n)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), -due)), s.signers);
  });

  it("refuses chargedHeight left where it was, nothing charged (twin: charged up to the tip)", () => {
    const s = idleBob();
    const kept = edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, s.bob.economy!.chargedHeight));
    expect(economyOf(econOut(kept, s.bob.accountId)).accrued).toBe(1n); // the fee only
    expectRejected(s.w, kept, s.signers);
    expectAccepted(s.w, s.tx, s.signers);
  });

  it("refuses chargedHeight one block older than HEIGHT - 720 (twin: exactly HEIGHT - 720, with its smaller due)", () => {
    const s = idleBob();
    const recent = s.next - BigInt(MAX_AGE_BLOCKS);
    const oldest = edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, recent));
    expect(dueFor(s.bob, recent).due).toBeLessThan(dueFor(s.bob, BigInt(s.w.height)).due);
    expectAccepted(s.w, oldest, s.signers);
    expectRejected(s.w, edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, recent - 1n)), s.signers);
  });

  it("refuses chargedHeight in the future (twin: HEIGHT itself)", () => {
    const s = idleBob();
    expectAccepted(s.w, edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, s.next)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, s.next + 1n)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, s.next + 100_000n)), s.signers);
  });

  it("refuses chargedHeight moved back below the recorded one, even within the last 720 blocks (twin: kept)", () => {
    const s = idleBob();
    s.w.submit(s.tx, s.signers);
    s.w.mine(10);
    const bob = s.f.account("bob");
    const charged = bob.economy!.chargedHeight;
    const again = s.payment("bob", [["carol", 10n]]);
    const kept = edit(again, (d) => chargeUpTo(econOut(d, bob.accountId), bob, charged));
    expectAccepted(s.w, kept, s.signers);
    // one block back: the carry says nothing is owed for it, so the formula itself would give 0
    const back = edit(kept, (d) => setEconomy(econOut(d, bob.accountId), { chargedHeight: charged - 1n }));
    expectRejected(s.w, back, s.signers);
  });

  it("refuses blocks charged twice: a second touch charging again from the height the first one charged from (twin: from where it stopped)", () => {
    const s = idleBob();
    const first = s.bob.economy!.chargedHeight;
    s.w.submit(s.tx, s.signers);
    s.w.mine(100);
    const bob = s.f.account("bob");
    const second = s.payment("bob", [["carol", 10n]]);
    expectAccepted(s.w, second, s.signers);
    // the 1,000 idle blocks again, on the balance bob holds now
    const terms = bob.terms.economics!;
    const twice = demurrageDue(terms, bob.balance, 0n, first, bob.economy!.chargedHeight).due;
    expect(twice).toBeGreaterThan(0n);
    expectRejected(s.w, edit(second, (d) => charge(econOut(d, bob.accountId), twice)), s.signers);
  });
});

describe("the carry", () => {
  it("refuses a forged carry: one more, a whole unit moved into it, or below 0 (twin: the exact remainder)", () => {
    const s = idleBob();
    const out = economyOf(econOut(s.tx, s.bob.accountId));
    const scale = s.bob.terms.economics!.demurragePeriod * 1_000_000n;
    expect(out.carry).toBeGreaterThan(0n);
    expect(out.carry).toBeLessThan(scale);
    expectAccepted(s.w, s.tx, s.signers);
    const carry = (c: bigint, units = 0n) =>
      edit(s.tx, (d) => {
        setEconomy(econOut(d, s.bob.accountId), { carry: c });
        charge(econOut(d, s.bob.accountId), units);
      });
    expectRejected(s.w, carry(out.carry + 1n), s.signers);
    expectRejected(s.w, carry(out.carry - 1n), s.signers);
    expectRejected(s.w, carry(out.carry + scale, -1n), s.signers); // due * scale + carry still equals owed
    expectRejected(s.w, carry(out.carry - scale, 1n), s.signers);
    expectRejected(s.w, carry(0n), s.signers);
  });

  it("refuses a carry kept or written when nothing is held (twin: 0 on a negative balance)", () => {
    const s = idleBob();
    s.w.submit(s.tx, s.signers);
    const alice = s.f.account("alice");
    expect(alice.balance).toBeLessThan(0n);
    const tx = s.payment("alice", [["carol", 5n]]);
    expect(economyOf(econOut(tx, alice.accountId)).carry).toBe(0n);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => setEconomy(econOut(d, alice.accountId), { carry: 1n })), s.signer("alice"));
  });
});

describe("the limits of the charge", () => {
  it("takes the whole positive balance after a long idle period, no more and no less (twin: due = held)", () => {
    const s = idleBob(20_000); // 20,000 blocks at 1% per 100: twice the balance is owed
    const out = econOut(s.tx, s.bob.accountId);
    expect(economyOf(out)).toMatchObject({ accrued: 200n + 1n, carry: 0n });
    expectAccepted(s.w, s.tx, s.signers);
    const scale = s.bob.terms.economics!.demurragePeriod * 1_000_000n;
    expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), -1n)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => {
      charge(econOut(d, s.bob.accountId), -1n);
      setEconomy(econOut(d, s.bob.accountId), { carry: scale - 1n });
    }), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), 1n)), s.signers);
  });

  it("refuses the whole balance claimed when less is owed (twin: the exact due)", () => {
    const s = idleBob();
    expectAccepted(s.w, s.tx, s.signers);
    const whole = edit(s.tx, (d) => {
      const out = econOut(d, s.bob.accountId);
      charge(out, s.bob.balance - dueFor(s.bob, economyOf(out).chargedHeight).due);
      setEconomy(out, { carry: 0n });
    });
    expect(economyOf(econOut(whole, s.bob.accountId)).accrued).toBe(200n + 1n);
    expectRejected(s.w, whole, s.signers);
  });

  it("refuses demurrage charged on a negative balance (twin: none)", () => {
    const s = idleBob();
    s.w.submit(s.tx, s.signers);
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["carol", 5n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), 1n)), s.signer("alice"));
  });

  it("charges a balance of maxUnits at the highest rate in 256-bit arithmetic, exactly (twin: the builder's; one unit off refused)", () => {
    const units = maxUnits(10n);
    const levers = { demurragePpm: 1_000_000n, demurragePeriod: BigInt(DORMANT_BLOCKS), maxCreditLimit: units };
    const s = econSetup(levers, { creditLimit: units, positiveCap: 0n });
    s.w.submit(s.payment("alice", [["bob", units]]), s.signer("alice"));
    s.w.mine(1_000);
    const bob = s.f.account("bob");
    const tx = s.payment("bob", [["carol", 1n]]);
    const due = economyOf(econOut(tx, bob.accountId)).accrued;
    // held x ppm x blocks is about 4.6e26, far past Long; the due itself fits
    expect(due).toBe(dueFor(bob, economyOf(econOut(tx, bob.accountId)).chargedHeight).due);
    expect(due).toBeGreaterThan(1n << 40n);
    expectAccepted(s.w, tx, s.signer("bob"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, bob.accountId), 1n)), s.signer("bob"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, bob.accountId), -1n)), s.signer("bob"));
  });
});
