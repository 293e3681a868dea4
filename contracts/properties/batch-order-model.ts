/**
 * Ground truth for the batch-settlement sequences (batch-sequences.spec.ts): a plain model of the
 * accounts of one community and of the payment orders their owners signed, which decides on its
 * own (it never calls the planner, nor verifies a signature: it knows who signed what) which
 * orders a batch must settle, which it must refuse and why, and what every account is after.
 *
 * The rules, from docs/batches.md and the planner's documented contract (settle.ts):
 * - an order is refused, for the first that applies, if it is for another community, names an
 *   account that is not live, was not signed by the payer's key over exactly its fields, has a
 *   sequence number below the payer's nextSeq, or expired before the next block;
 * - the others are taken payer by payer (payers in ascending accountId), each payer's in sequence
 *   order (equal numbers in the order given) from its nextSeq: an order is taken when its number is
 *   the next one and it keeps the payer above its floor and the payee within its cap, counted after
 *   the orders taken before it; a number already taken is "settled"; a gap, or any order after one
 *   refused for its credit or a cap, is "sequence";
 * - once `maxLegs` orders are taken, the rest are left (neither taken nor refused).
 */
import type { OrderRefusal } from "../errors.ts";

export interface ModelAccount {
  name: string;
  accountId: string;
  balance: bigint;
  nextSeq: bigint;
  lastActive: bigint;
  creditLimit: bigint;
  positiveCap: bigint;
}

/** An order as the model knows it: its fields, and whether the payer's key signed exactly them. */
export interface ModelOrder {
  communityId: string;
  payer: string;
  payee: string;
  amount: bigint;
  seq: bigint;
  expiry: bigint;
  /** Signed by the payer's key over exactly these fields. */
  genuine: boolean;
}

export type Outcome = { kind: "taken" } | { kind: "refused"; reason: OrderRefusal } | { kind: "left" };

export interface BatchOutcome {
  /** One per order given, in the order given. */
  outcomes: Outcome[];
  /** Positions of the taken orders, in the order they were taken. */
  taken: number[];
}

export class BatchModel {
  readonly accounts = new Map<string, ModelAccount>();

  /** `tip`: the chain height builders are given; a transaction is judged at tip + 1. */
  constructor(readonly communityId: string, public tip: number) {}

  add(account: ModelAccount): void {
    this.accounts.set(account.accountId, { ...account });
  }

  get(accountId: string): ModelAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`model: no account ${accountId}`);
    return account;
  }

  byName(name: string): ModelAccount {
    const account = [...this.accounts.values()].find((a) => a.name === name);
    if (!account) throw new Error(`model: no member ${name}`);
    return account;
  }

  /** Why `order` cannot be settled whatever else the batch holds, or undefined. */
  refusalAlone(order: ModelOrder): OrderRefusal | undefined {
    if (order.communityId !== this.communityId) return "community";
    const payer = this.accounts.get(order.payer);
    if (!payer || !this.accounts.has(order.payee)) return "account";
    if (!order.genuine) return "signature";
    if (order.seq < payer.nextSeq) return "settled";
    if (order.expiry < BigInt(this.tip + 1)) return "expired";
    return undefined;
  }

  /** What a batch of `orders` (in the order given to the planner) must do; changes nothing. */
  plan(orders: ModelOrder[], maxLegs?: number): BatchOutcome {
    const outcomes: (Outcome | undefined)[] = orders.map((order) => {
      const reason = this.refusalAlone(order);
      return reason ? { kind: "refused", reason } : undefined;
    });
    const open = new Map<string, number[]>();
    orders.forEach((order, position) => {
      if (outcomes[position]) return;
      open.set(order.payer, [...(open.get(order.payer) ?? []), position]);
    });
    const balance = new Map([...this.accounts.values()].map((a) => [a.accountId, a.balance]));
    const taken: number[] = [];
    for (const payerId of [...open.keys()].sort()) {
      const positions = open.get(payerId)!.sort((x, y) => Number(orders[x]!.seq - orders[y]!.seq) || x - y);
      let next = this.get(payerId).nextSeq;
      let stuck = false;
      for (const position of positions) {
        const order = orders[position]!;
        const refuse = (reason: OrderRefusal) => (outcomes[position] = { kind: "refused", reason });
        if (maxLegs !== undefined && taken.length >= maxLegs) outcomes[position] = { kind: "left" };
        else if (order.seq < next) refuse("settled");
        else if (stuck || order.seq > next) {
          refuse("sequence");
          stuck = true;
        } else {
          const payerAfter = balance.get(payerId)! - order.amount;
          const payeeAfter = balance.get(order.payee)! + order.amount;
          const reason = payerAfter < -this.get(payerId).creditLimit ? "credit" : payeeAfter > this.get(order.payee).positiveCap ? "cap" : undefined;
          if (reason) {
            refuse(reason);
            stuck = true;
            continue;
          }
          balance.set(payerId, payerAfter);
          balance.set(order.payee, payeeAfter);
          outcomes[position] = { kind: "taken" };
          taken.push(position);
          next += 1n;
        }
      }
    }
    return { outcomes: outcomes.map((o) => o ?? { kind: "left" }), taken };
  }

  /**
   * Settles the taken orders in block tip + 1: balances move, each payer's nextSeq passes its
   * orders and marks activity now; a payee in debt before the batch marks activity now too.
   */
  settle(orders: ModelOrder[], taken: number[]): void {
    const before = new Map([...this.accounts.values()].map((a) => [a.accountId, a.balance]));
    const now = BigInt(this.tip);
    const payers = new Set(taken.map((p) => orders[p]!.payer));
    for (const position of taken) {
      const order = orders[position]!;
      const payer = this.get(order.payer);
      const payee = this.get(order.payee);
      payer.balance -= order.amount;
      payer.nextSeq += 1n;
      payer.lastActive = now;
      payee.balance += order.amount;
      if (!payers.has(payee.accountId) && before.get(payee.accountId)! < 0n && now > payee.lastActive) payee.lastActive = now;
    }
    this.tip += 1;
  }

  /** The owner raises its nextSeq to `to` in a spend of its own box (activity now). */
  revoke(accountId: string, to: bigint): void {
    const account = this.get(accountId);
    if (to < account.nextSeq) throw new Error("model: a revocation only raises nextSeq");
    account.nextSeq = to;
    account.lastActive = BigInt(this.tip);
    this.tip += 1;
  }

  /** Whether a batch of this one order alone must be accepted by the contract. */
  settleableAlone(order: ModelOrder): boolean {
    if (this.refusalAlone(order) !== undefined) return false;
    const payer = this.get(order.payer);
    const payee = this.get(order.payee);
    return order.seq === payer.nextSeq && payer.balance - order.amount >= -payer.creditLimit && payee.balance + order.amount <= payee.positiveCap;
  }
}
