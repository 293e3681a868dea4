/**
 * Post-factum payments through their builders (docs/escrow.md), every transaction judged by both
 * interpreters: an escrow opened with a seat; an order committed, released, refunded, claimed at
 * its minimum after the deadline, settled at 0 after the grace window; the escrow used again and
 * closed. The books stay zero-sum with the escrow in them. Then the typed errors.
 */
import { describe, expect, it } from "vitest";
import { closeEscrow, refreshEscrow } from "./escrow-open.ts";
import { commitOrder, settleOrder } from "./escrow-order.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { CommunityFull, CreditLimitExceeded, InvalidIntent, NotDormant, OrderExceedsCommitment } from "../errors.ts";
import { GRACE_BLOCKS } from "../escrow/escrow.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";

describe("escrow and post-factum payments", () => {
  const commit = (f: EscrowFixture, max: bigint, minimum = 0n, deadlineIn = 100) => {
    const alice = f.member("alice");
    f.world.submit(
      commitOrder(
        { escrow: f.escrowBox(), payer: f.account("alice").box, payeeId: f.account("bob").accountId, maxUnits: max, minimumUnits: minimum, deadline: f.world.height + deadlineIn, reference: "ab".repeat(32) },
        { height: f.world.height, wallet: f.world.wallet(alice) },
      ),
      [alice],
    );
  };

  it("opens with a seat and the joining fee; commits, releases part, and the payer gets the rest back", () => {
    const f = new EscrowFixture();
    const e = f.escrowOf();
    expect(e.balance).toBe(0n);
    expect(e.order).toBeNull();
    expect(e.owner).toBe(f.member("alice").owner);
    expect(f.community().seatsLeft).toBe(10n - 3n - 1n);
    commit(f, 50n, 20n);
    // the deposit taken at opening already covers the floor of an open order's box: no top-up
    expect(f.escrowOf().depositNanoErg).toBe(e.depositNanoErg);
    expect(f.account("alice").balance).toBe(-50n);
    expect(f.escrowOf().order).toMatchObject({ max: 50n, minimum: 20n, payeeId: f.account("bob").accountId, reference: "ab".repeat(32) });
    expect(f.conservation()).toBe(0n);
    const alice = f.member("alice");
    f.world.submit(
      settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, payee: f.account("bob").box, by: "payer", releasedUnits: 35n }, { height: f.world.height, wallet: f.world.wallet(alice) }),
      [alice],
    );
    expect(f.account("bob").balance).toBe(35n);
    expect(f.account("alice").balance).toBe(-35n);
    expect(f.escrowOf().balance).toBe(0n);
    expect(f.conservation()).toBe(0n);
    // The same escrow takes the next order.
    commit(f, 10n);
    expect(f.escrowOf().order?.max).toBe(10n);
  });

  it("the payee refunds everything; after the deadline anyone claims the minimum for the payee, then returns the rest to the payer", () => {
    const f = new EscrowFixture();
    commit(f, 40n, 15n, 5);
    const bob = f.member("bob");
    f.world.submit(settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, payee: f.account("bob").box, by: "payee" }, { height: f.world.height, wallet: f.world.wallet(bob) }), [bob]);
    expect(f.account("alice").balance).toBe(0n);
    expect(f.account("bob").balance).toBe(0n);
    commit(f, 40n, 15n, 5);
    expect(() => settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, payee: f.account("bob").box, by: "anyone" }, { height: f.world.height, wallet: f.world.wallet(f.member("carol")) })).toThrow(InvalidIntent);
    f.world.mine(6);
    const carol = f.member("carol");
    // The claim moves the minimum alone: alice's account stays out, the rest stays as an order without a minimum.
    const claim = settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, payee: f.account("bob").box, by: "anyone" }, { height: f.world.height, wallet: f.world.wallet(carol) });
    expect(claim.inputs.map((i) => i.boxId)).not.toContain(f.account("alice").boxId);
    f.world.submit(claim, [carol]);
    expect(f.account("bob").balance).toBe(15n);
    expect(f.account("alice").balance).toBe(-40n);
    expect(f.escrowOf().order).toMatchObject({ max: 25n, minimum: 0n, payeeId: f.account("bob").accountId });
    expect(f.conservation()).toBe(0n);
    // Anyone returns the rest to alice, the deadline being past and no minimum left.
    f.world.submit(settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, by: "anyone" }, { height: f.world.height, wallet: f.world.wallet(carol) }), [carol]);
    expect(f.account("alice").balance).toBe(-15n);
    expect(f.escrowOf().order).toBeNull();
    expect(f.conservation()).toBe(0n);
  });

  it("the payer may settle below the minimum only after the payee's claim window; then closes the escrow", () => {
    const f = new EscrowFixture();
    commit(f, 30n, 10n, 5);
    const alice = f.member("alice");
    const release = (units: bigint) =>
      settleOrder({ escrow: f.escrowBox(), payer: f.account("alice").box, by: "payer", releasedUnits: units }, { height: f.world.height, wallet: f.world.wallet(alice) });
    expect(() => release(0n)).toThrow(/at least the agreed minimum/);
    expect(() => release(31n)).toThrow(OrderExceedsCommitment);
    f.world.mine(5 + Number(GRACE_BLOCKS));
    f.world.submit(release(0n), [alice]);
    expect(f.account("alice").balance).toBe(0n);
    const seats = f.community().seatsLeft;
    f.world.submit(closeEscrow({ community: f.communityBox(), escrow: f.escrowBox() }, { height: f.world.height, wallet: f.world.wallet(alice) }), [alice]);
    expect(f.community().seatsLeft).toBe(seats + 1n);
    expect(() => f.escrowBox()).toThrow();
  });

  it("keeps the last free seat for a join", () => {
    const f = new EscrowFixture({ members: Array.from({ length: 8 }, (_, i) => `m${i}`), owner: "m0" });
    expect(f.community().seatsLeft).toBe(1n);
    expect(() => f.openEscrow("m1")).toThrow(CommunityFull);
    expect(() => f.openEscrow("m1")).toThrow(/last free seat/);
  });

  it("refuses intents the contracts would refuse, with typed errors", () => {
    const f = new EscrowFixture();
    const ctx = { height: f.world.height, wallet: f.world.wallet(f.member("alice")) };
    const base = { escrow: f.escrowBox(), payer: f.account("alice").box, payeeId: f.account("bob").accountId, deadline: f.world.height + 10 };
    expect(() => commitOrder({ ...base, maxUnits: 1_001n }, ctx)).toThrow(CreditLimitExceeded);
    expect(() => commitOrder({ ...base, maxUnits: 5n, minimumUnits: 6n }, ctx)).toThrow(/more than the 5 committed/);
    expect(() => commitOrder({ ...base, maxUnits: 5n, deadline: f.world.height + 1 }, ctx)).toThrow(/not after the next block/);
    expect(() => commitOrder({ ...base, maxUnits: 5n, deadline: f.world.height + DORMANT_BLOCKS + 1 }, ctx)).toThrow(/at most/);
    expect(() => commitOrder({ ...base, maxUnits: 5n, payeeId: f.account("alice").accountId }, ctx)).toThrow(/payee is the payer/);
    expect(() => commitOrder({ ...base, maxUnits: 5n, reference: "zz" }, ctx)).toThrow(/reference/);
    expect(() => commitOrder({ ...base, payer: f.account("bob").box, maxUnits: 5n }, ctx)).toThrow(/another key/);
    expect(() => settleOrder({ escrow: f.escrowBox(), by: "payer", releasedUnits: 1n }, ctx)).toThrow(/no open order/);
    expect(() => refreshEscrow({ escrow: f.escrowBox() }, ctx)).toThrow(NotDormant);
  });
});
