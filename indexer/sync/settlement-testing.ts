/**
 * Test helper: batch settlements (contract version 5, docs/batches.md) on a real chain of the
 * builders, both interpreters judging every transaction. Community A (alice, bob, carol) and B
 * (dave, erin) of `TwoCommunities`; a settler makes a batch box in a transaction of its own, then
 * settles signed orders, each settlement making the next batch box.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { TransactionBuilder } from "@fleet-sdk/core";
import { DEFAULT_FEE } from "../../contracts/builders/common.ts";
import { extendInput, paymentExtension } from "../../contracts/notes.ts";
import { planSettlement, settle, verifierOutput, type SettlementPlan } from "../../contracts/builders/settle.ts";
import { orderId, signOrder, type SignedOrder } from "../../contracts/orders.ts";
import { BATCH_ERGO_TREE } from "../../contracts/scripts.ts";
import type { Member } from "../../contracts/testing/world.ts";
import type { BlockChanges } from "./lets-events.ts";
import { TwoCommunities } from "./notes-testing.ts";

/** A member's secret key, to sign orders with. */
const secretOf = (m: Member) => m.party.key.privateKey as Uint8Array;

/** `TwoCommunities` with a settler and what it settles. */
export class SettlementChain extends TwoCommunities {
  readonly settler = this.member("settler");

  /** The settler makes a batch box in a transaction of its own (anyone may). */
  makeBatchBox(): void {
    const { utxos, changeAddress } = this.world.wallet(this.settler);
    const tx = new TransactionBuilder(this.world.height).from(utxos).to(verifierOutput()).payFee(DEFAULT_FEE).sendChangeTo(changeAddress).build().toEIP12Object();
    this.submit(tx, [this.settler]);
  }

  /** The newest live batch box. */
  batchBox() {
    const boxes = [...this.world.utxos.values()].filter((b) => b.ergoTree === BATCH_ERGO_TREE);
    if (boxes.length === 0) throw new Error("no live batch box");
    return boxes.sort((a, b) => b.creationHeight - a.creationHeight)[0]!;
  }

  /** `payer` signs an order of `amount` units to `payee`, numbered `seq`, valid for 100 blocks. */
  order(payer: string, payee: string, amount: bigint, seq: bigint): SignedOrder {
    const [from, to] = [this.account(payer), this.account(payee)];
    return signOrder({ communityId: from.communityId, payer: from.accountId, payee: to.accountId, amount, seq, expiry: BigInt(this.world.height + 100) }, secretOf(this.member(payer)));
  }

  /** The plan of `orders` over the live accounts of `names`. */
  plan(names: string[], orders: SignedOrder[]): SettlementPlan {
    return planSettlement(names.map((n) => this.account(n).box), orders, this.world.height);
  }

  /** The settlement of `plan`, built (not submitted), so that a spec may edit it. */
  build(plan: SettlementPlan): EIP12UnsignedTransaction {
    return settle({ verifier: this.batchBox(), plan }, this.ctx(this.settler));
  }

  /** Settles `orders` over the accounts of `names`; returns what its block changed. */
  settle(names: string[], orders: SignedOrder[]): BlockChanges {
    const plan = this.plan(names, orders);
    if (plan.refused.length > 0) throw new Error(`refused: ${plan.refused.map((r) => r.error.message).join("; ")}`);
    return this.submit(this.build(plan), [this.settler]);
  }
}

/** The ids of signed orders, as the chain's settlements carry them. */
export const idsOf = (orders: readonly SignedOrder[]): string[] => orders.map(orderId);

/**
 * A batch box made, two settlements in A (the second on the box the first made), and a third with a
 * memo the settler wrote on bob's input; what each block changed, and the boxes and orders involved.
 */
export function settlementHistory() {
  const c = new SettlementChain();
  c.makeBatchBox();
  const made = { record: c.replay.state.batchBoxes.get(c.batchBox().boxId), box: c.batchBox() };
  const firstBox = c.batchBox().boxId;
  const before = Object.fromEntries(["alice", "bob", "carol"].map((n) => [n, c.account(n)]));
  const first = [c.order("alice", "bob", 5n, 0n), c.order("alice", "carol", 3n, 1n), c.order("bob", "carol", 2n, 0n)];
  const settled = c.settle(["alice", "bob", "carol"], first);
  const secondBox = c.batchBox().boxId;
  const second = [c.order("carol", "alice", 4n, 0n), c.order("alice", "bob", 1n, 2n)];
  const again = c.settle(["alice", "bob", "carol"], second);
  const noted = c.build(c.plan(["bob", "carol"], [c.order("bob", "carol", 1n, 1n)]));
  extendInput(noted, c.account("bob").boxId, paymentExtension("bob pays, says the settler"));
  const bobBox = c.account("bob").boxId;
  const memo = c.submit(noted, [c.settler]);
  return { c, made, firstBox, secondBox, before, first, settled, second, again, memo, bobBox };
}

export type SettlementHistory = ReturnType<typeof settlementHistory>;
