/** Underwriting end to end on both interpreters (docs/underwriting.md). */
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "./close-defaulted.ts";
import { leave } from "./leave.ts";
import { cancelUnderwriting, withdrawUnderwriting } from "./underwrite.ts";
import { UnderwritingRefused } from "../errors.ts";
import { exitShares } from "../underwriting/underwriting.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";

const ERG = 1_000_000_000n;

describe("underwriting", () => {
  it("raises the limit, refuses the withdrawal while the raise is used, allows it once repaid", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 200n, 10n * ERG);
    expect(stake.state).toBe("active");
    const alice = f.account("alice");
    expect(alice.terms.creditLimit).toBe(300n);
    expect(alice.terms.backing).toEqual({ backed: 200n, stakes: [stake.stakeId!.slice(0, 32)] });
    f.pay("alice", "bob", 250n);
    expect(f.account("alice").balance).toBe(-250n);
    const withdraw = () => withdrawUnderwriting({ stake: f.world.box(stake.boxId), account: f.account("alice").box }, { height: f.world.height, wallet: f.world.wallet(f.uma) });
    expect(withdraw).toThrow(UnderwritingRefused);
    f.pay("bob", "alice", 160n);
    const tx = withdraw();
    f.world.submit(tx, [f.uma]);
    const after = f.account("alice");
    expect(after.terms.creditLimit).toBe(100n);
    expect(after.terms.backing).toBeUndefined();
    expect(f.stakes()).toHaveLength(0);
    expect(f.conservation()).toBe(0n);
  });

  it("several underwriters, a premium, and a leave that returns every stake", () => {
    const f = new UnderwritingFixture();
    const first = f.underwrite("alice", 100n, 5n * ERG);
    const offer = f.offer("alice", 50n, 5n * ERG, { by: f.member("bob"), premium: 7n, premiumTo: "bob" });
    const second = f.accept("alice", offer, "bob");
    expect(f.account("alice").balance).toBe(-7n);
    expect(f.account("bob").balance).toBe(7n);
    expect(f.account("alice").terms.creditLimit).toBe(250n);
    f.pay("bob", "alice", 7n);
    const tx = leave({ community: f.communityBox(), account: f.account("alice").box, stakes: [f.world.box(first.boxId), f.world.box(second.boxId)] }, { height: f.world.height, wallet: f.world.wallet(f.member("alice")) });
    const done = f.world.submit(tx, [f.member("alice")]);
    expect(f.stakes()).toHaveLength(0);
    const toUma = done.outputs.filter((b) => b.ergoTree === f.uma.ergoTree);
    expect(toUma.map((b) => BigInt(b.value))).toEqual([5n * ERG]);
  });

  it("a default pays the committee the share of the raise in use", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 200n, 10n * ERG);
    f.pay("alice", "bob", 250n); // 150 below the un-raised floor of -100: 150 of the 200 raised are used
    f.world.height += 60;
    const alice = f.account("alice");
    const shares = exitShares(alice, stake.stakeNanoErg);
    expect(shares.lost).toBe((10n * ERG * 150n) / 200n);
    const tx = closeDefaulted({ community: f.communityBox(), accounts: [alice.box], stakes: [f.world.box(stake.boxId)] }, { height: f.world.height, wallet: f.world.wallet(f.member("carol")) });
    const done = f.world.submit(tx, [f.member("carol")]);
    const toCommittee = done.outputs.filter((b) => b.ergoTree === f.committee.ergoTree);
    expect(toCommittee.map((b) => BigInt(b.value))).toEqual([shares.lost]);
    expect(done.outputs.filter((b) => b.ergoTree === f.uma.ergoTree).map((b) => BigInt(b.value))).toEqual([shares.returned]);
    expect(f.conservation()).toBe(0n);
  });

  it("cancels an offer", () => {
    const f = new UnderwritingFixture();
    const offer = f.offer("alice", 100n, 5n * ERG);
    f.world.submit(cancelUnderwriting({ offer: f.world.box(offer.boxId) }, { height: f.world.height, wallet: f.world.wallet(f.uma) }), [f.uma]);
    expect(f.stakes()).toHaveLength(0);
  });
});

describe("underwriting a debtor", () => {
  it("a member already in debt accepts a stake without a premium", () => {
    const f = new UnderwritingFixture();
    f.pay("alice", "bob", 80n);
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    expect(stake.state).toBe("active");
    expect(f.account("alice").terms.creditLimit).toBe(200n);
    f.pay("alice", "bob", 120n);
    expect(f.account("alice").balance).toBe(-200n);
  });
});
