import { describe, expect, it } from "vitest";
import { Fixture } from "../testing/community-fixture.ts";
import { signOrder, type PaymentOrder } from "../orders.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { planSettlement, settle } from "./settle.ts";
import type { Member } from "../testing/world.ts";

const secret = (m: Member) => m.party.key.privateKey as Uint8Array;

describe("settle", () => {
  it("settles signed orders from several payers to several payees in one transaction", () => {
    const f = new Fixture({ members: ["alice", "bob", "carol", "dave"] });
    const shop = f.world.member("settler");
    const verifier = f.world.addBox({ ergoTree: BATCH_ERGO_TREE, value: MIN_BOX_VALUE });
    const order = (from: string, to: string, amount: bigint, seq: bigint): PaymentOrder => ({
      communityId: f.communityId, payer: f.account(from).accountId, payee: f.account(to).accountId, amount, seq, expiry: BigInt(f.world.height + 100),
    });
    const orders = [
      signOrder(order("alice", "dave", 10n, 0n), secret(f.member("alice"))),
      signOrder(order("alice", "carol", 5n, 1n), secret(f.member("alice"))),
      signOrder(order("bob", "dave", 7n, 0n), secret(f.member("bob"))),
      signOrder(order("carol", "alice", 3n, 0n), secret(f.member("carol"))),
    ];
    const boxes = ["alice", "bob", "carol", "dave"].map((n) => f.account(n).box);
    const plan = planSettlement(boxes, orders, f.world.height);
    expect(plan.refused).toEqual([]);
    const tx = settle({ verifier, plan }, { height: f.world.height, wallet: f.world.wallet(shop) });
    f.world.submit(tx, [shop]);
    expect(f.account("alice").balance).toBe(-12n);
    expect(f.account("bob").balance).toBe(-7n);
    expect(f.account("carol").balance).toBe(2n);
    expect(f.account("dave").balance).toBe(17n);
    expect(f.account("alice").nextSeq).toBe(2n);
    expect(f.account("dave").nextSeq).toBe(0n);
  });
});

describe("revoke", () => {
  it("voids an unsettled order: the owner raises nextSeq, and the planner then refuses the order as settled", async () => {
    const { revoke } = await import("./revoke.ts");
    const f = new Fixture({ members: ["alice", "bob"] });
    const alice = f.member("alice");
    const order = signOrder(
      { communityId: f.communityId, payer: f.account("alice").accountId, payee: f.account("bob").accountId, amount: 4n, seq: 0n, expiry: BigInt(f.world.height + 50) },
      secret(alice),
    );
    f.world.submit(revoke({ account: f.account("alice").box }, { height: f.world.height }), [alice]);
    expect(f.account("alice").nextSeq).toBe(1n);
    const plan = planSettlement([f.account("alice").box, f.account("bob").box], [order], f.world.height);
    expect(plan.legs).toEqual([]);
    expect(plan.refused.map((r) => r.error.kind)).toEqual(["settled"]);
    expect(() => revoke({ account: f.account("alice").box, nextSeq: 1n }, { height: f.world.height })).toThrow(/must be above/);
  });
});
