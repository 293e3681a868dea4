/**
 * Settle: many signed payment orders between the accounts of one community in one transaction
 * (contract version 5, docs/batches.md). Anyone may settle, usually a shop or the settlement
 * service; its wallet pays the fee, and no member signs. `planSettlement` is the pure part: which
 * orders can be settled now and what every balance becomes, refusing each other order with its
 * reason; `settle` builds the transaction the batch contract checks.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { SBigInt, SColl, SGroupElement, SInt, SLong } from "@fleet-sdk/serializer";
import { hex } from "@fleet-sdk/crypto";
import { accountSuccessorRegisters, type Account } from "../account/account.ts";
import { InvalidIntent, OrderRefused } from "../errors.ts";
import { checkOrder, orderId, ownerKey, verifyOrder, type SignedOrder } from "../orders.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, finish, requireAccount, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { payeeActivity } from "./pay.ts";

/** One order the batch settles. */
export interface PlannedLeg {
  order: SignedOrder;
  orderId: string;
  /** Index of the payer and payee in `accounts`. */
  payer: number;
  payee: number;
}

/** What a batch will do, computed exactly as the batch contract checks it. */
export interface SettlementPlan {
  communityId: string;
  /** The accounts the batch spends, in input order (account a is INPUTS(a + 1)). */
  accounts: Account[];
  /** Settled orders, by payer (in `accounts` order) and sequence number. */
  legs: PlannedLeg[];
  /** Balance of each account after the batch. */
  balances: bigint[];
  /** Orders that cannot be settled now, each with why. */
  refused: { order: SignedOrder; error: OrderRefused }[];
}

export interface PlanOptions {
  /** Most orders to take (the rest are left, not refused). */
  maxLegs?: number;
}

const refuse = (order: SignedOrder, id: string, kind: OrderRefused["kind"], reason: string) => ({ order, error: new OrderRefused(id, kind, reason) });

/**
 * Which of `orders` can be settled together at `height` (the chain tip; the transaction is checked
 * at the next block), against the live `accounts` of one community. Orders are taken per payer in
 * sequence order from its `nextSeq`; one refused for its credit or a payee's cap holds back the
 * payer's later orders ("sequence", retryable once the payer revokes it).
 */
