import { describe, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import { pay } from "../builders/pay.ts";
import { accountRegisters, type Account } from "../account/account.ts";
import { longConstant } from "../registers.ts";
import { ACCOUNT_ERGO_TREE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { accountOut, edit, expectAccepted, expectRejected } from "../testing/tx-edit.ts";
import { LONG_MAX, LONG_MIN } from "../long.ts";

function setup() {
  const f = new Fixture({ policy: testPolicy({ positiveCap: 0n }) });
  const [alice, bob, carol] = ["alice", "bob", "carol"].map((n) => f.account(n)) as [Account, Account, Account];
  const outsider = f.world.member("outsider");
  return { f, w: f.world, alice, bob, carol, outsider };
}

/** alice pays bob `amount`; the fee comes from the outsider's wallet, so account ERG is untouched. */
function walletFundedPay(s: ReturnType<typeof setup>, amount: bigint, extra: Account[] = []) {
  return pay(
    { payer: s.alice.box, payees: [{ account: s.bob.box, amountUnits: amount }, ...extra.map((a) => ({ account: a.box, amountUnits: 1n }))] },
    { height: s.w.height, wallet: s.w.wallet(s.outsider) },
  );
}

/** A box with the account script and account registers but `assets` of the caller's choosing. */
function lookAlike(s: ReturnType<typeof setup>, assets: Box<string>["assets"]): Box<string> {
  const registers = accountRegisters({
    owner: s.outsider.owner,
    balance: 0n,
    terms: s.alice.terms,
    accountId: "ab".repeat(32),
    lastActiveHeight: BigInt(s.w.height),
  });
  const box = mockUTxO({ ergoTree: ACCOUNT_ERGO_TREE, value: 200_000_000n, creationHeight: s.w.height, additionalRegisters: registers });
  return s.w.add({ ...box, value: box.value.toString(), assets });
}

describe("minting attacks", () => {
  it("refuses a payee gaining more than the payer loses (twin: equal amounts)", () => {
    const s = setup();
    const tx = walletFundedPay(s, 20n);
    expectAccepted(s.w, tx, [s.f.member("alice"), s.outsider]);
    const more = edit(tx, (d) => (accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(21n)));
    expectRejected(s.w, more, [s.f.member("alice"), s.outsider]);
  });

  it("refuses two balances rising with no signature (twin: one falls, its owner signs)", () => {
    const s = setup();
    const twin = walletFundedPay(s, 5n);
    expectAccepted(s.w, twin, [s.f.member("alice"), s.outsider]);
    const bothRise = edit(twin, (d) => {
      const a = accountOut(d, s.alice.accountId);
      a.additionalRegisters.R5 = longConstant(5n);
      a.additionalRegisters.R8 = longConstant(s.alice.lastActiveHeight);
    });
    expectRejected(s.w, bothRise, [s.outsider]);
  });

  it("refuses re-spending an account unchanged without its owner, so griefing costs credit (twin: owner signs)", () => {
    const s = setup();
    const unchanged = edit(walletFundedPay(s, 1n), (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(0n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(0n);
    });
    expectAccepted(s.w, unchanged, [s.f.member("alice"), s.f.member("bob"), s.outsider]);
    expectRejected(s.w, unchanged, [s.f.member("alice"), s.outsider]);
    expectRejected(s.w, unchanged, [s.outsider]);
  });

  it("refuses two account inputs claiming one output (twin: one output each)", () => {
    const s = setup();
    const tx = walletFundedPay(s, 20n);
    const signers = [s.f.member("alice"), s.outsider];
    expectAccepted(s.w, tx, signers);
    const merged = edit(tx, (d) => {
      const bobOut = accountOut(d, s.bob.accountId);
      const aliceOut = accountOut(d, s.alice.accountId);
      aliceOut.additionalRegisters.R5 = longConstant(0n);
      aliceOut.value = (BigInt(aliceOut.value) + BigInt(bobOut.value)).toString();
      aliceOut.assets = [{ tokenId: s.f.communityId, amount: "2" }];
      d.outputs.splice(d.outputs.indexOf(bobOut), 1);
    });
    expectRejected(s.w, merged, signers);
  });

  it("refuses a look-alike without the token as counterparty (twin: a genuine account)", () => {
    const s = setup();
    const fake = lookAlike(s, []);
    const signers = [s.f.member("alice"), s.outsider];
    expectAccepted(s.w, walletFundedPay(s, 20n), signers);
    const viaFake = edit(walletFundedPay(s, 20n), (d) => {
      d.inputs[1] = { ...fake, extension: {} };
      const out = accountOut(d, s.bob.accountId);
      out.assets = [];
      out.additionalRegisters = { ...fake.additionalRegisters, R5: longConstant(20n) };
      out.value = fake.value;
    });
    // bob's unit is no longer spent, so also move bob's value difference to the change output.
    const change = viaFake.outputs[viaFake.outputs.length - 1]!;
    change.value = (BigInt(change.value) + BigInt(s.bob.box.value) - BigInt(fake.value)).toString();
    expectRejected(s.w, viaFake, signers);
  });

  it("refuses a look-alike holding a fake community's token (twin: a genuine account)", () => {
    const s = setup();
    const fakeToken = "cd".repeat(32);
    const fake = lookAlike(s, [{ tokenId: fakeToken, amount: "1" }]);
    const signers = [s.f.member("alice"), s.outsider];
    const viaFake = edit(walletFundedPay(s, 20n), (d) => {
      d.inputs[1] = { ...fake, extension: {} };
      const out = accountOut(d, s.bob.accountId);
      out.assets = [{ tokenId: fakeToken, amount: "1" }];
      out.additionalRegisters = { ...fake.additionalRegisters, R5: longConstant(20n) };
      out.value = fake.value;
      const change = d.outputs[d.outputs.length - 1]!;
      change.value = (BigInt(change.value) + BigInt(s.bob.box.value) - BigInt(fake.value)).toString();
    });
    expectRejected(s.w, viaFake, signers);
  });

  it("refuses rewriting or destroying a third account in the transaction (twin: it is credited)", () => {
    const s = setup();
    const signers = [s.f.member("alice"), s.outsider];
    const withCarol = walletFundedPay(s, 20n, [s.carol]);
    expectAccepted(s.w, withCarol, signers);
    const lowered = edit(withCarol, (d) => {
      accountOut(d, s.carol.accountId).additionalRegisters.R5 = longConstant(-1n);
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(-19n);
    });
    expectRejected(s.w, lowered, signers);
    const destroyed = edit(withCarol, (d) => {
      const out = accountOut(d, s.carol.accountId);
      const change = d.outputs[d.outputs.length - 1]!;
      d.outputs.splice(d.outputs.indexOf(out), 1);
      change.value = (BigInt(change.value) + BigInt(out.value)).toString();
      change.assets.push({ tokenId: s.f.communityId, amount: "1" });
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(-20n);
    });
    expectRejected(s.w, destroyed, signers);
  });

  it("refuses a negative amount: the payee's balance falls without its signature (twin: positive)", () => {
    const s = setup();
    const signers = [s.f.member("alice"), s.outsider];
    const tx = walletFundedPay(s, 5n);
    expectAccepted(s.w, tx, signers);
    const negative = edit(tx, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(5n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(-5n);
    });
    expectRejected(s.w, negative, signers);
  });

  it("refuses balances at Long bounds that sum to zero (twin: the floor exactly)", () => {
    const s = setup();
    const signers = [s.f.member("alice"), s.outsider];
    const base = walletFundedPay(s, 99n, [s.carol]);
    const atFloor = edit(base, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(-100n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(99n);
      accountOut(d, s.carol.accountId).additionalRegisters.R5 = longConstant(1n);
    });
    expectAccepted(s.w, atFloor, signers);
    const bounds = edit(atFloor, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(LONG_MIN);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(LONG_MAX);
      accountOut(d, s.carol.accountId).additionalRegisters.R5 = longConstant(1n);
    });
    expectRejected(s.w, bounds, signers);
    const nearMax = edit(atFloor, (d) => {
      accountOut(d, s.alice.accountId).additionalRegisters.R5 = longConstant(LONG_MIN + 1n);
      accountOut(d, s.bob.accountId).additionalRegisters.R5 = longConstant(LONG_MAX);
      accountOut(d, s.carol.accountId).additionalRegisters.R5 = longConstant(0n);
    });
    expectRejected(s.w, nearMax, signers);
  });
});
