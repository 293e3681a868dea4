import { describe, it } from "vitest";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import type { Account } from "../account/account.ts";
import { pay } from "../builders/pay.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { TEST_POLICY, testPolicy } from "../testing/policy.ts";
import { accountOut, edit, expectAccepted, expectRejected, feeOut, moveErg, removeRegister } from "../testing/tx-edit.ts";

function setup(policy = TEST_POLICY) {
  const f = new Fixture({ policy });
  const [alice, bob, carol] = ["alice", "bob", "carol"].map((n) => f.account(n)) as [Account, Account, Account];
  const payer = [f.member("alice")];
  const payment = (amount: bigint) =>
    pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: amount }] }, { height: f.world.height });
  return { f, w: f.world, alice, bob, carol, payer, payment };
}

const terms = (a: Account, change: Partial<Account["terms"]>) => {
  const t = { ...a.terms, ...change };
  return longsConstant([t.creditLimit, t.positiveCap, t.collateralNanoErg, t.inactivityBlocks, t.joinedHeight]);
};

describe("limit attacks", () => {
  it("refuses one unit past the credit floor (twin: exactly at the floor)", () => {
    const s = setup();
    const atFloor = s.payment(100n);
    expectAccepted(s.w, atFloor, s.payer);
    const past = edit(atFloor, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(-101n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(101n);
    });
    expectRejected(s.w, past, s.payer);
  });

  it("refuses one unit past the positive cap (twin: exactly at the cap)", () => {
    const s = setup(testPolicy({ positiveCap: 50n }));
    const atCap = s.payment(50n);
    expectAccepted(s.w, atCap, s.payer);
    const past = edit(atCap, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(-51n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(51n);
    });
    expectRejected(s.w, past, s.payer);
  });

  it("refuses an owner raising its own credit limit or cap (twin: terms kept)", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, tx, s.payer);
    expectRejected(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R6 = terms(s.alice, { creditLimit: 1000n }))), s.payer);
    expectRejected(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R6 = terms(s.alice, { positiveCap: 0n }))), s.payer);
    expectRejected(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R6 = terms(s.alice, { collateralNanoErg: 0n }))), s.payer);
    expectRejected(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R6 = terms(s.alice, { inactivityBlocks: 0n }))), s.payer);
  });
});

describe("identity attacks", () => {
  it("refuses a successor without the token, with two units, or with a foreign token (twin: one unit)", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, tx, s.payer);
    expectRejected(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).assets = [])), s.payer);
    const two = edit(tx, (d) => {
      accountOut(d, s.alice.accountId).assets = [{ tokenId: s.f.communityId, amount: "2" }];
      accountOut(d, s.bob.accountId).assets = [];
    });
    expectRejected(s.w, two, s.payer);
  });

  it("refuses a foreign token added to a payee's account (twin: the token stays in the change)", () => {
    const s = setup();
    const outsider = s.w.member("outsider");
    const tokenId = "f0".repeat(32);
    const box = mockUTxO({ ergoTree: outsider.ergoTree, value: 1_000_000_000n, creationHeight: s.w.height, assets: [{ tokenId, amount: 5n }] });
    const tokenBox = s.w.add({ ...box, value: box.value.toString(), assets: [{ tokenId, amount: "5" }] });
    const wallet = { utxos: [tokenBox], changeAddress: s.w.wallet(outsider).changeAddress };
    const tx = pay({ payer: s.alice.box, payees: [{ account: s.bob.box, amountUnits: 10n }] }, { height: s.w.height, wallet });
    const signers = [s.f.member("alice"), outsider];
    expectAccepted(s.w, tx, signers);
    const change = (d: typeof tx) => d.outputs.find((o) => o.assets.some((a) => a.tokenId === tokenId))!;
    const foreign = edit(tx, (d) => {
      change(d).assets = change(d).assets.filter((a) => a.tokenId !== tokenId);
      accountOut(d, s.bob.accountId).assets.push({ tokenId, amount: "5" });
    });
    expectRejected(s.w, foreign, signers);
  });

  it("refuses moving the unit to a fresh box at balance 0, leaving the debt behind (twin: same box)", () => {
    const s = setup();
    s.w.submit(s.payment(30n), s.payer);
    const alice = s.f.account("alice");
    const bob = s.f.account("bob");
    const keep = pay({ payer: bob.box, payees: [{ account: alice.box, amountUnits: 1n }] }, { height: s.w.height });
    const bobSigns = [s.f.member("bob")];
    expectAccepted(s.w, keep, bobSigns);
    const fresh = edit(keep, (d) => {
      const out = accountOut(d, alice.accountId);
      out.additionalRegisters.R7 = bytesConstant("ee".repeat(32));
      out.additionalRegisters.R5 = longConstant(0n);
      accountOut(d, bob.accountId).additionalRegisters.R5 = longConstant(-1n);
    });
    expectRejected(s.w, fresh, [s.f.member("alice"), s.f.member("bob")]);
  });

  it("refuses a changed owner, accountId or script, an order sequence lowered, dropped or not a Long, or a duplicated accountId (twin: unchanged)", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, tx, s.payer);
    const out = (d: typeof tx) => accountOut(d, s.alice.accountId);
    expectRejected(s.w, edit(tx, (d) => (out(d).additionalRegisters.R4 = s.f.member("bob").owner)), s.payer);
    expectRejected(s.w, edit(tx, (d) => (out(d).additionalRegisters.R7 = bytesConstant("00".repeat(32)))), s.payer);
    expectRejected(s.w, edit(tx, (d) => (out(d).ergoTree = s.f.member("alice").ergoTree)), s.payer);
    // R9 is the order sequence (version 5, docs/batches.md), 0 since the join: never lowered.
    expectRejected(s.w, edit(tx, (d) => (out(d).additionalRegisters.R9 = longConstant(-1n))), s.payer);
    expectRejected(s.w, edit(tx, (d) => removeRegister(out(d), "R9")), s.payer);
    expectRejected(s.w, edit(tx, (d) => (out(d).additionalRegisters.R9 = bytesConstant("00"))), s.payer);
    const duplicate = edit(tx, (d) => {
      const bobOut = accountOut(d, s.bob.accountId);
      bobOut.additionalRegisters.R7 = out(d).additionalRegisters.R7!;
    });
    expectRejected(s.w, duplicate, s.payer);
  });
});

