/**
 * Issue 14, attacks on the newcomer allowance (contract version 4, the economics family): at join
 * the community issues `allowance` units from its balance; for `newcomerBlocks` after joining a
 * payer may take at most half of each purchase from it; a payee's allowance never moves; nobody's
 * allowance goes up. Each attack edits the builder's payment and is refused by both interpreters
 * next to its accepted twin. The allowance spent beyond what is left was a HOLE (accepted by both
 * interpreters), fixed in 014004e; its tests stay, with what it was worth.
 */
import { describe, expect, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { pay } from "../builders/pay.ts";
import { addBalance, balanceOf, econOut, econSetup, economyOf, economyRegister, setEconomy } from "../testing/economics-attack.ts";
import { refusal } from "../testing/refusal.ts";
import { edit, expectAccepted, expectRejected } from "../testing/tx-edit.ts";
import { applied } from "../testing/line-attack.ts";
import type { Tx } from "../testing/tx-edit.ts";

const NEWCOMER = { newcomerBlocks: 100n, allowance: 40n };

/** `tx` with `units` more of `accountId`'s purchase taken from its allowance (its balance falls that much less). */
function spendMore(tx: Tx, accountId: string, units: bigint): Tx {
  return edit(tx, (d) => {
    const out = econOut(d, accountId);
    setEconomy(out, { allowance: economyOf(out).allowance - units });
    addBalance(out, units);
  });
}

/** `tx` with its payer sending `units` more to `payeeId`, all of them "from the allowance". */
function moreFromAllowance(tx: Tx, payerId: string, payeeId: string, units: bigint): Tx {
  return edit(tx, (d) => {
    const payer = econOut(d, payerId);
    setEconomy(payer, { allowance: economyOf(payer).allowance - units });
    const payee = econOut(d, payeeId);
    addBalance(payee, units);
    setEconomy(payee, { received: economyOf(payee).received + units });
  });
}

describe("the payer's allowance", () => {
  it("refuses more than half of a purchase from the allowance (twin: exactly half)", () => {
    const s = econSetup(NEWCOMER);
    const alice = s.f.account("alice");
    const half = s.payment("alice", [["bob", 50n]]);
    expect(economyOf(econOut(half, alice.accountId)).allowance).toBe(15n);
    expectAccepted(s.w, half, s.signer("alice"));
    expectRejected(s.w, spendMore(half, alice.accountId, 1n), s.signer("alice"));
    // an odd purchase: half of 51 rounds down
    const odd = s.payment("alice", [["bob", 51n]]);
    expectAccepted(s.w, odd, s.signer("alice"));
    expectRejected(s.w, spendMore(odd, alice.accountId, 1n), s.signer("alice"));
  });

  it("refuses a payer raising its own allowance (twin: the allowance kept)", () => {
    const s = econSetup(NEWCOMER);
    const alice = s.f.account("alice");
    const kept = s.payment("alice", [["bob", 50n]], { allowanceUnits: 0n });
    expectAccepted(s.w, kept, s.signer("alice"));
    expectRejected(s.w, spendMore(kept, alice.accountId, -5n), s.signer("alice"));
    expectRejected(s.w, spendMore(kept, alice.accountId, -1n), s.signer("alice"));
  });

  it("refuses the allowance one block after the newcomer window (twin: its last block)", () => {
    const s = econSetup(NEWCOMER);
    const joined = s.f.account("alice").terms.joinedHeight;
    // The transaction is judged at the next block: HEIGHT = tip + 1 = joinedHeight + newcomerBlocks.
    s.w.mine(Number(joined + NEWCOMER.newcomerBlocks) - 1 - s.w.height);
    expectAccepted(s.w, s.payment("alice", [["bob", 20n]], { allowanceUnits: 10n }), s.signer("alice"));
    s.w.mine(1);
    expect(refusal(() => s.payment("alice", [["bob", 20n]], { allowanceUnits: 10n }))).toMatch(/allowanceUnits: at most 0/);
    const kept = s.payment("alice", [["bob", 20n]], { allowanceUnits: 0n });
    expectAccepted(s.w, kept, s.signer("alice"));
    expectRejected(s.w, spendMore(kept, s.f.account("alice").accountId, 10n), s.signer("alice"));
  });

  it("lets a newcomer spend its whole allowance in a purchase down to its floor (twin of the HOLE below: one unit more is refused)", () => {
    const s = econSetup(NEWCOMER);
    const [alice, bob] = [s.f.account("alice"), s.f.account("bob")];
    const whole = s.payment("alice", [["bob", 140n]], { allowanceUnits: 40n });
    expect([balanceOf(econOut(whole, alice.accountId)), economyOf(econOut(whole, alice.accountId)).allowance]).toEqual([-100n, 0n]);
    expectAccepted(s.w, whole, s.signer("alice"));
    const past = edit(whole, (d) => {
      addBalance(econOut(d, alice.accountId), -1n);
      addBalance(econOut(d, bob.accountId), 1n);
      setEconomy(econOut(d, bob.accountId), { received: 141n });
    });
    expectRejected(s.w, past, s.signer("alice"));
  });

  /**
   * Was a HOLE, fixed in 014004e (account.es, payer branch: `next(3) >= 0L`): the payer branch
   * checked `used >= 0 && used * 2 <= sent` and the window but not what was left, so a newcomer
   * could take half of any purchase "from the allowance" and drive it negative: a debt no credit
   * floor checks (the floor reads the balance only), doubling its credit in the window.
   */
  it("refuses a newcomer spending more allowance than it has left (was a HOLE: 70 taken from an allowance of 40)", () => {
    const s = econSetup(NEWCOMER);
    const alice = s.f.account("alice");
    const whole = s.payment("alice", [["bob", 140n]], { allowanceUnits: 40n });
    const beyond = spendMore(whole, alice.accountId, 30n);
    expect(economyOf(econOut(beyond, alice.accountId)).allowance).toBe(-30n);
    expectRejected(s.w, beyond, s.signer("alice"));
  });

  /** Was the same HOLE in a community that issues no allowance: any newcomer could double its credit. */
  it("refuses a newcomer of a community without allowance spending twice its credit (was a HOLE)", () => {
    const s = econSetup({ newcomerBlocks: 100n, allowance: 0n });
    const alice = s.f.account("alice");
    const atFloor = s.payment("alice", [["bob", 100n]]);
    expectAccepted(s.w, atFloor, s.signer("alice"));
    const doubled = moreFromAllowance(atFloor, alice.accountId, s.f.account("bob").accountId, 100n);
    expect(economyOf(econOut(doubled, alice.accountId)).allowance).toBe(-100n);
    expectRejected(s.w, doubled, s.signer("alice"));
  });

  /**
   * What the HOLE was worth: a newcomer and an accomplice minting units. Each round alice
   * (balance 0, credit 100) pays bob 200 taking 100 "from the allowance", and bob pays 100 back;
   * alice is at 0 again and bob 100 richer. Before the fix four rounds put 400 units in bob's
   * account that nobody earned (alice's allowance -340, a debt the community balance takes when
   * she leaves at balance 0 with her collateral). Now the first round is refused.
   */
  it("refuses a newcomer and an accomplice minting units round after round (was a HOLE: bob gained 400 on alice's credit of 100)", () => {
    const s = econSetup(NEWCOMER);
    const [alice, bob] = [s.f.account("alice"), s.f.account("bob")];
    let rounds = 0;
    for (let round = 0; round < 4; round++) {
      // The builder will not build on a negative allowance: it builds on a copy showing 0, and
      // the real box goes back in as the input.
      const real = s.f.account("alice").box as Box<string>;
      const copy = { ...real, additionalRegisters: { ...real.additionalRegisters, R9: economyRegister({ ...economyOf(real), allowance: 0n }) } };
      const shown = { ...copy, boxId: hex.encode(blake2b256(serializeBox(copy).toBytes())) };
      const built = pay({ payer: shown, payees: [{ account: s.f.account("bob").box, amountUnits: 100n }], allowanceUnits: 0n }, { height: s.w.height });
      const honest = edit(built, (d) => {
        d.inputs[0] = { ...real, extension: d.inputs[0]!.extension };
        setEconomy(econOut(d, alice.accountId), { allowance: economyOf(real).allowance });
      });
      if (round === 0) expectAccepted(s.w, honest, s.signer("alice"));
      const spend = moreFromAllowance(honest, alice.accountId, bob.accountId, 100n);
      if (!applied(s.w, spend, s.signer("alice"))) break;
      rounds += 1;
      s.w.submit(s.payment("bob", [["alice", 100n]], { allowanceUnits: 0n }), s.signer("bob"));
    }
    expect(rounds).toBe(0);
    expect(s.f.conservation()).toBe(0n);
    // what alice may put in others' hands: her credit and her allowance
    expect(s.f.account("bob").balance - bob.balance).toBeLessThanOrEqual(alice.terms.creditLimit + NEWCOMER.allowance);
  });
});

describe("a payee's allowance", () => {
  it("refuses a payer spending or raising its payee's allowance (twin: the payee's allowance kept)", () => {
    const s = econSetup(NEWCOMER);
    const bob = s.f.account("bob");
    const tx = s.payment("alice", [["bob", 50n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, spendMore(tx, bob.accountId, 5n), s.signer("alice"));
    expectRejected(s.w, spendMore(tx, bob.accountId, -5n), s.signer("alice"));
    // not even with the payee's own signature: an allowance only pays for the owner's purchases
    expectRejected(s.w, spendMore(tx, bob.accountId, 5n), [s.f.member("alice"), s.f.member("bob")]);
  });
});
