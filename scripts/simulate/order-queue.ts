/**
 * The settler's choice of a batch (docs/simulate.md, "Payment orders"): which queued orders one
 * batch settles, which it refuses and which wait. Pure, and in the queue's order (the order the
 * orders were signed in), so a seed replays the same batches: the contracts' planner
 * (`planSettlement`) takes its legs by payer account id, which differs from run to run, and its
 * running checks depend on that order. The choice therefore keeps every account within its floor
 * and cap whatever the order of the legs (a payer counted before any of its receipts, a payee before
 * any of its debits); the planner then checks the batch and must settle exactly these orders.
 */
import type { SignedOrder } from "../../contracts/orders.ts";

/** An order in the settler's queue. */
export interface QueuedOrder {
  signed: SignedOrder;
  orderId: string;
  /** Member ids of its payer and payee. */
  payer: number;
  payee: number;
  /** Simulated block the payer signed it in. */
  signedBlock: number;
}

/** An account as its live box states it (the planner reads the same). */
export interface BatchAccount {
  balance: bigint;
  creditLimit: bigint;
  positiveCap: bigint;
  nextSeq: bigint;
  /** Serialized size of its box within a transaction: a batch carries its successor as an output. */
  boxBytes: number;
}

/** Why the settler drops an order (the planner's kinds `credit`, `cap`, `expired`, `account`). */
export type OrderRefusalReason = "credit limit" | "positive cap" | "expired" | "account closed";

export interface BatchChoice {
  /** Orders to settle now, in queue order. */
  take: QueuedOrder[];
  /** Orders dropped, each with why. Every other order waits for a later batch. */
  refuse: { order: QueuedOrder; reason: OrderRefusalReason }[];
  /** The batch transaction's signed size, estimated. */
  bytes: number;
}

export interface BatchLimits {
  /** Height the batch is built at (the transaction is checked at the next). */
  height: number;
  /** Most orders to take. */
  maxOrders: number;
  /** Most bytes the signed transaction may have. */
  maxBytes: number;
  /** Bytes of everything but the accounts and legs (batch boxes, wallet inputs and proofs, fee, change). */
  baseBytes: number;
}

/**
 * Bytes one leg adds to the batch box's context variables, about: two Int indexes, amount, expiry
 * and two running sums as Longs, the commitment (33), the response (at most 32 bytes and its
 * length), the offset, the permutation and its inverse. The settler measures the transaction it
 * builds and chooses again with fewer orders if the estimate fell short.
 */
export const LEG_BYTES = 2 + 2 + 3 + 4 + 33 + 33 + 1 + 4 + 2 + 2 + 4;
/** Bytes one account adds besides its successor box, about: its input (box id, empty proof, empty extension) and its three claims. */
export const ACCOUNT_BYTES = 34 + 6 + 6 + 2;

interface Sums {
  sent: bigint;
  received: bigint;
}

/** Picks one batch from `queue` against the live accounts (by account id; a closed account is absent). */
export function chooseBatch(queue: readonly QueuedOrder[], accounts: ReadonlyMap<string, BatchAccount>, limits: BatchLimits): BatchChoice {
  const take: QueuedOrder[] = [];
  const refuse: BatchChoice["refuse"] = [];
  /** What each account in the batch sends and receives in it. */
  const sums = new Map<string, Sums>();
  const sumsOf = (id: string): Sums => sums.get(id) ?? { sent: 0n, received: 0n };
  /** Each payer's next sequence number in this batch, or null once one of its orders waits or was dropped. */
  const expected = new Map<string, bigint | null>();
  let bytes = limits.baseBytes;
  const settleAt = BigInt(limits.height) + 1n;
  for (const order of queue) {
    const { payer, payee, amount, seq, expiry } = order.signed;
    const from = accounts.get(payer);
    const to = accounts.get(payee);
    const hold = (reason?: OrderRefusalReason) => {
      expected.set(payer, null);
      if (reason) refuse.push({ order, reason });
    };
    if (!from || !to) hold("account closed");
    else if (expiry < settleAt) hold("expired");
    else {
      const next = expected.has(payer) ? expected.get(payer)! : from.nextSeq;
      if (next !== null && seq < next) throw new Error(`order ${order.orderId} carries ${seq}, below its payer's next order ${next}`);
      const added = LEG_BYTES + (sums.has(payer) ? 0 : from.boxBytes + ACCOUNT_BYTES) + (sums.has(payee) ? 0 : to.boxBytes + ACCOUNT_BYTES);
      if (next === null || seq !== next || take.length >= limits.maxOrders || bytes + added > limits.maxBytes) {
        hold();
        continue;
      }
      const out = sumsOf(payer);
      const into = sumsOf(payee);
      if (from.balance - out.sent - amount >= -from.creditLimit && to.balance + into.received + amount <= to.positiveCap) {
        take.push(order);
        sums.set(payer, { ...out, sent: out.sent + amount });
        sums.set(payee, { ...sumsOf(payee), received: into.received + amount });
        bytes += added;
        expected.set(payer, next + 1n);
        continue;
      }
      // Dropped when it fails even after what the batch took so far; otherwise it waits for the next batch.
      if (from.balance - out.sent + out.received - amount < -from.creditLimit) hold("credit limit");
      else if (to.balance + into.received - into.sent + amount > to.positiveCap) hold("positive cap");
      else hold();
    }
  }
  return { take, refuse, bytes };
}
