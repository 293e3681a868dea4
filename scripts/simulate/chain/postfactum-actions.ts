/**
 * The actions of a community whose members pay some purchases post-factum (docs/simulate.md,
 * "Post-factum payments"): those of `ChainActions`, plus opening an escrow when a payer has none,
 * committing the price and a random margin to an order, and settling it a few blocks later (the
 * payer releases the price, the payee refunds it, or the payer forgets and the funder claims the
 * minimum for the payee once the deadline has passed). Built by the contracts' builders on the
 * newest boxes; the funder's wallet pays every fee and opening. The escrows are followed here (the
 * local boxes know accounts, the community and wallets); in the ledger each escrow is a unit holder
 * beside the accounts, like a line's gateway.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ESCROW_ERGO_TREE } from "../../../contracts/index.ts";
import { openEscrow } from "../../../contracts/builders/escrow-open.ts";
import { commitOrder, settleOrder, settlementOf } from "../../../contracts/builders/escrow-order.ts";
import { InvalidIntent } from "../../../contracts/errors.ts";
import type { SettleBy } from "../../../contracts/escrow/escrow.ts";
import { predict, type Predicted } from "../../../ergo/predict.ts";
import { Random } from "../../../util/prng.ts";
import type { PostFactumDetail, SimEvent } from "../events.ts";
import type { Undo } from "../ledger.ts";
import type { Member } from "../members.ts";
import type { Outcome } from "../model.ts";
import type { PostFactumSpec } from "../scenario-postfactum.ts";
import { builderRefusal, ChainActions, type ActionContext } from "./actions.ts";

/** An order committed and not yet settled, with what will become of it. */
interface Pending {
  payer: Member;
  payee: Member;
  escrowId: string;
  orderId: string;
  max: bigint;
  minimum: bigint;
  deadline: bigint;
  price: bigint;
  fate: "release" | "refund" | "forget";
  /** Simulated block from which the payer releases (or the payee refunds). */
  dueBlock: number;
}

/** A member's escrow: its id and newest box, and whether an order is open in it. */
interface Held {
  escrowId: string;
  box: Box<Amount>;
  busy: boolean;
}

/** The refusal reason of a builder's error in a post-factum step, or undefined for a bug. */
function refusal(error: unknown): string | undefined {
  if (error instanceof InvalidIntent && !builderRefusal(error)) return error.message.includes("deadline") ? "escrow deadline" : undefined;
  return builderRefusal(error);
}

export class PostFactumActions extends ChainActions {
  /** Each member's escrow, by member id. */
  readonly escrows = new Map<number, Held>();
  /** Orders committed and not settled, oldest first. */
  readonly pending: Pending[] = [];
  private readonly random: Random;

  constructor(
    ctx: ActionContext,
    readonly spec: PostFactumSpec,
  ) {
    super(ctx);
    this.random = new Random(ctx.scenario.seed, "postfactum-terms");
  }

