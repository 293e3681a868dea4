/**
 * Issue 10, storage rent against the community box. The contract keeps its value strictly above
 * its storage fee on every path, so rent can only ever take the fee from it, never its token or
 * registers; and anyone may refresh a box nobody spent for 788,400 blocks, recreating it unchanged.
 * Floor twins edit builder transactions to put the successor exactly at, or one nanoERG above, the
 * fee the contract computes (its serialized bytes × 1,250,000); for join and exit the spent box
 * must already be at its floor, or the "value not lower" rules would refuse first, and the builders
 * refuse to build on such a box, so they build on a richer copy that the edit replaces.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { createCommunity, genesisFloorNanoErg } from "../builders/create.ts";
import { govern } from "../builders/govern.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { NotDormant, TreasuryBelowFloor } from "../errors.ts";
import { bytesConstant, longsConstant, textConstant } from "../registers.ts";
import { dormantFrom, rentFrom } from "../storage-rent.ts";
import { Fixture, TEST_METADATA } from "../testing/community-fixture.ts";
import { TEST_POLICY, testPolicy } from "../testing/policy.ts";
import { rentSuccessor, storageFeeNanoErg, takeByRent, type RentSpend } from "../testing/rent.ts";
import { accountOut, communityOut, edit, expectAccepted, expectRejected, expectScriptRefuses, moveErg, rebalance } from "../testing/tx-edit.ts";
import { World, type Member } from "../testing/world.ts";

/** Output `index` of `tx` as the box it becomes (the transaction id's bytes do not change its size). */
function outputFeeNanoErg(tx: EIP12UnsignedTransaction, index: number): bigint {
  return storageFeeNanoErg({ ...tx.outputs[index]!, boxId: "", transactionId: "00".repeat(32), index });
}

/**
 * `tx` with its community successor worth its own storage fee plus `above`, ERG balanced in
 * `changeTree`'s output; `spent` replaces INPUTS(0) when `tx` was built on a richer copy of it.
 */
function successorAtFee(tx: EIP12UnsignedTransaction, above: bigint, changeTree: string, spent?: Box<string>): EIP12UnsignedTransaction {
  return edit(tx, (d) => {
    if (spent) d.inputs[0] = { ...spent, extension: {} };
    const out = communityOut(d);
    const index = d.outputs.indexOf(out);
    out.value = outputFeeNanoErg(d, index).toString();
    const fee = outputFeeNanoErg(d, index);
    if (fee !== BigInt(out.value)) throw new Error("the fee moved with the value's size");
    out.value = (fee + above).toString();
    rebalance(d, changeTree);
  });
}

/** `box` with 10 ERG more (and the id to match): the builders refuse to build on a box below its floor. */
function richer(box: Box<string>): Box<string> {
  const copy = { ...box, value: (BigInt(box.value) + 10_000_000_000n).toString() };
  return { ...copy, boxId: hex.encode(blake2b256(serializeBox(copy).toBytes())) };
}
const ctx = (w: World, m: Member) => ({ height: w.height, wallet: w.wallet(m) });

/** 128 units: 127 (one byte) after alice's join, 128 (two bytes) again when she leaves. */
const SEATS_127 = testPolicy({ maxMembers: 127n });

