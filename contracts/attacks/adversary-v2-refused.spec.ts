/**
 * Adversarial review of contract version 2 (issue 10): attacks the contracts refused from the
 * start, each next to its accepted twin. The three holes the review found, closed since, are in
 * adversary-v2.spec.ts and adversary-v2-cap.spec.ts.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { serializeBox } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { accountRegisters } from "../account/account.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { createCommunity } from "../builders/create.ts";
import { govern } from "../builders/govern.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE, DORMANT_BLOCKS, MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture, TEST_METADATA, TEST_POLICY } from "../testing/community-fixture.ts";
import { accountOut, communityOut, edit, expectAccepted, expectRejected, rebalance } from "../testing/tx-edit.ts";
import type { Member, World } from "../testing/world.ts";

const ctx = (w: World, m: Member) => ({ height: w.height, wallet: w.wallet(m) });

/**
 * Both interpreters refuse `tx` because a script reduced to false (not for ERG, tokens or parsing),
 * and ergo-lib, which proves inputs in order, names input `index` (the box that refuses).
 */
function expectRefusedAt(w: World, tx: EIP12UnsignedTransaction, signers: Member[], index: number): void {
  expectRejected(w, tx, signers);
  const verdict = w.judge(tx, signers);
  expect(verdict.mock.reason).toMatch(/reduced to false/);
  expect(verdict.ergoLib.ok ? "" : verdict.ergoLib.reason).toMatch(new RegExp(`input index ${index}\\): Script reduced to false`));
}

/** Two transactions as one: a's inputs then b's, their outputs without fees, then one fee box. */
function merge(a: EIP12UnsignedTransaction, b: EIP12UnsignedTransaction): EIP12UnsignedTransaction {
  const isFee = (o: { ergoTree: string }) => o.ergoTree === FEE_CONTRACT;
  const outputs = [...a.outputs, ...b.outputs];
  const fees = outputs.filter(isFee);
  const fee = { ...fees[0]!, value: fees.reduce((sum, o) => sum + BigInt(o.value), 0n).toString() };
  return { inputs: [...a.inputs, ...b.inputs], dataInputs: [], outputs: [...outputs.filter((o) => !isFee(o)), fee] };
}

describe("two communities in one exit", () => {
  /** Community X (alice) from the fixture, and community Y (zed) created and joined in the same world. */
  function twoCommunities() {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const zed = w.member("zed");
    const create = createCommunity({ policy: TEST_POLICY, metadata: TEST_METADATA, committee: f.committee.owner }, ctx(w, f.committee));
    const yId = create.inputs[0]!.boxId;
    w.submit(create, [f.committee]);
    const yBox = () => [...w.utxos.values()].find((b) => b.ergoTree === COMMUNITY_ERGO_TREE && b.assets[0]!.tokenId === yId)!;
    w.submit(join({ community: yBox(), owner: zed.owner }, ctx(w, zed)), [zed]);
    const zedAccount = [...w.utxos.values()].find((b) => b.ergoTree === ACCOUNT_ERGO_TREE && b.assets[0]!.tokenId === yId)!;
    const alice = f.member("alice");
    const leaveX = leave({ community: f.communityBox(), account: f.account("alice").box }, ctx(w, alice));
    const leaveY = leave({ community: yBox(), account: zedAccount }, ctx(w, zed));
    return { w, alice, zed, leaveX, leaveY };
  }

  it("cannot close a member of Y through X's genuine box as INPUTS(0), in either order (twin: each leaves alone)", () => {
    const { w, alice, zed, leaveX, leaveY } = twoCommunities();
    expectAccepted(w, leaveX, [alice]);
    expectAccepted(w, leaveY, [zed]);
    // Each community box would accept its own exit; the account whose community is not INPUTS(0) refuses.
    // The account of the second community (its input just after its own community box) refuses.
    expectRefusedAt(w, merge(leaveX, leaveY), [alice, zed], leaveX.inputs.length + 1);
    expectRefusedAt(w, merge(leaveY, leaveX), [alice, zed], leaveY.inputs.length + 1);
  });
});