export function planSettlement(accountBoxes: Box<Amount>[], orders: SignedOrder[], height: number, opts: PlanOptions = {}): SettlementPlan {
  const live = accountBoxes.map(requireAccount);
  const communityId = live[0]?.communityId;
  if (!communityId) throw new InvalidIntent("a settlement needs the accounts its orders name");
  const byId = new Map<string, Account>();
  for (const account of live) {
    if (account.communityId !== communityId) throw new InvalidIntent(`account ${account.accountId} is of another community`);
    if (account.nextSeq === undefined) throw new InvalidIntent(`account ${account.accountId} is in an economics community: payment orders are for plain communities`);
    byId.set(account.accountId, account);
  }
  const settleAt = BigInt(height) + 1n;
  const refused: SettlementPlan["refused"] = [];
  const valid: { order: SignedOrder; id: string }[] = [];
  for (const order of orders) {
    let id: string;
    try {
      id = orderId(checkOrder(order));
    } catch (error) {
      throw new InvalidIntent(`a payment order is malformed: ${(error as Error).message}`);
    }
    const payer = byId.get(order.payer);
    const payee = byId.get(order.payee);
    if (order.communityId !== communityId) refused.push(refuse(order, id, "community", "it is for another community"));
    else if (!payer || !payee) refused.push(refuse(order, id, "account", `no live account ${!payer ? order.payer : order.payee} in this community`));
    else if (!verifyOrder(order, payer.owner)) refused.push(refuse(order, id, "signature", "the signature is not the payer's"));
    else if (order.seq < payer.nextSeq!) refused.push(refuse(order, id, "settled", `it was settled or revoked (the payer's next order is ${payer.nextSeq})`));
    else if (order.expiry < settleAt) refused.push(refuse(order, id, "expired", `it expired at height ${order.expiry}`));
    else valid.push({ order, id });
  }
  // Per payer, in sequence order, as long as the sequence has no gap and every rule holds.
  valid.sort((x, y) => (x.order.payer < y.order.payer ? -1 : x.order.payer > y.order.payer ? 1 : Number(x.order.seq - y.order.seq)));
  const balance = new Map<string, bigint>(live.map((a) => [a.accountId, a.balance]));
  const taken: { order: SignedOrder; id: string }[] = [];
  let expected = -1n;
  let payerOf = "";
  let blocked = false;
  for (const { order, id } of valid) {
    if (order.payer !== payerOf) {
      payerOf = order.payer;
      expected = byId.get(order.payer)!.nextSeq!;
      blocked = false;
    }
    if (opts.maxLegs !== undefined && taken.length >= opts.maxLegs) continue;
    if (blocked || order.seq !== expected) {
      const reason = order.seq === expected - 1n ? "another order with this sequence number is settled in this batch" : `order ${expected} of this payer comes first`;
      refused.push(refuse(order, id, order.seq < expected ? "settled" : "sequence", reason));
      blocked = blocked || order.seq > expected;
      continue;
    }
    const payer = byId.get(order.payer)!;
    const payee = byId.get(order.payee)!;
    const payerAfter = balance.get(payer.accountId)! - order.amount;
    const payeeAfter = balance.get(payee.accountId)! + order.amount;
    if (payerAfter + payer.terms.creditLimit < 0n) {
      refused.push(refuse(order, id, "credit", `the payer would reach ${payerAfter}, below its credit limit of -${payer.terms.creditLimit}`));
      blocked = true;
      continue;
    }
    if (payeeAfter > payee.terms.positiveCap) {
      refused.push(refuse(order, id, "cap", `the payee would reach ${payeeAfter}, above its positive cap of ${payee.terms.positiveCap}`));
      blocked = true;
      continue;
    }
    balance.set(payer.accountId, payerAfter);
    balance.set(payee.accountId, payeeAfter);
    taken.push({ order, id });
    expected += 1n;
  }
  // The accounts the batch spends: every payer and payee, payers first in `taken` order.
  const accounts: Account[] = [];
  const index = new Map<string, number>();
  const place = (accountId: string) => {
    if (!index.has(accountId)) {
      index.set(accountId, accounts.length);
      accounts.push(byId.get(accountId)!);
    }
    return index.get(accountId)!;
  };
  for (const { order } of taken) place(order.payer);
  const legs = taken.map(({ order, id }) => ({ order, orderId: id, payer: index.get(order.payer)!, payee: place(order.payee) }));
  return { communityId, accounts, legs, balances: accounts.map((a) => balance.get(a.accountId)!), refused };
}

/** The batch contract's context variables (batch.es) for a plan. */
export function batchExtension(plan: SettlementPlan): Record<string, string> {
  const n = plan.accounts.length;
  const legs = plan.legs;
  const offsets: number[] = [];
  const sentSums: bigint[] = [];
  legs.forEach((leg, j) => {
    const starts = j === 0 || legs[j - 1]!.payer !== leg.payer;
    offsets.push(starts ? 0 : offsets[j - 1]! + 1);
    sentSums.push(leg.order.amount + (starts ? 0n : sentSums[j - 1]!));
  });
  const byPayee = legs.map((_, j) => j).sort((x, y) => legs[x]!.payee - legs[y]!.payee || x - y);
  const inverse: number[] = new Array<number>(legs.length);
  byPayee.forEach((j, k) => (inverse[j] = k));
  const receivedSums: bigint[] = [];
  byPayee.forEach((j, k) => {
    const starts = k === 0 || legs[byPayee[k - 1]!]!.payee !== legs[j]!.payee;
    receivedSums.push(legs[j]!.order.amount + (starts ? 0n : receivedSums[k - 1]!));
  });
  const sent = new Array<bigint>(n).fill(0n);
  const received = new Array<bigint>(n).fill(0n);
  const counts = new Array<number>(n).fill(0);
  for (const leg of legs) {
    sent[leg.payer]! += leg.order.amount;
    received[leg.payee]! += leg.order.amount;
    counts[leg.payer]! += 1;
  }
  const ints = (values: number[]) => SColl(SInt, values).toHex();
  const longs = (values: bigint[]) => SColl(SLong, values).toHex();
  return {
    0: SInt(n).toHex(),
    1: ints(legs.map((l) => l.payer + 1)),
    2: ints(legs.map((l) => l.payee + 1)),
    3: longs(legs.map((l) => l.order.amount)),
    4: longs(legs.map((l) => l.order.expiry)),
    5: SColl(SGroupElement, legs.map((l) => hex.decode(l.order.signature.commitment))).toHex(),
    6: SColl(SBigInt, legs.map((l) => l.order.signature.response)).toHex(),
    7: ints(offsets),
    8: longs(sentSums),
    9: ints(byPayee),
    10: ints(inverse),
    11: longs(receivedSums),
    12: longs(sent),
    13: longs(received),
    14: ints(counts),
  };
}

