/**
 * Adversarial review of contract version 2 (issue 10). A reviewer whose only job was to break
 * version 2 found three holes; the contracts were changed to close them, and each is now an
 * ordinary attack test, refused by both interpreters next to its accepted twin:
 *
 * 1. exit payouts could be back-dated into storage rent (here);
 * 2. governance could park the community box at the 4,096-byte limit and freeze every exit (here);
 * 3. with no positive cap, recycled defaults could drive communityBalance to Long.MinValue
 *    (adversary-v2-cap.spec.ts).
 *
 * The attacks the contracts refused from the start are in adversary-v2-refused.spec.ts.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { createCommunity } from "../builders/create.ts";
import { govern } from "../builders/govern.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { committeeFromKeys } from "../committee.ts";
import { InvalidIntent } from "../errors.ts";
import { bytesConstant, textConstant } from "../registers.ts";
import { DORMANT_BLOCKS, MAX_AGE_BLOCKS, MAX_COMMUNITY_BYTES } from "../scripts.ts";
import { dormantFrom, rentFrom } from "../storage-rent.ts";
import { Fixture, TEST_METADATA, TEST_POLICY } from "../testing/community-fixture.ts";
import { MAX_BOX_BYTES, monotonicHeightRefusal, outputBytes } from "../testing/ledger-rules.ts";
import { storageFeeNanoErg, takeByRent } from "../testing/rent.ts";
import { communityOut, edit, expectAccepted, expectScriptRefuses } from "../testing/tx-edit.ts";
import type { Member, World } from "../testing/world.ts";

/** Output `index` of `tx` as the box it would become (for its storage fee). */
const asBox = (tx: EIP12UnsignedTransaction, index: number): Box<string> =>
  ({ ...tx.outputs[index]!, boxId: "", transactionId: "00".repeat(32), index }) as Box<string>;