describe("the community box stays above its storage fee on every path", () => {
  it("refuses a govern that withdraws the treasury down to the fee (twin: one nanoERG above)", () => {
    const f = new Fixture({ policy: SEATS_127, members: ["alice"] });
    const tx = govern({ community: f.communityBox() }, ctx(f.world, f.committee));
    expectRejected(f.world, successorAtFee(tx, 0n, f.committee.ergoTree), [f.committee]);
    expectAccepted(f.world, successorAtFee(tx, 1n, f.committee.ergoTree), [f.committee]);
  });

  it("refuses a leave whose successor, a byte longer, holds exactly its fee (twin: one nanoERG above)", () => {
    const f = new Fixture({ policy: SEATS_127, members: ["alice"] });
    const [w, alice] = [f.world, f.member("alice")];
    w.submit(successorAtFee(govern({ community: f.communityBox() }, ctx(w, f.committee)), 1n, f.committee.ergoTree), [f.committee]);
    const box = f.communityBox();
    const tx = leave({ community: richer(box), account: f.account("alice").box }, ctx(w, alice));
    const atFee = successorAtFee(tx, 0n, alice.ergoTree, box);
    expect(outputFeeNanoErg(atFee, 0)).toBe(storageFeeNanoErg(box) + 1_250_000n);
    expectRejected(w, atFee, [alice]);
    expectAccepted(w, successorAtFee(tx, 1n, alice.ergoTree, box), [alice]);
  });

  it("refuses a join that leaves a community created below its floor at the fee (twin: one nanoERG above)", () => {
    const w = new World();
    const [committee, dan] = [w.member("committee"), w.member("dan")];
    const create = createCommunity({ policy: TEST_POLICY, metadata: TEST_METADATA, committee: committee.owner }, ctx(w, committee));
    const poor = edit(create, (d) => {
      communityOut(d).value = "1400000"; // no contract runs at creation (just above dust, 360 nanoERG a byte: 1,341,000 for version 8's box; far below the floor)
      rebalance(d, committee.ergoTree);
    });
    const box = w.submit(poor, [committee]).outputs[0]!;
    const copy = richer(box);
    const built = join({ community: copy, owner: dan.owner }, ctx(w, dan));
    const tx = edit(built, (d) => (accountOut(d, copy.boxId).additionalRegisters.R7 = bytesConstant(box.boxId)));
    expectRejected(w, successorAtFee(tx, 0n, dan.ergoTree, box), [dan]);
    expectAccepted(w, successorAtFee(tx, 1n, dan.ergoTree, box), [dan]);
  });
});

describe("storage rent on the community box", () => {
  it("can take only its fee: the box must come back with its script, token and registers", () => {
    const f = new Fixture({ members: ["alice"] });
    const [w, mallory, box] = [f.world, f.world.member("mallory"), f.communityBox()];
    const before = f.community();
    w.mine(rentFrom(box.creationHeight) - 1 - w.height); // the next block is rentFrom
    expect(BigInt(box.value)).toBeGreaterThan(storageFeeNanoErg(box));
    expect(w.judgeRent(takeByRent(w, box, mallory), [])).toMatchObject({ ok: false });

    const height = w.height + 1;
    const successor = rentSuccessor(box, height);
    const token = box.assets[0]!;
    const spend = (out: RentSpend["outputs"][number], taken: Box<string>["assets"] = []): RentSpend => {
      const collected = { value: (BigInt(box.value) - BigInt(out.value)).toString(), ergoTree: mallory.ergoTree, creationHeight: height, assets: taken, additionalRegisters: {} };
      return { rent: [{ box, outputIndex: 0 }], outputs: [out, collected] };
    };
    const oneUnitOut = { ...successor, assets: [{ tokenId: token.tokenId, amount: (BigInt(token.amount) - 1n).toString() }] };
    expect(w.judgeRent(spend(oneUnitOut, [{ tokenId: token.tokenId, amount: "1" }]), [])).toMatchObject({ ok: false });
    const newCommittee = { ...successor, additionalRegisters: { ...successor.additionalRegisters, R5: mallory.owner } };
    expect(w.judgeRent(spend(newCommittee), [])).toMatchObject({ ok: false });

    w.rentSpend(spend(successor), []);
    const after = f.community();
    expect(after.box.additionalRegisters).toEqual(before.box.additionalRegisters);
    expect(after.seatsLeft).toBe(before.seatsLeft);
    expect(after.treasuryNanoErg).toBe(before.treasuryNanoErg - storageFeeNanoErg(box));
    // Now below its floor: the next transaction on any path must top it up (the contract insists);
    // a join does, from the joiner's wallet (twin: the same join keeping the treasury is refused).
    const topped = join({ community: f.communityBox(), owner: mallory.owner }, ctx(w, mallory));
    expect(BigInt(topped.outputs[0]!.value)).toBeGreaterThan(after.treasuryNanoErg + after.policy.joinFeeNanoErg);
    const kept = edit(topped, (d) => {
      const extra = BigInt(d.outputs[0]!.value) - after.treasuryNanoErg - after.policy.joinFeeNanoErg;
      d.outputs[0]!.value = (after.treasuryNanoErg + after.policy.joinFeeNanoErg).toString();
      const change = d.outputs.find((o) => o.ergoTree === mallory.ergoTree)!;
      change.value = (BigInt(change.value) + extra).toString();
    });
    expectScriptRefuses(w, kept, [mallory]);
    expectAccepted(w, topped, [mallory]);
    // The committee restores it by governance: any governance tops the treasury up to the floor
    // from the committee's wallet (twin: a withdrawal is refused by the builder).
    const floor = genesisFloorNanoErg({ policy: after.policy, metadata: after.metadata, committee: after.committee });
    expect(() => govern({ community: f.communityBox(), withdrawNanoErg: 1n }, ctx(w, f.committee))).toThrow(TreasuryBelowFloor);
    w.submit(govern({ community: f.communityBox() }, ctx(w, f.committee)), [f.committee]);
    expect(f.community().treasuryNanoErg).toBe(floor);
    w.submit(join({ community: f.communityBox(), owner: mallory.owner }, ctx(w, mallory)), [mallory]);
  });
});