/** A new batch box for a later settlement: anyone may create one (its ERG returns to whoever spends it). */
export const verifierOutput = (value: bigint = MIN_BOX_VALUE): OutputBuilder => new OutputBuilder(value, BATCH_ERGO_TREE);

export interface SettleIntent {
  /** An unspent batch box (`verifierOutput`), created at most a storage period ago. */
  verifier: Box<Amount>;
  /** The plan to settle (`planSettlement`); it must have no refused order left in it. */
  plan: SettlementPlan;
  /** How many fresh batch boxes to create for later settlements (default 1: the next batch's). */
  nextVerifiers?: number;
}

/**
 * Builds the settlement of `plan`: the batch box first, the accounts next, the wallet after;
 * the accounts' successors first among the outputs, then the fresh batch boxes. The settler's
 * wallet (required) pays the fee and gets the batch box's ERG back as change.
 */
export function settle(intent: SettleIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const wallet = requireWallet(ctx);
  const { plan } = intent;
  if (intent.verifier.ergoTree !== BATCH_ERGO_TREE) throw new InvalidIntent(`box ${intent.verifier.boxId} is not a batch box`);
  if (plan.legs.length === 0) throw new InvalidIntent("nothing to settle: the batch has no order");
  for (const leg of plan.legs) ownerKey(plan.accounts[leg.payer]!.owner);
  const height = BigInt(ctx.height);
  const counts = new Array<number>(plan.accounts.length).fill(0);
  for (const leg of plan.legs) counts[leg.payer]! += 1;
  const successors = plan.accounts.map((account, a) => {
    // A payer's activity now, never below what its owner last wrote (a pending payment may have
    // written the next block's height: the contract allows HEIGHT).
    const activity = counts[a]! > 0 ? (account.lastActiveHeight > height ? account.lastActiveHeight : height) : payeeActivity(account, height);
    return new OutputBuilder(account.valueNanoErg, account.box.ergoTree)
      .addTokens({ tokenId: account.communityId, amount: 1n })
      .setAdditionalRegisters(accountSuccessorRegisters(account, plan.balances[a]!, activity, undefined, account.nextSeq! + BigInt(counts[a]!)));
  });
  const fresh = Array.from({ length: intent.nextVerifiers ?? 1 }, () => verifierOutput());
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const inputs = [intent.verifier, ...plan.accounts.map((a) => a.box)];
  const builder = new TransactionBuilder(ctx.height)
    .from(inputs, { ensureInclusion: true })
    .from(wallet.utxos)
    .to([...successors, ...fresh])
    .payFee(fee)
    .sendChangeTo(wallet.changeAddress);
  const tx = finish(builder, totalValue(wallet.utxos) + BigInt(intent.verifier.value), fee + MIN_BOX_VALUE * BigInt(fresh.length));
  // The contract reads the batch by position: refuse to return a transaction Fleet reordered.
  inputs.forEach((box, i) => {
    if (tx.inputs[i]?.boxId !== box.boxId) throw new Error("settle: inputs out of order");
  });
  const extension = batchExtension(plan);
  tx.inputs[0] = { ...tx.inputs[0]!, extension } as (typeof tx.inputs)[number];
  return tx;
}
