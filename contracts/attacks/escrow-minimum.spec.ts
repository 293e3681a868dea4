/**
 * The payee's minimum (contract version 7; docs/escrow.md): after the deadline anyone may claim an
 * order's minimum for the payee. The claim once credited the rest back to the payer's account, so
 * whatever kept that account from taking the credit (gone, or near its positive cap) kept the
 * payee from its minimum (found here); a claim now moves the minimum alone and the escrow keeps the
 * rest as an order without a minimum. Judged by both interpreters.
 */
import { describe, expect, it } from "vitest";
import { settleOrder } from "../builders/escrow-order.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { InvalidIntent } from "../errors.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { edit } from "../testing/tx-edit.ts";
import { accepted, committed, ctxOf, refused, setBalance } from "./escrow-helpers.ts";

describe("an order whose payer's account is gone", () => {
  // Was FOUND here: settling needed the payer's account whenever the payer got anything back, so
  // once the payer's account had left (balance 0 after committing), defaulted or been closed as
  // dormant, nobody could claim the minimum. The claim now leaves the payer's account out.
  // Still so (reported): the remainder, an order without a minimum, goes back to the payer only
  // through the payer's account, so with the account gone only the payer's key can release it
  // (to the payee); the escrow never turns idle, cannot be closed, and its seat waits for that key.
  it("after the payer leaves, anyone claims the minimum for the payee; the remainder needs the payer's key", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const bob = f.member("bob");
    const carol = f.member("carol");
    f.world.submit(pay({ payer: f.account("bob").box, payees: [{ account: f.account("alice").box, amountUnits: 50n }] }, { height: f.world.height }), [bob]);
    committed(f, { max: 50n, minimum: 20n, deadlineIn: 5 });
    expect(f.account("alice").balance).toBe(0n);
    f.world.submit(leave({ community: f.communityBox(), account: f.account("alice").box }, ctxOf(f, alice)), [alice]);
    f.world.mine(10);
    const claim = settleOrder({ escrow: f.escrowBox(), payee: f.account("bob").box, by: "anyone" }, ctxOf(f, carol));
    // one unit more to bob is refused (twin: the claim itself)
    refused(f.world, edit(claim, (d) => setBalance(d, f.account("bob"), f.account("bob").balance + 21n)), [carol]);
    f.world.submit(claim, [carol]);
    expect(f.account("bob").balance).toBe(-30n);
    expect(f.escrowOf().order).toMatchObject({ max: 30n, minimum: 0n });
    // returning the remainder to the payer needs the payer's account
    expect(() => settleOrder({ escrow: f.escrowBox(), by: "anyone" }, ctxOf(f, carol))).toThrow(InvalidIntent);
    const all = settleOrder({ escrow: f.escrowBox(), payee: f.account("bob").box, by: "payer", releasedUnits: 30n }, ctxOf(f, carol));
    refused(f.world, all, [carol]);
    refused(f.world, all, [carol, bob]);
    accepted(f.world, all, [carol, alice]);
    // the remainder dropped on the floor (the escrow idle, nobody credited) is refused
    refused(f.world, edit(all, (d) => setBalance(d, f.account("bob"), f.account("bob").balance)), [carol, alice, bob]);
  });
});

describe("an order whose payer's account is near its positive cap", () => {
  // Was FOUND here: the claim credited the rest to the payer's account, which refuses a credit
  // past its positive cap; a payer kept within `rest` of the cap through the claim window (a
  // friend, or a second account of its own, paying it the difference) blocked every claim, then
  // spent a little after the grace window and settled at 0.
  it("anyone claims the minimum after the deadline even when the payer's account is near its cap", () => {
    const f = new EscrowFixture({ members: ["alice", "bob", "carol", "dave", "erin", "frank", "grace"] });
    committed(f, { max: 50n, minimum: 20n, deadlineIn: 20 });
    // after the commit, alice is paid up to 30 units short of her cap
    for (const name of ["bob", "carol", "dave", "erin", "frank", "grace"]) {
      f.world.submit(pay({ payer: f.account(name).box, payees: [{ account: f.account("alice").box, amountUnits: 840n }] }, { height: f.world.height }), [f.member(name)]);
    }
    // 50 committed, 5,040 received: 4,990, and the rest of 30 would make 5,020 > 5,000
    expect(f.account("alice").balance).toBe(4_990n);
    f.world.mine(20);
    const carol = f.member("carol");
    const claim = settleOrder({ escrow: f.escrowBox(), payee: f.account("bob").box, by: "anyone" }, ctxOf(f, carol));
    accepted(f.world, claim, [carol]);
    // a claim of one unit less is refused
    refused(f.world, edit(claim, (d) => setBalance(d, f.account("bob"), f.account("bob").balance + 19n)), [carol]);
  });
});
