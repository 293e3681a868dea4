/**
 * Escrow shapes (contract version 7, docs/escrow.md). A community of three members (the escrow
 * fixture's policy) where alice opens an escrow (`escrow-open`: a seat and the joining fee), commits
 * 50 units to bob with a minimum of 20 (`escrow-commit`) and releases 35 of them (`escrow-release`:
 * bob gains 35, alice gets 15 back); then an order of 40 whose deadline passes is claimed at its
 * minimum of 15 by carol, a stranger to it (`escrow-claim`); one that bob refunds (`escrow-refund`); and alice closes
 * the idle escrow, the seat going back to the community box (`escrow-close`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { closeEscrow, openEscrow } from "../builders/escrow-open.ts";
import { commitOrder, settleOrder } from "../builders/escrow-order.ts";
import { decodeEscrow } from "../escrow/escrow.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import type { Member, World } from "../testing/world.ts";
import { secretOf, type Shape } from "./shape.ts";

/** Shape names, in the order the rows are printed. */
export const ESCROW_SHAPES = ["escrow-open", "escrow-commit", "escrow-release", "escrow-claim", "escrow-refund", "escrow-close"];

function recorder(w: World, shapes: Shape[]) {
  return (name: string, tx: EIP12UnsignedTransaction, signer: Member): void => {
    shapes.push({ name, tx, secrets: [secretOf(signer)], height: w.height + 1 });
    w.submit(tx, [signer]);
  };
}

/** Builds the escrow shapes. */
export function buildEscrowShapes(): Shape[] {
  const shapes: Shape[] = [];
  // Opened here, so that the opening is measured (EscrowFixture opens its own unrecorded).
  const f = new Fixture({ policy: testPolicy({ positiveCap: 5_000n, creditLimit: 1_000n }), members: ["alice", "bob", "carol"] });
  const w = f.world;
  const record = recorder(w, shapes);
  const [alice, bob, carol] = [f.member("alice"), f.member("bob"), f.member("carol")];
  const ctx = (m: Member) => ({ height: w.height, wallet: w.wallet(m) });
  record("escrow-open", openEscrow({ community: f.communityBox(), account: f.account("alice").box }, ctx(alice)), alice);
  const escrowBox = () => {
    const box = [...w.utxos.values()].find((b) => {
      const d = decodeEscrow(b);
      return d.ok && d.value.communityId === f.communityId;
    });
    if (!box) throw new Error("no live escrow box");
    return box;
  };
  const commit = (maxUnits: bigint, minimumUnits: bigint, deadlineIn: number) =>
    commitOrder(
      { escrow: escrowBox(), payer: f.account("alice").box, payeeId: f.account("bob").accountId, maxUnits, minimumUnits, deadline: w.height + deadlineIn, reference: "ab".repeat(32) },
      ctx(alice),
    );
  const parties = () => ({ escrow: escrowBox(), payer: f.account("alice").box, payee: f.account("bob").box });
  record("escrow-commit", commit(50n, 20n, 100), alice);
  record("escrow-release", settleOrder({ ...parties(), by: "payer", releasedUnits: 35n }, ctx(alice)), alice);
  w.submit(commit(40n, 15n, 5), [alice]);
  w.mine(6);
  record("escrow-claim", settleOrder({ ...parties(), by: "anyone" }, ctx(carol)), carol);
  // A claim may leave the rest in the escrow as an order without a minimum: alice takes it back.
  const left = decodeEscrow(escrowBox());
  if (left.ok && left.value.order) w.submit(settleOrder({ ...parties(), by: "payer", releasedUnits: 0n }, ctx(alice)), [alice]);
  w.submit(commit(40n, 15n, 100), [alice]);
  record("escrow-refund", settleOrder({ ...parties(), by: "payee" }, ctx(bob)), bob);
  record("escrow-close", closeEscrow({ community: f.communityBox(), escrow: escrowBox() }, ctx(alice)), alice);
  return shapes;
}