describe("paths do not mix", () => {
  const setup = () => {
    const f = new Fixture({ members: ["alice", "bob", "carol"] });
    const carol = f.member("carol");
    const leaveTx = leave({ community: f.communityBox(), account: f.account("carol").box }, ctx(f.world, carol));
    return { f, w: f.world, carol, leaveTx };
  };

  it("refuses a leave and a join in one transaction: the leaver's unit handed straight to a newcomer (twin: the leave alone)", () => {
    const { f, w, carol, leaveTx } = setup();
    expectAccepted(w, leaveTx, [carol]);
    const dan = w.member("dan");
    const community = f.community();
    const p = community.policy;
    const height = BigInt(w.height);
    const swap = edit(leaveTx, (d) => {
      const out = communityOut(d);
      out.assets[0]!.amount = (BigInt(out.assets[0]!.amount) - 1n).toString(); // carol's unit goes to dan
      out.value = (BigInt(out.value) + p.joinFeeNanoErg).toString();
      out.additionalRegisters.R7 = longsConstant([community.membersJoined + 1n, community.communityBalance]);
      const terms = { creditLimit: p.creditLimit, positiveCap: p.positiveCap, collateralNanoErg: p.collateralNanoErg, inactivityBlocks: p.inactivityBlocks, joinedHeight: height };
      d.outputs.splice(1, 0, {
        value: (p.collateralNanoErg + MIN_BOX_VALUE).toString(),
        ergoTree: ACCOUNT_ERGO_TREE,
        creationHeight: w.height,
        assets: [{ tokenId: f.communityId, amount: "1" }],
        additionalRegisters: accountRegisters({ owner: dan.owner, balance: 0n, terms, accountId: community.boxId, lastActiveHeight: height }),
      });
      d.inputs.push(...[...w.utxos.values()].filter((b) => b.ergoTree === dan.ergoTree).map((b) => ({ ...b, extension: {} })));
      rebalance(d, carol.ergoTree);
    });
    expectRefusedAt(w, swap, [carol, dan], 0);
  });

  it("refuses a govern that also closes an account, though committee and owner both sign (twin: the leave, same signers)", () => {
    const { f, w, carol, leaveTx } = setup();
    expectAccepted(w, leaveTx, [carol, f.committee]);
    const p = f.community().policy;
    const governed = edit(leaveTx, (d) => {
      communityOut(d).additionalRegisters.R4 = longsConstant([p.creditLimit + 1n, p.positiveCap, p.joinFeeNanoErg, p.collateralNanoErg, p.maxMembers, p.inactivityBlocks]);
    });
    expectRefusedAt(w, governed, [carol, f.committee], 0);
  });

  it("refuses a refresh of a dormant community box carried by a payment, or a govern (twin: each alone)", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    w.mine(DORMANT_BLOCKS + 10);
    const [alice, refresher] = [f.member("alice"), w.member("refresher")];
    const refresh = refreshCommunity({ community: f.communityBox() }, ctx(w, refresher));
    const payment = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height });
    expectAccepted(w, refresh, [refresher]);
    expectAccepted(w, payment, [alice]);
    expectRefusedAt(w, merge(refresh, payment), [refresher, alice], 0);
    const governed = govern({ community: f.communityBox() }, ctx(w, f.committee));
    expectAccepted(w, governed, [f.committee]);
    expectRefusedAt(w, merge(governed, payment), [f.committee, alice], 0);
  });
});

describe("a payer and a debtor's activity", () => {
  it("cannot lower a debtor's lastActiveHeight to hurry its default (twin: kept, being within 720 blocks, or raised to HEIGHT)", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const [alice, bob] = [f.member("alice"), f.member("bob")];
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [alice]);
    w.mine(10);
    const debtor = f.account("alice");
    const credit = pay({ payer: f.account("bob").box, payees: [{ account: debtor.box, amountUnits: 5n }] }, { height: w.height });
    const withActivity = (height: bigint) => edit(credit, (d) => (accountOut(d, debtor.accountId).additionalRegisters.R8 = longConstant(height)));
    expectAccepted(w, withActivity(debtor.lastActiveHeight), [bob]);
    expectAccepted(w, withActivity(BigInt(w.height + 1)), [bob]);
    expectRefusedAt(w, withActivity(debtor.lastActiveHeight - 100n), [bob], 1); // the debtor's box refuses
  });
});