  /** A purchase paid post-factum: an escrow opened if the payer has none, then the commit. */
  postFactum(payer: Member, payee: Member, price: bigint, block: number): Outcome {
    const held = this.escrows.get(payer.id);
    // One order at a time per escrow: a payer whose escrow is busy pays at once.
    if (held?.busy) return this.pay(payer, payee, price, block);
    if (!held && !this.openFor(payer, block)) return this.pay(payer, payee, price, block);
    const escrow = this.escrows.get(payer.id)!;
    const { boxes } = this.ctx;
    const height = this.buildHeight(block);
    // The price rounded up by a margin drawn up to `margin` of it (at least one unit more).
    const max = price + BigInt(Math.floor(Number(price) * this.spec.margin * this.random.next())) + 1n;
    const minimum = price / 2n;
    const deadline = BigInt(height + this.spec.deadlineBlocks);
    const draw = this.random.next();
    const fate = draw < this.spec.refundShare ? "refund" : draw < this.spec.refundShare + this.spec.forgetShare ? "forget" : "release";
    const base = { kind: "postfactum", block, member: payer.id, payee: payee.id, amountUnits: max } as const;
    const built = this.build(() =>
      commitOrder(
        { escrow: escrow.box, payer: boxes.account(this.accountOf.get(payer.id)!), payeeId: this.accountOf.get(payee.id)!, maxUnits: max, minimumUnits: minimum, deadline },
        this.buildContext(height),
      ),
    );
    if ("reason" in built) return this.refuse({ ...base, postFactum: { step: "commit", escrowId: escrow.escrowId } }, built.reason);
    const predicted = predict(built.unsigned);
    const orderId = predicted.outputs[1]!.boxId;
    const order: Pending = { payer, payee, escrowId: escrow.escrowId, orderId, max, minimum, deadline, price, fate, dueBlock: block + this.spec.releaseBlocks };
    const event = this.ctx.log.accepted({ ...base, postFactum: { step: "commit", escrowId: escrow.escrowId, orderId, max, minimum, deadline } });
    this.sendEscrow(payer.id, built.unsigned, predicted, [this.key(payer.id).secretKey, this.ctx.driver.funder.secretKey], block, height, event, () => {
      const undoLeg = this.ctx.ledger.crossLeg(payer.id, -max, block);
      const undoEscrow = this.ctx.ledger.gateway(escrow.escrowId, max, 0n);
      this.pending.push(order);
      return () => (this.pending.splice(this.pending.indexOf(order), 1), undoEscrow(), undoLeg());
    });
    return { ok: true };
  }

  /** Settles the orders due in simulated block `block`: releases and refunds on time, claims past their deadline. */
  endBlock(block: number): void {
    const height = BigInt(this.buildHeight(block));
    for (const order of [...this.pending]) {
      if (order.fate === "forget" ? height >= order.deadline : block >= order.dueBlock) this.settle(order, block);
    }
  }

  /** A leaver's or defaulter's open orders are settled first (released, or refunded), so its account can go. */
  override leave(member: Member, block: number): Outcome {
    this.settleAllOf(member, block);
    return super.leave(member, block);
  }

  override closeDefaulted(member: Member, block: number): Outcome {
    this.settleAllOf(member, block);
    return super.closeDefaulted(member, block);
  }

  private settleAllOf(member: Member, block: number): void {
    for (const order of this.pending.filter((o) => o.payer.id === member.id || o.payee.id === member.id)) {
      if (order.fate === "forget") order.fate = "release";
      this.settle(order, block);
    }
  }

