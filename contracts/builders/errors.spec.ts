import { describe, expect, it } from "vitest";
import { compile } from "@fleet-sdk/compiler";
import { Fixture, TEST_METADATA } from "../testing/community-fixture.ts";
import { TEST_POLICY, testPolicy } from "../testing/policy.ts";
import {
  BalanceNotZero, CreditLimitExceeded, InsufficientFunds, InvalidAmount, InvalidIntent, InvalidPolicy,
  NotALetsBox, NotDefaulted, PositiveCapExceeded, TreasuryBelowFloor, WrongCommunity,
} from "../errors.ts";
import { pay } from "./pay.ts";
import { join } from "./join.ts";
import { leave } from "./leave.ts";
import { closeDefaulted } from "./close-defaulted.ts";
import { createCommunity, genesisFloorNanoErg } from "./create.ts";
import { ownerFromAddress } from "./common.ts";

describe("builders refuse bad intent before building anything", () => {
  const f = new Fixture({ policy: testPolicy({ positiveCap: 50n }) });
  const w = f.world;
  const [alice, bob] = [f.account("alice"), f.account("bob")];
  const payTo = (amountUnits: unknown) =>
    pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: amountUnits as bigint }] }, { height: w.height });

  it("refuses amounts that are not positive whole numbers of units", () => {
    for (const bad of [0n, -1n, 1.5, "abc", "-3", Number.NaN, 2n ** 63n, undefined]) {
      expect(() => payTo(bad), String(bad)).toThrow(InvalidAmount);
    }
    expect(payTo("7").outputs).toHaveLength(3);
  });

  it("refuses a payment past the payer's floor or the payee's cap, with the figures", () => {
    expect(() => payTo(101n)).toThrow(CreditLimitExceeded);
    try {
      payTo(51n);
    } catch (error) {
      expect(error).toBeInstanceOf(PositiveCapExceeded);
      expect(error).toMatchObject({ accountId: bob.accountId, cap: 50n, attempted: 51n });
    }
    expect(() => payTo(51n)).toThrow(PositiveCapExceeded);
  });

  it("refuses paying oneself, a payee twice, no payee, or a box that is not an account", () => {
    expect(() => pay({ payer: alice.box, payees: [{ account: alice.box, amountUnits: 1n }] }, { height: w.height })).toThrow(InvalidIntent);
    expect(() => pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: 1n }, { account: bob.box, amountUnits: 1n }] }, { height: w.height })).toThrow(/twice/);
    expect(() => pay({ payer: alice.box, payees: [] }, { height: w.height })).toThrow(/at least one payee/);
    const walletBox = w.wallet(f.member("alice")).utxos[0]!;
    expect(() => pay({ payer: walletBox, payees: [{ account: bob.box, amountUnits: 1n }] }, { height: w.height })).toThrow(NotALetsBox);
  });

  it("refuses mixing accounts of two communities", () => {
    const other = new Fixture({ members: ["zed"] });
    expect(() => pay({ payer: alice.box, payees: [{ account: other.account("zed").box, amountUnits: 1n }] }, { height: w.height })).toThrow(WrongCommunity);
  });

  it("refuses leaving at a non-zero balance and closing an account that has not defaulted", () => {
    w.submit(payTo(10n), [f.member("alice")]);
    const ctx = { height: w.height, wallet: w.wallet(f.member("alice")) };
    expect(() => leave({ community: f.communityBox(), account: f.account("alice").box }, ctx)).toThrow(BalanceNotZero);
    expect(() => closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box] }, ctx)).toThrow(NotDefaulted);
    expect(() => closeDefaulted({ community: f.communityBox(), accounts: [f.account("bob").box] }, ctx)).toThrow(/not negative/);
    expect(() => closeDefaulted({ community: f.communityBox(), accounts: [] }, ctx)).toThrow(/at least one/);
  });

  it("refuses a join the wallet cannot afford", () => {
    const poor = w.member("poor", 50_000_000n);
    expect(() => join({ community: f.communityBox(), owner: poor.owner }, { height: w.height, wallet: w.wallet(poor) })).toThrow(InsufficientFunds);
  });

  it("refuses a policy or metadata out of range at creation", () => {
    const ctx = { height: w.height, wallet: w.wallet(f.committee) };
    const create = (policy = TEST_POLICY, metadata = TEST_METADATA) => createCommunity({ policy, metadata, committee: f.committee.owner }, ctx);
    expect(() => create(testPolicy({ creditLimit: -1n }))).toThrow(InvalidPolicy);
    expect(() => create(testPolicy({ maxMembers: 0n }))).toThrow(/maxMembers/);
    expect(() => create(testPolicy({ creditLimit: 2n ** 62n }))).toThrow(/must stay below 2\^62/);
    expect(() => create(testPolicy({ positiveCap: (2n ** 62n - 1n) / 10n + 1n }))).toThrow(/positiveCap/);
    expect(() => create(testPolicy({ creditLimit: (2n ** 62n - 1n) / 10n }))).not.toThrow();
    expect(() => create(testPolicy({ joinFeeNanoErg: 10n ** 17n + 1n }))).toThrow(/joinFeeNanoErg: at most/);
    expect(() => create(testPolicy({ collateralNanoErg: 10n ** 17n + 1n }))).toThrow(/collateralNanoErg: at most/);
    expect(() => create(testPolicy({ inactivityBlocks: 788_401n }))).toThrow(/dormancy window/);
    expect(() => create(TEST_POLICY, { ...TEST_METADATA, symbol: "has space" })).toThrow(/symbol/);
    expect(() => create(TEST_POLICY, { ...TEST_METADATA, name: " " })).toThrow(/name/);
    expect(() => create(TEST_POLICY, { ...TEST_METADATA, description: "x".repeat(2_000) })).toThrow(/bytes/);
    expect(create().outputs[0]!.assets[0]!.amount).toBe("11");
  });

  it("refuses committees and owners that are not keys, and a treasury below the storage-rent floor", () => {
    const ctx = { height: w.height, wallet: w.wallet(f.committee) };
    const create = (committee: string, treasuryNanoErg?: bigint) =>
      createCommunity({ policy: TEST_POLICY, metadata: TEST_METADATA, committee, treasuryNanoErg }, ctx);
    for (const notKeys of ["08d3", "08d2", "08cd" + "00".repeat(33), "0898000101cd" + f.committee.owner.slice(4)]) {
      expect(() => create(notKeys), notKeys).toThrow(/committee must be one public key or k of n/);
      expect(() => join({ community: f.communityBox(), owner: notKeys }, ctx), notKeys).toThrow(/owner must be one public key/);
    }
    const floor = genesisFloorNanoErg({ policy: TEST_POLICY, metadata: TEST_METADATA, committee: f.committee.owner });
    expect(() => create(f.committee.owner, floor - 1n)).toThrow(TreasuryBelowFloor);
    expect(create(f.committee.owner).outputs[0]!.value).toBe(floor.toString());
  });

  it("accepts only single-key addresses as owners", () => {
    expect(ownerFromAddress(f.member("alice").address)).toBe(f.member("alice").owner);
    const script = compile("sigmaProp(HEIGHT > 10)").toAddress().encode();
    expect(() => ownerFromAddress(script)).toThrow(/single-key/);
    expect(() => ownerFromAddress("not-an-address")).toThrow(/not a valid Ergo address/);
  });
});
