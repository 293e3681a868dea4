/**
 * Payments by signed order (contract version 5, docs/batches.md; docs/simulate.md, "Payment
 * orders"): the payer's key signs an order, no transaction, and it joins the settler's queue; at
 * the end of a settling block the settler picks batches (`chooseBatch`), the contracts' planner
 * checks each (`planSettlement`), and each is built (`settle`) and handed to the pipeline like any
 * transaction, the ledger updated at once. A payer whose order was dropped revokes its number
 * (`revoke`), so that its later orders can settle.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { requireAccount } from "../../../contracts/builders/common.ts";
import { revoke } from "../../../contracts/builders/revoke.ts";
import { planSettlement, settle, type SettlementPlan } from "../../../contracts/builders/settle.ts";
import { orderId, signOrder } from "../../../contracts/orders.ts";
import { BATCH_ERGO_TREE } from "../../../contracts/scripts.ts";
import { MAX_TRANSACTION_BYTES } from "../../../devnet/validate.ts";
import { predict } from "../../../ergo/predict.ts";
import type { OrderDetail } from "../events.ts";
import type { Member } from "../members.ts";
import type { Outcome } from "../model.ts";
import { chooseBatch, type BatchAccount, type BatchChoice, type QueuedOrder } from "../order-queue.ts";
import type { OrdersSpec } from "../scenario-orders.ts";
import { attempt, ChainActions, type ActionContext } from "./actions.ts";
import { fundSettler, settlerFunded, settlerKey, signedBytes } from "./settler.ts";

/** Bytes of a batch besides its accounts and legs, counted generously: the batch boxes (tree 1,156 bytes), the settler's inputs and proofs, the fee, the change. */
const BASE_BYTES = 2_000;

/** Bytes a box has alone but not as a transaction's output: the transaction id and index (33), and its token id, which an output names by index (31 more). */
const BOX_OUTSIDE_BYTES = 64;

/** A batch ready to send. */
interface Built {
  take: QueuedOrder[];
  unsigned: EIP12UnsignedTransaction;
}

const detail = (q: QueuedOrder): OrderDetail => ({ orderId: q.orderId, seq: q.signed.seq, signedBlock: q.signedBlock, expiryHeight: q.signed.expiry });

export class OrderActions extends ChainActions {
  /** Orders signed and not yet settled or dropped, in the order they were signed. */
  readonly queue: QueuedOrder[] = [];
  /** Orders signed over the run. */
  signed = 0;
  /** The community's id, once founded. */
  communityId = "";
  /** Each payer's next sequence number to sign. */
  private readonly issued = new Map<number, bigint>();
  /** Units each payer's queued orders will take. */
  private readonly pending = new Map<number, bigint>();
  /** Sequence numbers of each payer's dropped orders that are not yet revoked. */
  private readonly dropped = new Map<number, Set<bigint>>();

  constructor(
    ctx: ActionContext,
    readonly spec: OrdersSpec,
  ) {
    super(ctx);
  }