describe("order sequence (version 5)", () => {
  // The twin of the lowered sequence (identity attacks) and of the payee's raised one (authorisation attacks).
  it("lets the owner raise its order sequence in its own signed spend, revoking its unsettled orders", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R9 = longConstant(1n))), s.payer);
    expectAccepted(s.w, edit(tx, (d) => (accountOut(d, s.alice.accountId).additionalRegisters.R9 = longConstant(1_000_000n))), s.payer);
  });
});

describe("authorisation attacks", () => {
  it("refuses a debit without the payer's signature (twin: signed)", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, tx, s.payer);
    expectRejected(s.w, tx, [s.f.member("bob")]);
    expectRejected(s.w, tx, []);
  });

  it("refuses a payer rewriting the payee's box (twin: only the balance rises)", () => {
    const s = setup();
    const tx = s.payment(10n);
    expectAccepted(s.w, tx, s.payer);
    const bobOut = (d: typeof tx) => accountOut(d, s.bob.accountId);
    expectRejected(s.w, edit(tx, (d) => moveErg(bobOut(d), feeOut(d), 1n)), s.payer);
    expectRejected(s.w, edit(tx, (d) => (bobOut(d).additionalRegisters.R4 = s.f.member("alice").owner)), s.payer);
    expectRejected(s.w, edit(tx, (d) => (bobOut(d).creationHeight = s.w.height - 10_000)), s.payer);
    expectRejected(s.w, edit(tx, (d) => (bobOut(d).additionalRegisters.R9 = bytesConstant("00"))), s.payer);
    // Raising the payee's order sequence would void the orders it signed: only its owner may.
    expectRejected(s.w, edit(tx, (d) => (bobOut(d).additionalRegisters.R9 = longConstant(1n))), s.payer);
    expectRejected(s.w, edit(tx, (d) => (bobOut(d).additionalRegisters.R8 = longConstant(BigInt(s.w.height)))), s.payer);
  });

  it("lets the payer pay the fee from its account only down to collateral + minimum (twin: just above)", () => {
    const s = setup();
    const floor = s.alice.terms.collateralNanoErg + 1_000_000n;
    const spare = BigInt(s.alice.box.value) - floor;
    const tx = s.payment(10n);
    const fee = BigInt(feeOut(tx).value);
    const drainAll = edit(tx, (d) => moveErg(accountOut(d, s.alice.accountId), feeOut(d), spare - fee));
    expectAccepted(s.w, drainAll, s.payer);
    expectRejected(s.w, edit(drainAll, (d) => moveErg(accountOut(d, s.alice.accountId), feeOut(d), 1n)), s.payer);
  });
});