describe("exit payouts are tied to their inputs", () => {
  /** alice (-20) and bob (+20) dormant, closed together: [successor, alice's payout, bob's payout, change, fee]. */
  function closeBoth() {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const closer = w.member("closer");
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [f.member("alice")]);
    w.mine(DORMANT_BLOCKS + 1);
    const tx = closeDormant({ community: f.communityBox(), accounts: [f.account("alice").box, f.account("bob").box] }, ctx(w, closer));
    return { f, w, closer, tx };
  }

  it("refuses swapped payouts, or the successor where a payout belongs (twin: the builder's order)", () => {
    const { f, w, closer, tx } = closeBoth();
    expect(tx.outputs.slice(1, 3).map((o) => o.ergoTree)).toEqual([f.member("alice").ergoTree, f.member("bob").ergoTree]);
    expectAccepted(w, tx, [closer]);
    const swapped = edit(tx, (d) => ([d.outputs[1], d.outputs[2]] = [d.outputs[2]!, d.outputs[1]!]));
    expectRefusedAt(w, swapped, [closer], 0);
    const successorFirst = edit(tx, (d) => ([d.outputs[0], d.outputs[1]] = [d.outputs[1]!, d.outputs[0]!]));
    expectRefusedAt(w, successorFirst, [closer], 0);
  });

  it("refuses a payout one nanoERG short (twin: the builder's)", () => {
    const { w, closer, tx } = closeBoth();
    const short = edit(tx, (d) => {
      d.outputs[2]!.value = (BigInt(d.outputs[2]!.value) - 1n).toString();
      rebalance(d, closer.ergoTree);
    });
    expectRefusedAt(w, short, [closer], 0);
  });

  it("refuses one payout for two accounts of the same owner (twin: one payout each)", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const [alice, closer] = [f.member("alice"), w.member("closer")];
    const second = f.communityBox().boxId; // the accountId of alice's second account
    w.submit(join({ community: f.communityBox(), owner: alice.owner }, ctx(w, alice)), [alice]);
    const boxes = [f.account("alice").box, [...w.utxos.values()].find((b) => b.additionalRegisters.R7 === bytesConstant(second))!];
    w.mine(DORMANT_BLOCKS + 1);
    const tx = closeDormant({ community: f.communityBox(), accounts: boxes }, ctx(w, closer));
    expect(tx.outputs.slice(1, 3).map((o) => o.ergoTree)).toEqual([alice.ergoTree, alice.ergoTree]);
    expectAccepted(w, tx, [closer]);
    const once = edit(tx, (d) => {
      d.outputs[1]!.value = (BigInt(d.outputs[1]!.value) + BigInt(d.outputs[2]!.value)).toString();
      d.outputs.splice(2, 1);
    });
    expectRefusedAt(w, once, [closer], 0);
  });
});

describe("owners must be keys", () => {
  /** A join whose new account's owner is `shape(keys)` (a SigmaProp constant, hex). */
  function joinOwnedBy(shape: (keys: string[]) => string) {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const [x, y, z] = [w.member("x"), w.member("y"), w.member("z")];
    const keys = [x, y, z, f.member("alice")].map((m) => m.owner.slice(4));
    const community = f.communityBox();
    const tx = join({ community, owner: x.owner }, ctx(w, x));
    return { w, x, tx: edit(tx, (d) => (accountOut(d, community.boxId).additionalRegisters.R4 = shape(keys))) };
  }
  const [k1, k2] = [(k: string[]) => `cd${k[0]}`, (k: string[]) => `cd${k[1]}`];

  it.each([
    ["an AND of two keys", (k: string[]) => `089602${k1(k)}${k2(k)}`],
    ["an OR of two keys", (k: string[]) => `089702${k1(k)}${k2(k)}`],
    ["a Diffie-Hellman tuple", (k: string[]) => `08ce${k.join("")}`],
    ["1 of 2 with the point at infinity as the second key", (k: string[]) => `08980102${k1(k)}cd${"00".repeat(33)}`],
  ])("refuses %s as an owner at join (both interpreters: the script, not the parser)", (_, shape) => {
    const { w, x, tx } = joinOwnedBy(shape);
    const verdict = w.judge(tx, [x]);
    expect(verdict.mock).toMatchObject({ ok: false, reason: expect.stringMatching(/reduced to false/) });
    expect(verdict.ergoLib).toMatchObject({ ok: false, reason: expect.stringMatching(/reduced to false/) });
  });

  it("twin: 1 of 1 and 2 of 3 keys are owners (so is a key listed twice: the owner's own business)", () => {
    for (const shape of [(k: string[]) => `08980101${k1(k)}`, (k: string[]) => `08980203${k1(k)}${k2(k)}cd${k[2]}`, (k: string[]) => `08980202${k1(k)}${k1(k)}`]) {
      const { w, x, tx } = joinOwnedBy(shape);
      expectAccepted(w, tx, [x]);
    }
  });
});

describe("the community floor is computed on the successor's real bytes", () => {
  it("at output index 130 (a two-byte index) both interpreters charge the extra byte (twin: one nanoERG above)", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const built = govern({ community: f.communityBox() }, ctx(w, f.committee));
    const spacer = { value: "100000", ergoTree: f.committee.ergoTree, creationHeight: w.height, assets: [], additionalRegisters: {} };
    const moved = edit(built, (d) => {
      const out = d.outputs.shift()!;
      d.outputs.splice(0, 0, ...Array.from({ length: 130 }, () => structuredClone(spacer)), out);
    });
    const index = moved.outputs.indexOf(communityOut(moved));
    const bytes = (i: number) => serializeBox({ ...communityOut(moved), boxId: "", transactionId: "00".repeat(32), index: i } as Box<string>).toBytes().length;
    expect([index, bytes(index) - bytes(0)]).toEqual([130, 1]);
    const at = (value: bigint) => edit(moved, (d) => {
      communityOut(d).value = value.toString();
      rebalance(d, f.committee.ergoTree);
    });
    const fee = BigInt(bytes(index)) * 1_250_000n;
    expectRefusedAt(w, at(fee), [f.committee], 0);
    expectAccepted(w, at(fee + 1n), [f.committee]);
  });
});