  /**
   * The payer's key signs an order (no transaction). Its wallet refuses, as the payment builder
   * would, when the balance less its queued orders cannot pay it within the credit limit; the
   * payee's cap is not the payer's to know (the settler finds it).
   */
  order(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome {
    const account = this.ctx.ledger.open(payer.id);
    const pending = this.pending.get(payer.id) ?? 0n;
    if (account.balance - pending - amountUnits < -account.creditLimit) return this.refuse({ kind: "payment", block, member: payer.id, payee: payee.id, amountUnits }, "credit limit");
    const seq = this.issued.get(payer.id) ?? account.nextSeq!;
    const order = {
      communityId: this.communityId,
      payer: this.accountOf.get(payer.id)!,
      payee: this.accountOf.get(payee.id)!,
      amount: amountUnits,
      seq,
      expiry: BigInt(this.buildHeight(block) + this.spec.expiryBlocks),
    };
    const signed = signOrder(order, hex.decode(this.key(payer.id).secretKey));
    this.queue.push({ signed, orderId: orderId(signed), payer: payer.id, payee: payee.id, signedBlock: block });
    this.issued.set(payer.id, seq + 1n);
    this.pending.set(payer.id, pending + amountUnits);
    this.signed++;
    return { ok: true };
  }

  /** At the end of every settling block: batches until nothing more can settle, then the revocations. */
  endBlock(block: number): void {
    if ((block + 1) % this.spec.settler.everyBlocks !== 0) return;
    for (;;) {
      const live = this.liveAccounts();
      const built = this.build(live, block);
      if (!built) break;
      this.sendBatch(built, block);
    }
    this.revokeDropped(block);
  }

  /** Every account the queue names that is open, as its newest box states it. */
  private liveAccounts(): Map<string, { account: BatchAccount; box: Box<Amount> }> {
    const live = new Map<string, { account: BatchAccount; box: Box<Amount> }>();
    for (const q of this.queue) {
      for (const member of [q.payer, q.payee]) {
        const id = this.accountOf.get(member)!;
        if (live.has(id) || this.ctx.ledger.accounts.get(member)?.status !== "open") continue;
        const box = this.ctx.boxes.account(id);
        const a = requireAccount(box);
        const boxBytes = serializeBox(box).toBytes().length - BOX_OUTSIDE_BYTES;
        live.set(id, { box, account: { balance: a.balance, creditLimit: a.terms.creditLimit, positiveCap: a.terms.positiveCap, nextSeq: a.nextSeq!, boxBytes } });
      }
    }
    return live;
  }

  /**
   * The next batch, built, or undefined when nothing can settle now. Orders the choice drops are
   * dropped here. The choice estimates the bytes; a batch over the node's limit once built is chosen
   * again with fewer orders.
   */
  private build(live: Map<string, { account: BatchAccount; box: Box<Amount> }>, block: number): Built | undefined {
    const height = this.buildHeight(block);
    const accounts = new Map([...live].map(([id, l]) => [id, l.account]));
    let maxOrders = this.spec.settler.maxOrdersPerBatch ?? Number.MAX_SAFE_INTEGER;
    for (;;) {
      const choice = chooseBatch(this.queue, accounts, { height, maxOrders, maxBytes: MAX_TRANSACTION_BYTES, baseBytes: BASE_BYTES });
      if (choice.take.length === 0) return void this.drop(choice.refuse, block);
      const plan = this.plan(choice, live, height);
      if (!settlerFunded(this.ctx)) fundSettler(this.ctx, this, block, height);
      const settler = settlerKey(this.ctx);
      const verifier = this.ctx.boxes.wallet(BATCH_ERGO_TREE)[0];
      if (!verifier) throw new Error("the settler has no batch box");
      const unsigned = settle({ verifier, plan }, { height, wallet: { utxos: this.ctx.boxes.wallet(settler.ergoTree), changeAddress: settler.address }, feeNanoErg: this.ctx.scenario.txFeeNanoErg });
      const bytes = signedBytes(unsigned, plan.accounts.length, choice.take.map((q) => q.signed.signature.response));
      if (bytes <= MAX_TRANSACTION_BYTES) {
        this.drop(choice.refuse, block);
        return { take: choice.take, unsigned };
      }
      const perOrder = Math.ceil(bytes / choice.take.length);
      maxOrders = Math.max(1, choice.take.length - Math.ceil((bytes - MAX_TRANSACTION_BYTES) / perOrder) - 1);
    }
  }

  /** The contracts' planner on the chosen orders: it must settle every one of them and refuse none. */
  private plan(choice: BatchChoice, live: Map<string, { box: Box<Amount> }>, height: number): SettlementPlan {
    const ids = new Set(choice.take.flatMap((q) => [q.signed.payer, q.signed.payee]));
    const plan = planSettlement([...ids].map((id) => live.get(id)!.box), choice.take.map((q) => q.signed), height);
    if (plan.refused.length > 0 || plan.legs.length !== choice.take.length) {
      throw new Error(`the planner refuses what the settler chose: ${plan.refused.map((r) => r.error.message).join("; ")}`);
    }
    return plan;
  }

  /** Hands a batch to the pipeline: one payment event per order, the ledger settled at once. */
  private sendBatch(built: Built, block: number): void {
    const { ledger, log } = this.ctx;
    const height = this.buildHeight(block);
    const events = built.take.map((q) => log.accepted({ kind: "payment", block, member: q.payer, payee: q.payee, amountUnits: q.signed.amount, order: detail(q) }));
    this.send(built.unsigned, predict(built.unsigned), [settlerKey(this.ctx).secretKey], block, height, events, () => {
      const undoLedger = ledger.settle(built.take.map((q) => ({ payer: q.payer, payee: q.payee, amount: q.signed.amount })), block);
      const undoQueue = this.dequeue(built.take);
      return () => (undoQueue(), undoLedger());
    });
  }

  /** Takes settled orders out of the queue; the undo puts them back in front (the node refused their batch), oldest first. */
  private dequeue(orders: readonly QueuedOrder[]): () => void {
    const gone = new Set(orders);
    const kept = this.queue.filter((q) => !gone.has(q));
    this.queue.splice(0, this.queue.length, ...kept);
    for (const q of orders) this.pending.set(q.payer, this.pending.get(q.payer)! - q.signed.amount);
    return () => {
      this.queue.unshift(...orders);
      for (const q of orders) this.pending.set(q.payer, this.pending.get(q.payer)! + q.signed.amount);
    };
  }

  /** Drops refused orders with their reasons; a payer still open must revoke the number. */
  private drop(refused: BatchChoice["refuse"], block: number): void {
    if (refused.length === 0) return;
    this.dequeue(refused.map((r) => r.order));
    for (const { order: q, reason } of refused) {
      this.ctx.log.refused({ kind: "payment", block, member: q.payer, payee: q.payee, amountUnits: q.signed.amount, order: detail(q) }, `order: ${reason}`);
      if (this.ctx.ledger.accounts.get(q.payer)?.status !== "open") continue;
      const numbers = this.dropped.get(q.payer) ?? new Set<bigint>();
      this.dropped.set(q.payer, numbers.add(q.signed.seq));
    }
  }

  /** Each payer whose next number belongs to a dropped order revokes it, and any dropped numbers right after it. */
  private revokeDropped(block: number): void {
    const { ledger, boxes, scenario, log } = this.ctx;
    const height = this.buildHeight(block);
    for (const [member, numbers] of this.dropped) {
      const account = ledger.accounts.get(member);
      if (account?.status !== "open") {
        this.dropped.delete(member);
        continue;
      }
      let next = account.nextSeq!;
      if (!numbers.has(next)) continue;
      while (numbers.has(next)) next++;
      const target = next;
      const base = { kind: "revoke", block, member, nextSeq: target } as const;
      const built = attempt(() => revoke({ account: boxes.account(this.accountOf.get(member)!), nextSeq: target }, { height, feeNanoErg: scenario.txFeeNanoErg }));
      if ("reason" in built) {
        this.refuse(base, built.reason);
        continue;
      }
      this.send(built.unsigned, predict(built.unsigned), [this.key(member).secretKey], block, height, log.accepted(base), () => {
        const undoLedger = ledger.revoke(member, target, block);
        const voided = [...numbers].filter((n) => n < target);
        for (const n of voided) numbers.delete(n);
        // Numbers below the new nextSeq are void: the payer's next order takes the first after them.
        if ((this.issued.get(member) ?? 0n) < target) this.issued.set(member, target);
        return () => {
          undoLedger();
          for (const n of voided) numbers.add(n);
        };
      });
    }
  }
}