describe("refresh: anyone recreates a community box nobody spent for 788,400 blocks", () => {
  /** A community whose box was last spent by alice's join; the next block is `next`. */
  function untilBlock(next: (box: Box<string>) => number) {
    const f = new Fixture({ members: ["alice"] });
    const refresher = f.world.member("refresher");
    const box = f.communityBox();
    f.world.mine(next(box) - 1 - f.world.height);
    return { f, w: f.world, refresher, box, signers: [refresher] };
  }

  it("refreshes at exactly dormantFrom, unchanged; refused one block earlier by the builder and both interpreters", () => {
    const { f, w, refresher, box, signers } = untilBlock((b) => dormantFrom(b.creationHeight) - 1);
    expect(() => refreshCommunity({ community: box }, ctx(w, refresher))).toThrow(NotDormant);
    const tx = refreshCommunity({ community: box }, { ...ctx(w, refresher), height: w.height + 1 }); // built for the next tip
    expectRejected(w, tx, signers);

    w.mine(1); // the next block is dormantFrom
    const before = f.community();
    w.submit(tx, signers);
    const after = f.community();
    expect(after.box.additionalRegisters).toEqual(before.box.additionalRegisters);
    expect(after.box.assets).toEqual(before.box.assets);
    expect(after.treasuryNanoErg).toBe(before.treasuryNanoErg);
    expect(after.creationHeight).toBe(dormantFrom(box.creationHeight) - 1);
  });

  it("cannot change the policy, committee, metadata, state, seats or lower the treasury (twin: unchanged)", () => {
    const { f, w, refresher, box, signers } = untilBlock((b) => dormantFrom(b.creationHeight));
    const tx = refreshCommunity({ community: box }, ctx(w, refresher));
    expectAccepted(w, tx, signers);
    const { policy: p, membersJoined, communityBalance } = f.community();
    const change = (d: EIP12UnsignedTransaction) => d.outputs.find((o) => o.ergoTree === refresher.ergoTree)!;
    const edits: ((d: EIP12UnsignedTransaction) => void)[] = [
      (d) => (communityOut(d).additionalRegisters.R4 = longsConstant([p.creditLimit + 1n, p.positiveCap, p.joinFeeNanoErg, p.collateralNanoErg, p.maxMembers, p.inactivityBlocks])),
      (d) => (communityOut(d).additionalRegisters.R5 = refresher.owner),
      (d) => (communityOut(d).additionalRegisters.R6 = textConstant(JSON.stringify({ ...TEST_METADATA, name: "Refresher Dollars" }))),
      (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([membersJoined, communityBalance - 5n])),
      (d) => {
        const unit = communityOut(d).assets[0]!;
        unit.amount = (BigInt(unit.amount) - 1n).toString();
        change(d).assets.push({ tokenId: unit.tokenId, amount: "1" });
      },
      (d) => moveErg(communityOut(d), change(d), 1n),
    ];
    for (const change of edits) expectRejected(w, edit(tx, change), signers);
  });
});
