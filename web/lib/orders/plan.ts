/**
 * A payment order (a cheque, docs/batches.md) planned before the payer's key signs it: its
 * number, its expiry, and what both balances become once it and the orders already waiting
 * settle. Pure: the live accounts and the orders the indexer holds in, an order or a refusal out.
 * A refusal here keeps the member from signing an order the settlement service would refuse
 * (the batch contract checks the credit limit and the positive cap at settlement).
 */
import type { Account } from "$contracts/account/account.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { ownerKey, type PaymentOrder } from "$contracts/orders.ts";

/** What the indexer says became of an order (docs/indexer-api.md). */
export type OrderStatus = "pending" | "submitted" | "settled" | "void" | "expired";

/** The fields of an order the plan reads. */
export interface KnownOrder {
  payer: string;
  payee: string;
  amount: bigint;
  seq: bigint;
  expiry: bigint;
  status: OrderStatus;
}

/** How long an order stays valid, in blocks, as the pay screen offers it (720 blocks are about a day). */
export const ORDER_VALIDITY_BLOCKS = [30, 720, 5_040] as const;
/** The default validity: a day. */
export const DEFAULT_ORDER_VALIDITY_BLOCKS = 720;

/** An order the payer cannot settle: with its unsettled orders it would go past its credit limit. */
export class OrderBeyondCredit extends InvalidIntent {
  constructor(readonly accountId: string, readonly limit: bigint, readonly attempted: bigint, readonly waiting: bigint) {
    super(`account ${accountId} would reach balance ${attempted} once its orders settle, below its credit limit of -${limit}`);
  }
}

/** An order the payee cannot take: with the orders waiting for it, it would go above its positive cap. */
export class OrderBeyondCap extends InvalidIntent {
  constructor(readonly accountId: string, readonly cap: bigint, readonly attempted: bigint, readonly waiting: bigint) {
    super(`account ${accountId} would reach balance ${attempted} once its orders settle, above its positive cap of ${cap}`);
  }
}

/** An economics account has no order sequence: orders are for plain communities. */
export class OrdersNeedPlainAccount extends InvalidIntent {
  constructor(readonly accountId: string) {
    super("payment orders are for plain communities: an account with economics levers has no order sequence");
  }
}

/**
 * Whether `order` may still settle after the live box the plan reads: not settled, void or
 * expired, and numbered from the payer's `nextSeq` on. A batch already in the mempool has moved
 * the live box (mempool applied) past the orders it carries, so those are counted in the balance
 * and not again here.
 */
export function stillWaiting(order: KnownOrder, payerNextSeq: bigint, height: number): boolean {
  return (order.status === "pending" || order.status === "submitted") && order.seq >= payerNextSeq && order.expiry > BigInt(height);
}

/**
 * The number the payer's next order takes: from its `nextSeq`, the first one no waiting order
 * holds. Orders settle strictly in sequence, so a number whose order expired is taken again
 * (the expired one can never settle, and the later ones would wait for it forever).
 */
export function nextOrderSeq(nextSeq: bigint, waiting: readonly Pick<KnownOrder, "seq">[]): bigint {
  const held = new Set(waiting.map((o) => o.seq));
  let seq = nextSeq;
  while (held.has(seq)) seq += 1n;
  return seq;
}

/** What an order to be signed will do. */
export interface PlannedOrder {
  order: PaymentOrder;
  /** Units the payer's waiting orders take, before this one. */
  pendingOut: bigint;
  /** Units waiting orders bring the payee, before this one. */
  pendingIn: bigint;
  /** Balances once this order and the waiting ones settle. */
  payerAfter: bigint;
  payeeAfter: bigint;
}

export interface OrderPlanInput {
  /** Both accounts' live boxes (mempool applied), decoded. */
  payer: Account;
  payee: Account;
  /** The orders the indexer holds with the payer or the payee on either side. */
  orders: readonly KnownOrder[];
  amount: bigint;
  /** The chain tip: the order is valid until `height + validityBlocks`. */
  height: number;
  validityBlocks: number;
}

const sum = (orders: readonly KnownOrder[]) => orders.reduce((total, o) => total + o.amount, 0n);

/**
 * Plans the order, or throws why it cannot settle: an economics account, an owner that is no
 * single key (`OwnerCannotSignOrders`), paying oneself, the credit limit or the payee's cap once
 * every waiting order settles (`OrderBeyondCredit`, `OrderBeyondCap`).
 */
export function planOrder(input: OrderPlanInput): PlannedOrder {
  const { payer, payee, amount, height } = input;
  if (payer.accountId === payee.accountId) throw new InvalidIntent("you cannot pay your own account");
  if (payer.communityId !== payee.communityId) throw new InvalidIntent("an order pays a member of the payer's own community");
  if (amount <= 0n) throw new InvalidIntent("an order pays at least one unit");
  for (const account of [payer, payee]) if (account.nextSeq === undefined) throw new OrdersNeedPlainAccount(account.accountId);
  ownerKey(payer.owner);
  const nextSeqOf = (accountId: string) => (accountId === payer.accountId ? payer.nextSeq! : accountId === payee.accountId ? payee.nextSeq! : 0n);
  const waiting = input.orders.filter((o) => stillWaiting(o, nextSeqOf(o.payer), height));
  const out = waiting.filter((o) => o.payer === payer.accountId);
  const pendingOut = sum(out);
  const pendingIn = sum(waiting.filter((o) => o.payee === payee.accountId));
  const payerAfter = payer.balance - pendingOut - amount;
  if (payerAfter + payer.terms.creditLimit < 0n) throw new OrderBeyondCredit(payer.accountId, payer.terms.creditLimit, payerAfter, pendingOut);
  const payeeAfter = payee.balance + pendingIn + amount;
  if (payeeAfter > payee.terms.positiveCap) throw new OrderBeyondCap(payee.accountId, payee.terms.positiveCap, payeeAfter, pendingIn);
  const order: PaymentOrder = {
    communityId: payer.communityId,
    payer: payer.accountId,
    payee: payee.accountId,
    amount,
    seq: nextOrderSeq(payer.nextSeq!, out),
    expiry: BigInt(height + input.validityBlocks),
  };
  return { order, pendingOut, pendingIn, payerAfter, payeeAfter };
}