  /** The payer, the payee or (for a forgotten order) the funder settles `order`; a refusal turns a release into a refund next time. */
  private settle(order: Pending, block: number): void {
    const { boxes, driver } = this.ctx;
    const height = this.buildHeight(block);
    const by: SettleBy = order.fate === "release" ? "payer" : order.fate === "refund" ? "payee" : "anyone";
    const step = by === "payer" ? "release" : by === "payee" ? "refund" : "claim";
    const held = this.escrows.get(order.payer.id)!;
    const terms = { max: order.max, minimum: order.minimum, deadline: order.deadline, payerId: "", payeeId: "", reference: "" };
    let amounts: { released: bigint; returned: bigint; kept?: bigint };
    try {
      amounts = settlementOf({ by, ...(by === "payer" ? { releasedUnits: order.price } : {}) }, terms, order.escrowId, height);
    } catch (error) {
      if (!(error instanceof InvalidIntent)) throw error;
      return;
    }
    const { released, returned } = amounts;
    // A claim of the minimum may leave the rest in the escrow, an order without a minimum that anyone returns to the payer.
    const kept = amounts.kept ?? 0n;
    const detail: PostFactumDetail = { step, escrowId: order.escrowId, orderId: order.orderId, released, returned, kept };
    const base = { kind: "postfactum", block, member: order.payer.id, payee: order.payee.id, amountUnits: released, postFactum: detail } as const;
    const built = this.build(() =>
      settleOrder(
        { escrow: held.box, payer: boxes.account(this.accountOf.get(order.payer.id)!), payee: boxes.account(this.accountOf.get(order.payee.id)!), by, ...(by === "payer" ? { releasedUnits: order.price } : {}) },
        this.buildContext(height),
      ),
    );
    if ("reason" in built) {
      if (order.fate !== "refund") order.fate = "refund";
      else this.pending.splice(this.pending.indexOf(order), 1);
      this.refuse(base, built.reason);
      return;
    }
    const keys = by === "payer" ? [this.key(order.payer.id).secretKey] : by === "payee" ? [this.key(order.payee.id).secretKey] : [];
    const predicted = predict(built.unsigned);
    // The rest kept after a claim is an order of its own, named by the escrow box the claim made.
    const remainderId = kept > 0n ? predicted.outputs[0]!.boxId : undefined;
    if (remainderId) detail.remainderOrderId = remainderId;
    const event = this.ctx.log.accepted(base);
    this.sendEscrow(order.payer.id, built.unsigned, predicted, [...keys, driver.funder.secretKey], block, height, event, () => {
      const { ledger } = this.ctx;
      const undoPayee = released > 0n ? ledger.crossLeg(order.payee.id, released, block) : () => {};
      const undoPayer = returned > 0n ? ledger.crossLeg(order.payer.id, returned, block) : () => {};
      const undoEscrow = ledger.gateway(order.escrowId, -(released + returned), 0n);
      const before = { max: order.max, minimum: order.minimum, orderId: order.orderId };
      const at = this.pending.indexOf(order);
      if (kept > 0n) Object.assign(order, { max: kept, minimum: 0n, orderId: remainderId });
      else this.pending.splice(at, 1);
      return () => (kept > 0n ? Object.assign(order, before) : this.pending.splice(at, 0, order), undoEscrow(), undoPayer(), undoPayee());
    });
  }

  /** Opens an escrow for `member` (the funder pays the joining fee and the deposit); false when refused. */
  private openFor(member: Member, block: number): boolean {
    const { boxes } = this.ctx;
    const height = this.buildHeight(block);
    const community = boxes.community!;
    const base = { kind: "postfactum", block, member: member.id, postFactum: { step: "open", escrowId: community.boxId } } as const;
    const built = this.build(() => openEscrow({ community, account: boxes.account(this.accountOf.get(member.id)!) }, this.buildContext(height)));
    if ("reason" in built) return (this.refuse(base, built.reason), false);
    const event = this.ctx.log.accepted(base);
    this.sendEscrow(member.id, built.unsigned, predict(built.unsigned), [this.key(member.id).secretKey, this.ctx.driver.funder.secretKey], block, height, event, () => () => {});
    return true;
  }

  /** What the builders take: the funder's wallet pays. */
  private buildContext(height: number) {
    const { boxes, driver, scenario } = this.ctx;
    return { height, wallet: { utxos: boxes.wallet(driver.funder.ergoTree), changeAddress: driver.funder.address }, feeNanoErg: scenario.txFeeNanoErg };
  }

  private build(make: () => EIP12UnsignedTransaction): { unsigned: EIP12UnsignedTransaction } | { reason: string } {
    try {
      return { unsigned: make() };
    } catch (error) {
      const reason = refusal(error);
      if (reason === undefined) throw error;
      return { reason };
    }
  }

  /** `send`, and the member's escrow follows the transaction's escrow output (and its undoing). */
  private sendEscrow(member: number, unsigned: EIP12UnsignedTransaction, predicted: Predicted, keys: string[], block: number, height: number, event: SimEvent, effects: () => Undo): void {
    this.send(unsigned, predicted, keys, block, height, event, () => {
      const before = this.escrows.get(member);
      const box = predicted.outputs.find((o) => o.ergoTree === ESCROW_ERGO_TREE)!;
      const escrowId = before?.escrowId ?? unsigned.inputs[0]!.boxId;
      const pf = event.postFactum;
      this.escrows.set(member, { escrowId, box, busy: pf?.step === "commit" || (pf?.kept ?? 0n) > 0n });
      const undo = effects();
      return () => (undo(), before ? this.escrows.set(member, before) : this.escrows.delete(member));
    });
  }
}
