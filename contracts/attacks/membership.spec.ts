import { describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "../account/account.ts";
import { join } from "../builders/join.ts";
import { pay } from "../builders/pay.ts";
import { leave } from "../builders/leave.ts";
import { buildExit } from "../builders/exit.ts";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { CommunityFull } from "../errors.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { TEST_POLICY, testPolicy } from "../testing/policy.ts";
import { accountOut, communityOut, edit, expectAccepted, expectRejected, moveErg } from "../testing/tx-edit.ts";

describe("admission attacks", () => {
  const setup = () => {
    const f = new Fixture({ members: ["alice"] });
    const dan = f.world.member("dan");
    const community = f.communityBox();
    const tx = join({ community, owner: dan.owner }, { height: f.world.height, wallet: f.world.wallet(dan) });
    return { f, w: f.world, dan, tx, signers: [dan], accountId: community.boxId };
  };
  const change = (d: EIP12UnsignedTransaction, tree: string) => d.outputs.find((o) => o.ergoTree === tree)!;

  it("refuses a join with a non-zero balance (twin: balance 0)", () => {
    const s = setup();
    expectAccepted(s.w, s.tx, s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (accountOut(d, s.accountId).additionalRegisters.R5 = longConstant(10n))), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (accountOut(d, s.accountId).additionalRegisters.R5 = longConstant(-10n))), s.signers);
  });

  it("refuses a join that mints two units or two accounts (twin: one)", () => {
    const s = setup();
    const twoUnits = edit(s.tx, (d) => {
      const c = communityOut(d);
      c.assets[0]!.amount = (BigInt(c.assets[0]!.amount) - 1n).toString();
      accountOut(d, s.accountId).assets[0]!.amount = "2";
    });
    expectRejected(s.w, twoUnits, s.signers);
    const twoAccounts = edit(s.tx, (d) => {
      const c = communityOut(d);
      c.assets[0]!.amount = (BigInt(c.assets[0]!.amount) - 1n).toString();
      const copy = structuredClone(accountOut(d, s.accountId));
      const spare = change(d, s.dan.ergoTree);
      spare.value = (BigInt(spare.value) - BigInt(copy.value)).toString();
      d.outputs.splice(2, 0, copy);
    });
    expectRejected(s.w, twoAccounts, s.signers);
  });

  it("refuses a join without the fee or without the collateral (twin: both paid)", () => {
    const s = setup();
    const noFee = edit(s.tx, (d) => moveErg(communityOut(d), change(d, s.dan.ergoTree), 1n));
    expectRejected(s.w, noFee, s.signers);
    const reserve = BigInt(accountOut(s.tx, s.accountId).value) - TEST_POLICY.collateralNanoErg - 1_000_000n;
    const atFloor = edit(s.tx, (d) => moveErg(accountOut(d, s.accountId), change(d, s.dan.ergoTree), reserve));
    expectAccepted(s.w, atFloor, s.signers);
    const noCollateral = edit(atFloor, (d) => moveErg(accountOut(d, s.accountId), change(d, s.dan.ergoTree), 1n));
    expectRejected(s.w, noCollateral, s.signers);
  });

  it("refuses a join that changes the policy, the committee, the terms or the state (twin: unchanged)", () => {
    const s = setup();
    const p = TEST_POLICY;
    const policy = longsConstant([p.creditLimit + 1n, p.positiveCap, p.joinFeeNanoErg, p.collateralNanoErg, p.maxMembers, p.inactivityBlocks]);
    expectRejected(s.w, edit(s.tx, (d) => (communityOut(d).additionalRegisters.R4 = policy)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (communityOut(d).additionalRegisters.R5 = s.dan.owner)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([2n, -5n]))), s.signers);
    const richer = longsConstant([p.creditLimit * 10n, p.positiveCap, p.collateralNanoErg, p.inactivityBlocks, BigInt(s.w.height)]);
    expectRejected(s.w, edit(s.tx, (d) => (accountOut(d, s.accountId).additionalRegisters.R6 = richer)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (accountOut(d, s.accountId).additionalRegisters.R8 = longConstant(1n))), s.signers);
  });

  it("refuses a join beyond maxMembers (twin: the last seat)", () => {
    const f = new Fixture({ policy: testPolicy({ maxMembers: 2n }), members: ["alice"] });
    const last = f.world.member("last");
    const full = f.world.member("late");
    const lastSeat = join({ community: f.communityBox(), owner: last.owner }, { height: f.world.height, wallet: f.world.wallet(last) });
    f.world.submit(lastSeat, [last]);
    expect(() => join({ community: f.communityBox(), owner: full.owner }, { height: f.world.height, wallet: f.world.wallet(full) })).toThrow(CommunityFull);
    // No builder makes this transaction: replay the last-seat join against the now-full box.
    const real = f.communityBox();
    const state = f.community();
    const forced = edit(lastSeat, (d) => {
      d.inputs[0] = { ...real, extension: {} };
      const c = communityOut(d);
      c.assets = [];
      c.value = (BigInt(real.value) + TEST_POLICY.joinFeeNanoErg).toString();
      c.additionalRegisters.R7 = longsConstant([state.membersJoined + 1n, state.communityBalance]);
      accountOut(d, lastSeat.inputs[0]!.boxId).additionalRegisters.R7 = bytesConstant(real.boxId);
    });
    expectRejected(f.world, forced, [last]);
  });
});

