import { describe, expect, it } from "vitest";
import { Fixture } from "../testing/community-fixture.ts";
import { pay } from "./pay.ts";
import { leave } from "./leave.ts";
import { closeDefaulted } from "./close-defaulted.ts";
import { govern } from "./govern.ts";

describe("a community's life through every path, on both interpreters", () => {
  it("creates, joins three, pays, pays three payees at once, leaves, defaults and governs", () => {
    const f = new Fixture({ members: ["alice", "bob", "carol", "dave"] });
    const w = f.world;
    expect(f.community().membersJoined).toBe(4n);
    expect(f.community().seatsLeft).toBe(6n);

    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [f.member("alice")]);
    expect(f.account("alice").balance).toBe(-20n);
    expect(f.account("bob").balance).toBe(20n);

    const multi = pay(
      { payer: f.account("bob").box, payees: ["alice", "carol", "dave"].map((n) => ({ account: f.account(n).box, amountUnits: 5n })) },
      { height: w.height },
    );
    w.submit(multi, [f.member("bob")]);
    expect(f.account("bob").balance).toBe(5n);
    expect(f.conservation()).toBe(0n);

    w.submit(pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height }), [f.member("carol")]);
    expect(f.account("carol").balance).toBe(0n);
    w.submit(leave({ community: f.communityBox(), account: f.account("carol").box }, { height: w.height, wallet: w.wallet(f.member("carol")) }), [f.member("carol")]);
    expect(f.community().seatsLeft).toBe(7n);

    w.submit(pay({ payer: f.account("dave").box, payees: [{ account: f.account("bob").box, amountUnits: 50n }] }, { height: w.height }), [f.member("dave")]);
    w.mine(60);
    const treasury = f.community().treasuryNanoErg;
    const dave = f.account("dave");
    const outsider = w.member("outsider");
    w.submit(closeDefaulted({ community: f.communityBox(), accounts: [dave.box] }, { height: w.height, wallet: w.wallet(outsider) }), [outsider]);
    expect(f.community().communityBalance).toBe(-45n);
    // The collateral is forfeited; the rest goes back to dave, less the closer's minimum box value.
    expect(f.community().treasuryNanoErg).toBe(treasury + dave.terms.collateralNanoErg);
    const refund = [...w.utxos.values()].filter((b) => b.ergoTree === f.member("dave").ergoTree && b.creationHeight === w.height - 1);
    expect(refund.map((b) => BigInt(b.value))).toEqual([dave.valueNanoErg - dave.terms.collateralNanoErg - 1_000_000n]);
    expect(f.conservation()).toBe(0n);

    w.submit(govern({ community: f.communityBox(), policy: { creditLimit: 200n } }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    expect(f.community().policy.creditLimit).toBe(200n);
    expect(f.account("alice").terms.creditLimit).toBe(100n);
  });
});
