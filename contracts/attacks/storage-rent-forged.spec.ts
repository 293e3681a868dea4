/**
 * Issue 10, what else an escaped unit can do (contracts/testing/escaped-units.ts). The community
 * box takes units back only from exiting accounts and gives them only to joins, so the unit cannot
 * buy a seat through a join. But no contract runs when a box is created, and an account recognises
 * its fellows by script and token alone: an account box forged around the unit is, to every
 * contract, a member. The last test shows that limit of the contracts: it is why no unit may be
 * left to rent (anyone may close a dormant account a year before rent can reach it), and why the
 * indexer flags an account whose accountId no join created as a compromise (docs/contracts.md,
 * "Storage rent").
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
  // The contracts cannot tell this account from a genuine one: no contract runs when a box is
  // created, and a credit needs no signature. mallory's forged account says +400 without any
  // payment behind it; bob's account takes a credit of 300 from it. Nothing on chain can refuse
  // this once a unit has escaped, so the defence is that none escapes (dormant close) and that
  // readers see it (indexer/sync: "account-without-join").
  it("can credit a genuine member with units nobody paid, which is why no unit may escape", () => {
    const s = escapedUnits();
    const forged = forgeAccount(s, s.open, 400n, "cd".repeat(32));
    const tx = pay({ payer: forged, payees: [{ account: s.f.account("bob").box, amountUnits: 300n }] }, s.ctx());
    const bob = s.f.account("bob").balance;
    s.w.submit(tx, [s.mallory]);
    expect(s.f.account("bob").balance).toBe(bob + 300n);
  });
});