// ---------------------------------------------------------------------------------------------
// 1. Exit payouts are dated now. The exit path (default, dormant close) pays the owner at
// OUTPUTS(i). Version 2 checked its script and value but not its creation height, so a closer
// could date the payout as old as the node allows (the newest input, e.g. the closed account's
// own creation height) and pad it until its storage fee exceeded its value: rent could then take
// the owner's ERG whole at the closed box's own rent height, a dormancy window (788,399 blocks)
// before a payout dated now could be touched. The community contract now requires
// `OUTPUTS(i).creationInfo._1 >= HEIGHT - 720`, like every other output the contracts guard.
// ---------------------------------------------------------------------------------------------
describe("exit payouts must be dated at least HEIGHT - 720 (a fresh rent clock for the owner's ERG)", () => {
  /** alice pays bob 20, then nobody touches either box; the next block is bob's dormantFrom. */
  function dormantBob() {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const closer = w.member("closer");
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [f.member("alice")]);
    const bob = f.account("bob");
    w.mine(dormantFrom(bob.creationHeight) - 1 - w.height);
    const tx = closeDormant({ community: f.communityBox(), accounts: [bob.box] }, { height: w.height, wallet: w.wallet(closer) });
    return { f, w, closer, bob, tx };
  }

  /** `tx` with the payout at OUTPUTS(1) dated `height` and padded with 300 bytes of registers. */
  const payoutDated = (tx: EIP12UnsignedTransaction, height: number) =>
    edit(tx, (d) => {
      d.outputs[1]!.creationHeight = height;
      d.outputs[1]!.additionalRegisters = { R4: bytesConstant("00".repeat(300)) };
    });

  /** Mines to the block where rent could first take `bob`'s own box and asks whether it takes `payout` whole. */
  function rentTakes(w: World, bob: Account, payout: Box<string>, taker: Member): boolean {
    w.mine(rentFrom(bob.creationHeight) - 1 - w.height);
    return w.judgeRent(takeByRent(w, payout, taker), []).ok;
  }

  it("refuses a dormant close whose padded payout is dated at bob's own creation height (twin: the builder's, dated now, out of rent's reach)", () => {
    const { w, closer, bob, tx } = dormantBob();
    const attack = payoutDated(tx, bob.creationHeight);
    // What the closer was after: a payout worth less than its own storage fee, dated 788,399 blocks back.
    expect(BigInt(attack.outputs[1]!.value)).toBeLessThanOrEqual(storageFeeNanoErg(asBox(attack, 1)));
    expect(monotonicHeightRefusal(attack)).toBeUndefined(); // the node's ledger rules allow this date
    expectScriptRefuses(w, attack, [closer]);

    const payout = w.submit(tx, [closer]).outputs[1] as Box<string>;
    expect(payout).toMatchObject({ ergoTree: `00${bob.owner}`, creationHeight: w.height - 1 });
    expect(rentTakes(w, bob, payout, closer)).toBe(false);
  });

  it(`accepts a payout dated HEIGHT - ${MAX_AGE_BLOCKS} and refuses one a block earlier, or dated 0 (below every input, which the harness's txMonotonicHeight also refuses)`, () => {
    const { w, closer, tx } = dormantBob();
    const height = w.height + 1;
    expectAccepted(w, payoutDated(tx, height - MAX_AGE_BLOCKS), [closer]);
    expectScriptRefuses(w, payoutDated(tx, height - MAX_AGE_BLOCKS - 1), [closer]);
    const atZero = payoutDated(tx, 0);
    expect(monotonicHeightRefusal(atZero)).toMatch(/txMonotonicHeight: output 1 is dated 0/);
    expectScriptRefuses(w, atZero, [closer]); // the script refuses first, in both interpreters
  });

  it("refuses a default whose refund is dated at the debtor's old box (twin: the builder's refund)", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const outsider = w.member("outsider");
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [f.member("alice")]);
    w.mine(2 * MAX_AGE_BLOCKS);
    const tx = closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box] }, { height: w.height, wallet: w.wallet(outsider) });
    expect(tx.outputs[1]!.ergoTree).toBe(`00${f.account("alice").owner}`);
    const oldest = Math.max(...tx.inputs.map((input) => input.creationHeight)); // as old as the node allows
    expect(oldest).toBe(f.account("alice").creationHeight);
    expectScriptRefuses(w, edit(tx, (d) => (d.outputs[1]!.creationHeight = oldest)), [outsider]);
    expectAccepted(w, tx, [outsider]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The community box stays at most 4,032 bytes. Version 2 bounded the policy but not the size
// of the metadata (R6) or the committee (R5), so a committee could govern the box to exactly the
// node's 4,096-byte limit. Every later successor keeps R4..R6 and may not shrink its value, so
// the first field to grow by a byte froze the box: the creation height's VLQ (from 2 to 3 bytes
// at HEIGHT 17,104 here; on mainnet from 3 to 4 bytes at 2,097,872, for every community at once),
// the seats at 127 -> 128, or communityBalance after a default. From then on no member could
// leave, nobody could be defaulted or closed as dormant, and the box could not be refreshed:
// accounts would rot into storage rent. The contract now requires `out.bytes.size <= 4,032` on
// govern (MAX_COMMUNITY_BYTES: room for every field that grows), and the builders refuse more.
// ---------------------------------------------------------------------------------------------
describe(`governance keeps the community box at most ${MAX_COMMUNITY_BYTES} bytes`, () => {
  /** The first tip at which builders date boxes with a 4-byte VLQ height (>= 2^21), HEIGHT - 720 too. */
  const MAINNET_WIDE = 2_097_152 + MAX_AGE_BLOCKS;

  /** A govern (with a 5 ERG deposit for the floor of a big box) whose community output is exactly `bytes` long. */
  function governTo(bytes: number) {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const built = govern({ community: f.communityBox(), depositNanoErg: 5_000_000_000n }, { height: w.height, wallet: w.wallet(f.committee) });
    const tx = edit(built, (d) => {
      const index = d.outputs.indexOf(communityOut(d));
      const out = d.outputs[index]!;
      const rest = outputBytes(d.outputs, index) - out.additionalRegisters.R6!.length / 2;
      for (let n = bytes - rest - 3; ; n++) {
        out.additionalRegisters.R6 = textConstant("x".repeat(n));
        if (outputBytes(d.outputs, index) === bytes) return;
      }
    });
    return { f, w, tx, alice: f.member("alice") };
  }

  const ctx = (w: World, m: Member) => ({ height: w.height, wallet: w.wallet(m) });

  /**
   * `build` run on a copy of the live community box with short metadata, then moved onto the real
   * box (same id, value and other registers, so ERG stays balanced): the builders refuse every
   * community successor above 4,032 bytes, while the contract bounds only govern, so a box that
   * grew past 4,032 bytes is spent here as a hand-built transaction would spend it.
   */
  function onLiveBox(f: Fixture, build: (community: Box<string>) => EIP12UnsignedTransaction): EIP12UnsignedTransaction {
    const live = f.communityBox();
    const assets = live.assets.map((t) => ({ tokenId: t.tokenId, amount: BigInt(t.amount) }));
    const registers = { ...live.additionalRegisters, R6: textConstant("short") };
    const shadow = mockUTxO({ ...live, value: BigInt(live.value), assets, additionalRegisters: registers });
    const shadowBox = { ...shadow, value: shadow.value.toString(), assets: live.assets };
    return edit(build(shadowBox), (d) => {
      d.inputs[0] = { ...live, extension: {} };
      communityOut(d).additionalRegisters.R6 = live.additionalRegisters.R6!;
    });
  }
  const communityBytes = (tx: EIP12UnsignedTransaction) => outputBytes(tx.outputs, tx.outputs.indexOf(communityOut(tx)));
  const leaveTx = (f: Fixture, alice: Member) =>
    onLiveBox(f, (community) => leave({ community, account: f.account("alice").box }, ctx(f.world, alice)));

  it(`refuses a govern that parks the box at ${MAX_BOX_BYTES} bytes, or at ${MAX_COMMUNITY_BYTES + 1} (twin: ${MAX_COMMUNITY_BYTES})`, () => {
    for (const bytes of [MAX_BOX_BYTES, MAX_COMMUNITY_BYTES + 1]) {
      const { f, w, tx } = governTo(bytes);
      expectScriptRefuses(w, tx, [f.committee]);
    }
    const { f, w, tx } = governTo(MAX_COMMUNITY_BYTES);
    expectAccepted(w, tx, [f.committee]);
  });

  it(`twin: from ${MAX_COMMUNITY_BYTES} bytes every path still fits once heights take four VLQ bytes: a refresh, a leave, a dormant close`, () => {
    const { f, w, tx, alice } = governTo(MAX_COMMUNITY_BYTES);
    w.submit(tx, [f.committee]);
    w.mine(MAINNET_WIDE - w.height);
    const closer = w.member("closer");
    // Idle for longer than a storage period: exits wait for a refresh (an account's exit needs a
    // community box storage rent could not have spent), which must fit too.
    const refreshed = onLiveBox(f, (community) => refreshCommunity({ community }, ctx(w, closer)));
    expect(communityBytes(refreshed)).toBe(MAX_COMMUNITY_BYTES + 2); // the creation height grew from 2 to 4 bytes
    w.submit(refreshed, [closer]);
    const left = leaveTx(f, alice);
    expect(communityBytes(left)).toBe(MAX_COMMUNITY_BYTES + 2);
    w.submit(left, [alice]);
    w.mine(DORMANT_BLOCKS + 1);
    expectAccepted(w, onLiveBox(f, (community) => closeDormant({ community, accounts: [f.account("bob").box] }, ctx(w, closer))), [closer]);
    expectAccepted(w, onLiveBox(f, (community) => refreshCommunity({ community }, ctx(w, closer))), [closer]);
  });

  it(`what the bound prevents: from a box at ${MAX_BOX_BYTES} bytes (no longer reachable) a leave makes a ${MAX_BOX_BYTES + 1}-byte successor once heights widen; the scripts allow it, the ledger does not`, () => {
    const { f, w, tx, alice } = governTo(MAX_BOX_BYTES);
    const parked = communityOut(tx);
    const genuine = f.communityBox();
    w.utxos.delete(genuine.boxId); // as if the govern had been accepted: the same box with R6 grown
    const assets = genuine.assets.map((t) => ({ tokenId: t.tokenId, amount: BigInt(t.amount) }));
    w.addBox({ ergoTree: parked.ergoTree, value: BigInt(parked.value), assets, additionalRegisters: parked.additionalRegisters });
    expectAccepted(w, leaveTx(f, alice), [alice]); // still fits while heights take 2 bytes
    w.mine(16_384 + MAX_AGE_BLOCKS - w.height);
    const verdict = w.judge(leaveTx(f, alice), [alice]);
    expect(verdict.mock).toEqual({ ok: false, reason: `txBoxSize: output 0 is ${MAX_BOX_BYTES + 1} bytes, at most ${MAX_BOX_BYTES}` });
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "validate", reason: expect.stringMatching(/Output box size 4097 > maximum 4096/) });
  });

  it(`the builders refuse a community box over ${MAX_COMMUNITY_BYTES} bytes, and so does the contract (twin: a smaller committee)`, () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const keys = Array.from({ length: 70 }, (_, i) => w.member(`key${i}`, 1_000_000_000n).owner.slice(4));
    // 6 keys: the most that fit beside version 9's community tree (9 beside version 8's, 115 bytes
    // smaller; 13 beside version 7's; 22 beside version 6's; 35 beside version 5's; 37 beside version 4's).
    const [big, small] = [committeeFromKeys(keys, 2), committeeFromKeys(keys.slice(0, 6), 2)];
    // The policy changes too: sigmastate throws comparing a k-of-n committee (left) with the old
    // single key (right) in `rulesKept`, which it evaluates eagerly unless `newPolicy == policy` fails.
    const policy = { joinFeeNanoErg: TEST_POLICY.joinFeeNanoErg + 1n };
    const intent = (committee: string) => ({ community: f.communityBox(), committee, policy, depositNanoErg: 5_000_000_000n });
    expect(() => govern(intent(big), ctx(w, f.committee))).toThrow(InvalidIntent);
    expect(() => govern(intent(big), ctx(w, f.committee))).toThrow(new RegExp(`at most ${MAX_COMMUNITY_BYTES}`));
    const create = { policy: TEST_POLICY, metadata: TEST_METADATA, committee: big };
    expect(() => createCommunity(create, ctx(w, f.committee))).toThrow(InvalidIntent);
    expect(() => createCommunity({ ...create, committee: small }, ctx(w, f.committee))).not.toThrow();

    const smaller = govern(intent(small), ctx(w, f.committee));
    expectAccepted(w, smaller, [f.committee]);
    const bigger = edit(smaller, (d) => (communityOut(d).additionalRegisters.R5 = big));
    expect(outputBytes(bigger.outputs, bigger.outputs.indexOf(communityOut(bigger)))).toBeGreaterThan(MAX_COMMUNITY_BYTES);
    expectScriptRefuses(w, bigger, [f.committee]);
  });
});
