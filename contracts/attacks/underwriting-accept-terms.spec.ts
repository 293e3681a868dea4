/**
 * Attacks on the acceptance of an underwriting offer (contract version 8, docs/underwriting.md):
 * the account's terms after it and the premium (the price, the cap and the token: underwriting-accept.spec.ts). Each
 * attack is refused by both interpreters beside its twin, accepted, that differs in one field.
 */
import { describe, expect, it } from "vitest";
import { accountTermsConstant } from "../account/account.ts";
import { bytesConstant, longConstant, longsConstant, readLongsAny } from "../registers.ts";
import { termsAfterAccept } from "../underwriting/underwriting.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { accountOut, edit, rebalance, setRegister } from "../testing/tx-edit.ts";
import { accepted, acceptTx, asInput, ERG, handAccept, lookAlike, refused } from "./underwriting-helpers.ts";

describe("the terms after an acceptance", () => {
  const fields = [
    ["creditLimit one more", (t: bigint[]) => { t[0]! += 1n; }],
    ["positiveCap raised", (t: bigint[]) => { t[1]! += 1n; }],
    ["collateral 0", (t: bigint[]) => { t[2] = 0n; }],
    ["inactivity 1", (t: bigint[]) => { t[3] = 1n; }],
    ["joinedHeight moved", (t: bigint[]) => { t[4]! -= 1n; }],
    ["backed one less", (t: bigint[]) => { t[5]! -= 1n; }],
    ["entry's lo changed", (t: bigint[]) => { t[7]! ^= 1n; }],
    ["an extra entry", (t: bigint[]) => { t.push(1n, 2n); }],
  ] as const;
  it.each(fields)("refuses the successor's terms with %s (twin: the honest terms)", (_name, change) => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const offer = f.offer("alice", 100n, 5n * ERG);
    const tx = acceptTx(f, "alice", offer);
    accepted(f.world, tx, [alice]);
    const account = f.account("alice");
    const honest = termsAfterAccept(account.terms, offer.boxId, 100n);
    const longs = [honest.creditLimit, honest.positiveCap, honest.collateralNanoErg, honest.inactivityBlocks, honest.joinedHeight, 100n];
    const all = [...longs, ...readLongsAny("R6", accountOut(tx, account.accountId).additionalRegisters.R6).slice(6)];
    expect(accountTermsConstant(honest)).toBe(longsConstant(all)); // the honest terms, as the builder wrote them
    change(all);
    refused(f.world, edit(tx, (d) => setRegister(accountOut(d, account.accountId), "R6", longsConstant(all))), [alice]);
  });

  it("refuses a balance changed by an acceptance without a premium (twin: unchanged)", () => {
    const f = new UnderwritingFixture();
    f.pay("bob", "alice", 50n);
    const alice = f.member("alice");
    const tx = acceptTx(f, "alice", f.offer("alice", 100n, 5n * ERG));
    accepted(f.world, tx, [alice]);
    const id = f.account("alice").accountId;
    refused(f.world, edit(tx, (d) => setRegister(accountOut(d, id), "R5", longConstant(40n))), [alice]);
    refused(f.world, edit(tx, (d) => setRegister(accountOut(d, id), "R5", longConstant(60n))), [alice]);
  });
});

describe("the premium", () => {
  it("refuses a premium not paid, paid to another account, or paid twice over (twin: paid once to the offer's account)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const offer = f.offer("alice", 50n, 5n * ERG, { by: f.member("bob"), premium: 7n, premiumTo: "bob" });
    const tx = acceptTx(f, "alice", offer, "bob");
    accepted(f.world, tx, [alice]);
    const aliceId = f.account("alice").accountId;
    const bobId = f.account("bob").accountId;
    // alice keeps the premium and bob is not paid
    refused(f.world, edit(tx, (d) => {
      setRegister(accountOut(d, aliceId), "R5", longConstant(0n));
      setRegister(accountOut(d, bobId), "R5", longConstant(0n));
    }), [alice]);
    // bob is paid 14 (twice), alice pays 14
    refused(f.world, edit(tx, (d) => {
      setRegister(accountOut(d, aliceId), "R5", longConstant(-14n));
      setRegister(accountOut(d, bobId), "R5", longConstant(14n));
    }), [alice]);
    // carol is paid instead of bob
    const carol = f.account("carol");
    refused(f.world, edit(tx, (d) => {
      const bobOut = accountOut(d, bobId);
      bobOut.additionalRegisters = { ...bobOut.additionalRegisters, R7: bytesConstant(carol.accountId), R4: carol.owner };
      d.inputs[2] = asInput(f.world.box(carol.boxId));
      rebalance(d, alice.ergoTree);
    }), [alice]);
  });

  it("refuses a premium paid to the backed account itself (twin: to bob)", () => {
    const f = new UnderwritingFixture();
    const id = f.account("alice").accountId;
    const toBob = lookAlike(f, { accountId: id, by: f.uma, raise: 50n, premium: 7n, premiumAccountId: f.account("bob").accountId });
    const toSelf = lookAlike(f, { accountId: id, by: f.uma, raise: 50n, premium: 7n, premiumAccountId: id });
    // with the premium "paid" to herself alice's balance stays: one account in, one out
    const self = handAccept(f, toSelf, "alice", { balance: 0n });
    refused(f.world, self.tx, [self.signer]);
    const selfPaid = handAccept(f, toSelf, "alice");
    refused(f.world, selfPaid.tx, [selfPaid.signer]);
    // the twin needs bob's account in the transaction: the builder's acceptance
    const ok = acceptTx(f, "alice", f.decode(toBob), "bob");
    accepted(f.world, ok, [f.member("alice")]);
  });
});
