/**
 * Issue 10, what else an escaped unit can do (contracts/testing/escaped-units.ts). The community
 * box takes units back only from exiting accounts and gives them only to joins, so the unit cannot
 * buy a seat through a join. But no contract runs when a box is created, and an account recognises
 * its fellows by script and token alone: an account box forged around the unit is, to every
 * contract, a member. The last test is a break of contract version 2 (reported, not fixed here).
 */
import { describe, expect, it } from "vitest";
import { decodeAccount } from "../account/account.ts";
import { buildExit } from "../builders/exit.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { escapedUnits, forgeAccount } from "../testing/escaped-units.ts";
import { communityOut, edit, expectAccepted, expectRejected, rebalance } from "../testing/tx-edit.ts";

describe("an escaped unit and the genuine community box", () => {
  it("cannot buy a seat through a join: the new account's unit must come from the community box (twin: the builder's join)", () => {
    const s = escapedUnits();
    const tx = join({ community: s.f.communityBox(), owner: s.mallory.owner }, s.ctx());
    expectAccepted(s.w, tx, [s.mallory]);
    const ownUnit = edit(tx, (d) => {
      d.inputs.push({ ...s.own, extension: {} });
      const community = communityOut(d);
      community.assets[0]!.amount = (BigInt(community.assets[0]!.amount) + 1n).toString();
      rebalance(d, s.mallory.ergoTree);
    });
    expectRejected(s.w, ownUnit, [s.mallory]);
  });

  it("takes it back from an account forged around it at balance 0: a seat comes home, the books do not move (twin: at +400 it cannot leave)", () => {
    const s = escapedUnits();
    const atZero = forgeAccount(s, s.own, 0n, "ab".repeat(32));
    const before = s.f.community();
    s.w.submit(leave({ community: s.f.communityBox(), account: atZero }, s.ctx()), [s.mallory]);
    const after = s.f.community();
    expect(after.seatsLeft).toBe(before.seatsLeft + 1n);
    expect([after.communityBalance, after.membersJoined, after.treasuryNanoErg]).toEqual([before.communityBalance, before.membersJoined, before.treasuryNanoErg]);

    const rich = forgeAccount(s, s.open, 400n, "cd".repeat(32));
    const decoded = decodeAccount(rich);
    if (!decoded.ok) throw new Error(decoded.reason);
    expectRejected(s.w, buildExit(s.f.community(), [decoded.value], "leave", s.ctx()), [s.mallory]);
  });
});

describe("an account forged around an escaped unit", () => {
  // BREAK (contract v2, reported): expected refused, and both interpreters accept it. mallory's
  // forged account says +400 without any payment behind it; bob's account takes the credit
  // (a credit needs no signature), so 300 units are minted into the community, spendable by bob.
  // The transaction: inputs [forged account (account tree, (communityId, 1), R4 mallory, R5 400,
  // R6 [100, 0, 0, 0, h], R7 cd..cd, R8 h), bob's account, mallory's wallet]; outputs [forged at
  // 100, bob at +330, mallory's change, miner fee], signed by mallory. Only dormant close, run within the year before rent, prevents it.
  it("BREAK (contract v2): pays a genuine member with units nobody ever paid it", () => {
    const s = escapedUnits();
    const forged = forgeAccount(s, s.open, 400n, "cd".repeat(32));
    const tx = pay({ payer: forged, payees: [{ account: s.f.account("bob").box, amountUnits: 300n }] }, s.ctx());
    expectRejected(s.w, tx, [s.mallory]);
  });
});
