/**
 * Test helper: escrows' history (contract version 7, docs/escrow.md) on a real chain of the
 * builders, both interpreters judging every transaction: alice's escrow opened; an order released
 * in part by the payer, one refunded by the payee, one claimed by a stranger at its minimum after
 * the deadline, one settled at 0 by the payer after the grace window; alice's escrow closed;
 * carol's escrow opened with an order left open. When a claim leaves the rest in the escrow, the
 * payer takes it back before the next commit. Each transaction is kept as a block and replayed.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { closeEscrow, openEscrow } from "../../contracts/builders/escrow-open.ts";
import { commitOrder, settleOrder, type SettleIntent } from "../../contracts/builders/escrow-order.ts";
import { GRACE_BLOCKS } from "../../contracts/escrow/escrow.ts";
import { EscrowFixture } from "../../contracts/testing/escrow-fixture.ts";
import type { Member } from "../../contracts/testing/world.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, Replay } from "./block-testing.ts";
import type { BlockChanges } from "./lets-events.ts";

/** An escrow fixture whose transactions are blocks. */
export class EscrowChain {
  readonly f = new EscrowFixture();
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];

  constructor() {
    this.f.world.submitted.forEach((tx, i) => this.record(tx, 1_001 + i));
  }

  ctx(member: Member) {
    return { height: this.f.world.height, wallet: this.f.world.wallet(member) };
  }

  /** Judges `tx`, mines it, keeps it as a block and returns what the block changed. */
  submit(tx: EIP12UnsignedTransaction, signers: Member[]): BlockChanges & { txId: string; height: number } {
    const { signed } = this.f.world.submit(tx, signers);
    return { ...this.record(signed, this.f.world.height), txId: signed.id, height: this.f.world.height };
  }

  private record(tx: SignedTransaction, height: number): BlockChanges {
    const block = blockOf(height, chainTx(tx));
    this.blocks.push(block);
    return this.replay.applyBlock(block);
  }

  /** `owner` commits `max` units (its escrow) to `payee`, `minimum` claimable after `deadlineIn` blocks. */
  commit(owner: string, payee: string, max: bigint, minimum: bigint, deadlineIn: number, reference = "") {
    const intent = {
      escrow: this.f.escrowBox(owner), payer: this.f.account(owner).box, payeeId: this.f.account(payee).accountId, maxUnits: max, minimumUnits: minimum,
      deadline: this.f.world.height + deadlineIn, reference,
    };
    const result = this.submit(commitOrder(intent, this.ctx(this.f.member(owner))), [this.f.member(owner)]);
    return { ...result, orderId: this.f.escrowBox(owner).boxId };
  }

  /** Settles `owner`'s order (payer `owner`, payee `payee`), signed by `signer`. */
  settle(owner: string, payee: string, by: SettleIntent["by"], signer: string, releasedUnits?: bigint) {
    const intent = { escrow: this.f.escrowBox(owner), payer: this.f.account(owner).box, payee: this.f.account(payee).box, by, ...(releasedUnits === undefined ? {} : { releasedUnits }) };
    return this.submit(settleOrder(intent, this.ctx(this.f.member(signer))), [this.f.member(signer)]);
  }
}

/** The whole history, with the transactions and values the specs check. */
export function escrowHistory() {
  const c = new EscrowChain();
  const { f } = c;
  const openBlock = c.blocks.at(-1)!;
  const opened = { txId: openBlock.transactions[0]!.id, height: openBlock.header.height, escrow: f.escrowOf("alice") };
  const commitReleased = c.commit("alice", "bob", 50n, 20n, 100, "ab".repeat(32));
  const released = c.settle("alice", "bob", "payer", "alice", 35n);
  const commitRefunded = c.commit("alice", "bob", 40n, 15n, 5);
  const refunded = c.settle("alice", "bob", "payee", "bob");
  const commitClaimed = c.commit("alice", "bob", 40n, 15n, 5);
  f.world.mine(6);
  const claimed = c.settle("alice", "bob", "anyone", "carol");
  // A claim of the minimum leaves the rest in the escrow as an order without a minimum (docs/escrow.md); the payer takes it back.
  const restOrderId = claimed.escrowActivities[0]?.order?.orderId;
  const rest = restOrderId === undefined ? undefined : c.settle("alice", "bob", "payer", "alice", 0n);
  const commitLapsed = c.commit("alice", "carol", 30n, 10n, 5);
  f.world.mine(5 + Number(GRACE_BLOCKS));
  const lapsed = c.settle("alice", "carol", "payer", "alice", 0n);
  const alice = f.member("alice");
  const closed = c.submit(closeEscrow({ community: f.communityBox(), escrow: f.escrowBox("alice") }, c.ctx(alice)), [alice]);
  const carol = f.member("carol");
  const carolOpened = c.submit(openEscrow({ community: f.communityBox(), account: f.account("carol").box }, c.ctx(carol)), [carol]);
  const commitOpen = c.commit("carol", "bob", 25n, 5n, 50);
  return { c, f, opened, commitReleased, released, commitRefunded, refunded, commitClaimed, claimed, rest, restOrderId, commitLapsed, lapsed, closed, carolOpened, commitOpen };
}

export type EscrowHistory = ReturnType<typeof escrowHistory>;