describe("exit and default attacks", () => {
  const setup = () => {
    const f = new Fixture({ members: ["alice", "bob", "carol"] });
    f.world.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: f.world.height }), [f.member("alice")]);
    const outsider = f.world.member("outsider");
    const ctx = (m = outsider) => ({ height: f.world.height, wallet: f.world.wallet(m) });
    return { f, w: f.world, outsider, ctx, acc: (n: string): Account => f.account(n) };
  };

  it("refuses leaving with a negative or positive balance (twin: balance 0)", () => {
    const s = setup();
    const carol = s.f.member("carol");
    expectAccepted(s.w, leave({ community: s.f.communityBox(), account: s.acc("carol").box }, s.ctx(carol)), [carol]);
    for (const name of ["alice", "bob"]) {
      const m = s.f.member(name);
      expectRejected(s.w, buildExit(s.f.community(), [s.acc(name)], "leave", s.ctx(m)), [m]);
    }
  });

  it("refuses leaving without the owner's signature (twin: signed)", () => {
    const s = setup();
    const carol = s.f.member("carol");
    const tx = leave({ community: s.f.communityBox(), account: s.acc("carol").box }, s.ctx(s.outsider));
    expectAccepted(s.w, tx, [carol, s.outsider]);
    expectRejected(s.w, tx, [s.outsider]);
  });

  it("refuses burning the unit or keeping it outside the community box (twin: unit returned)", () => {
    const s = setup();
    const carol = s.f.member("carol");
    const tx = leave({ community: s.f.communityBox(), account: s.acc("carol").box }, s.ctx(carol));
    const unitBack = (d: typeof tx, delta: bigint) => {
      const c = communityOut(d);
      c.assets[0]!.amount = (BigInt(c.assets[0]!.amount) + delta).toString();
    };
    expectRejected(s.w, edit(tx, (d) => unitBack(d, -1n)), [carol]);
    const kept = edit(tx, (d) => {
      unitBack(d, -1n);
      d.outputs.find((o) => o.ergoTree === carol.ergoTree)!.assets.push({ tokenId: s.f.communityId, amount: "1" });
    });
    expectRejected(s.w, kept, [carol]);
  });

  it("refuses a default before the inactivity window ends (twin: at the end)", () => {
    const s = setup();
    const alice = s.acc("alice");
    const due = Number(alice.lastActiveHeight + alice.terms.inactivityBlocks);
    s.w.mine(due - 2 - s.w.height); // the next block is due - 1
    const early = buildExit(s.f.community(), [alice], "close", s.ctx());
    expectRejected(s.w, early, [s.outsider]);
    s.w.mine(1); // the next block is due
    expectAccepted(s.w, closeDefaulted({ community: s.f.communityBox(), accounts: [alice.box] }, s.ctx()), [s.outsider]);
  });

  it("refuses a default that does not charge the community or keeps the collateral (twin: both)", () => {
    const s = setup();
    s.w.mine(60);
    const tx = closeDefaulted({ community: s.f.communityBox(), accounts: [s.acc("alice").box] }, s.ctx());
    expectAccepted(s.w, tx, [s.outsider]);
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([3n, 0n]))), [s.outsider]);
    const keep = edit(tx, (d) => moveErg(communityOut(d), d.outputs.find((o) => o.ergoTree === s.outsider.ergoTree)!, 1n));
    expectRejected(s.w, keep, [s.outsider]);
  });

  it("refuses any default where the community set no inactivity window (twin: a window)", () => {
    const f = new Fixture({ policy: testPolicy({ inactivityBlocks: 0n }), members: ["alice", "bob"] });
    f.world.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: f.world.height }), [f.member("alice")]);
    f.world.mine(10_000);
    const outsider = f.world.member("outsider");
    const tx = buildExit(f.community(), [f.account("alice")], "close", { height: f.world.height, wallet: f.world.wallet(outsider) });
    expectRejected(f.world, tx, [outsider]);
  });
});
