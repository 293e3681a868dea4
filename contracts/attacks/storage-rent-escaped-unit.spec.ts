/**
 * Issue 10, exit authenticity. A membership unit that storage rent let escape (nobody closed its
 * dormant account in time: storage-rent.spec.ts) sits in a box of the attacker's choosing. Contract
 * version 1 let such a box, put as INPUTS(0), close any negative account and let a debtor leave;
 * version 2's account accepts only the genuine community tree there. Each attack below is refused
 * at input 1, the account: the attacker's box passed its own script (ergo-lib signs in order and
 * names the first input it cannot prove). What a forged account can do: storage-rent-forged.spec.ts.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { closeDefaulted, defaultBlocker } from "../builders/close-defaulted.ts";
import { buildExit } from "../builders/exit.ts";
import { leave } from "../builders/leave.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { ATTACKER_DORMANT_BLOCKS, attackerCommunityTree, escapedUnits, ESCAPE_POLICY, through } from "../testing/escaped-units.ts";
import { expectAccepted } from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";

/** The input whose script refused `tx`, when both interpreters refuse it. */
function refusingInput(world: World, tx: EIP12UnsignedTransaction, signers: Member[]): number | undefined {
  const verdict = world.judge(tx, signers);
  expect(agreed(verdict), "expected both interpreters to refuse").toBe(false);
  const match = !verdict.ergoLib.ok && /input index (\d+)/.exec(verdict.ergoLib.reason);
  return match ? Number(match[1]) : undefined;
}

describe("the attacker's community tree", () => {
  it("differs from the genuine one only in its dormancy window: same size, the account tree at the same offset", () => {
    const tree = attackerCommunityTree();
    expect(tree).toHaveLength(COMMUNITY_ERGO_TREE.length);
    expect(tree.indexOf(ACCOUNT_ERGO_TREE)).toBe(COMMUNITY_ERGO_TREE.indexOf(ACCOUNT_ERGO_TREE));
    expect([...tree].filter((c, i) => c !== COMMUNITY_ERGO_TREE[i]).length).toBeLessThanOrEqual(6);
    expect(ATTACKER_DORMANT_BLOCKS).toBeLessThan(Number(ESCAPE_POLICY.inactivityBlocks));
  });
});

describe("an escaped unit as INPUTS(0)", () => {
  it("cannot close an active debtor, through any box of the attacker's (nor can the genuine community box)", () => {
    const s = escapedUnits();
    const alice = s.f.account("alice");
    expect(defaultBlocker(alice, s.w.height)).toMatch(/closable from height/);
    const tx = buildExit(s.f.community(), [alice], "close", s.ctx());
    expect(refusingInput(s.w, tx, [s.mallory])).toBe(0); // the genuine community: not in default
    for (const box of [s.own, s.open, s.fake]) {
      expect(refusingInput(s.w, through(tx, box, [alice], s.mallory.ergoTree), [s.mallory])).toBe(1);
    }
  });

  it("cannot close a defaulted debtor, through any box of the attacker's (twin: the genuine community box closes it)", () => {
    const s = escapedUnits();
    const alice = s.f.account("alice");
    s.w.mine(Number(alice.lastActiveHeight + ESCAPE_POLICY.inactivityBlocks) - 1 - s.w.height); // the next block is due
    const tx = closeDefaulted({ community: s.f.communityBox(), accounts: [alice.box] }, s.ctx());
    expectAccepted(s.w, tx, [s.mallory]);
    for (const box of [s.own, s.open, s.fake]) {
      expect(refusingInput(s.w, through(tx, box, [alice], s.mallory.ergoTree), [s.mallory])).toBe(1);
    }
  });

  it("cannot let a debtor leave with its ERG (twin: dan, at 0, leaves through the genuine box, not through an open one)", () => {
    const s = escapedUnits();
    const [dan, alice] = [s.f.member("dan"), s.f.member("alice")];
    const danLeaves = leave({ community: s.f.communityBox(), account: s.f.account("dan").box }, s.ctx(dan));
    expectAccepted(s.w, danLeaves, [dan]);
    expect(refusingInput(s.w, through(danLeaves, s.open, [s.f.account("dan")], dan.ergoTree), [dan])).toBe(1);

    const debtor = s.f.account("alice");
    const aliceLeaves = buildExit(s.f.community(), [debtor], "leave", s.ctx(alice));
    for (const box of [s.own, s.open]) {
      expect(refusingInput(s.w, through(aliceLeaves, box, [debtor], alice.ergoTree), [alice, s.mallory])).toBe(1);
    }
    // The attacker's tree pays a closed account's ERG to its owner (here alice herself), as the genuine one does.
    const aliceCloses = buildExit(s.f.community(), [debtor], "close", s.ctx(alice));
    expect(refusingInput(s.w, through(aliceCloses, s.fake, [debtor], alice.ergoTree), [alice])).toBe(1);
  });
});
