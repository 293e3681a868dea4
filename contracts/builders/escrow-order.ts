/**
 * Post-factum payments (docs/escrow.md): commit units to an order from the owner's account into its
 * escrow, then settle it: the payer releases from the minimum to the maximum, the payee refunds
 * it all, or anyone settles at the minimum once the deadline has passed.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "../account/account.ts";
import { GRACE_BLOCKS, REFERENCE_MAX_BYTES, releaseRange, remainderAfterClaim, type OpenOrder, type SettleBy } from "../escrow/escrow.ts";
import { CreditLimitExceeded, InvalidIntent, OrderExceedsCommitment, PositiveCapExceeded, WrongCommunity } from "../errors.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";
import { positiveUnits, requireAccount, type BuildContext } from "./common.ts";
import { escrowSuccessor, requireEscrow } from "./escrow-open.ts";
import { walletPaidTx } from "./line-common.ts";
import { payeeActivity, successor } from "./pay.ts";

/** What a payer commits: up to `maxUnits` to `payeeId`, `minimumUnits` of it claimable after `deadline`. */
export interface CommitIntent {
  escrow: Box<Amount>;
  /** The escrow owner's account: the payer. */
  payer: Box<Amount>;
  /** The payee's accountId (64 hex digits). */
  payeeId: string;
  maxUnits: bigint | number | string;
  /** Default 0. */
  minimumUnits?: bigint | number | string;
  /** The last height before the payee may claim the minimum; at most DORMANT_BLOCKS ahead. */
  deadline: bigint | number;
  /** Up to 64 bytes (hex) naming what was ordered; default none. */
  reference?: string;
}

function units(field: string, value: unknown): bigint {
  if (value === undefined || value === 0 || value === "0" || value === 0n) return 0n;
  return positiveUnits(field, value);
}

/** The order a commit would write, checked as the contract checks it; throws the first rule it breaks. */
export function orderOf(intent: CommitIntent, payer: Account, height: number): OpenOrder {
  const max = positiveUnits("maxUnits", intent.maxUnits);
  const minimum = units("minimumUnits", intent.minimumUnits);
  if (minimum > max) throw new InvalidIntent(`minimumUnits: ${minimum} is more than the ${max} committed`);
  if (!/^[0-9a-f]{64}$/i.test(intent.payeeId)) throw new InvalidIntent("payeeId: an accountId is 64 hex digits");
  const payeeId = intent.payeeId.toLowerCase();
  if (payeeId === payer.accountId) throw new InvalidIntent("the payee is the payer");
  const deadline = typeof intent.deadline === "bigint" ? intent.deadline : Number.isSafeInteger(intent.deadline) ? BigInt(intent.deadline) : -1n;
  // The contract judges at HEIGHT, the next block at the earliest.
  if (deadline <= BigInt(height) + 1n) throw new InvalidIntent(`deadline: height ${intent.deadline} is not after the next block (${height + 1})`);
  if (deadline > BigInt(height) + BigInt(DORMANT_BLOCKS)) throw new InvalidIntent(`deadline: at most ${DORMANT_BLOCKS} blocks ahead (height ${height + DORMANT_BLOCKS})`);
  const reference = (intent.reference ?? "").toLowerCase();
  if (!/^([0-9a-f]{2})*$/.test(reference) || reference.length > REFERENCE_MAX_BYTES * 2) {
    throw new InvalidIntent(`reference: at most ${REFERENCE_MAX_BYTES} bytes, written in hex`);
  }
  if (payer.balance - max + payer.terms.creditLimit < 0n) throw new CreditLimitExceeded(payer.accountId, payer.terms.creditLimit, payer.balance - max);
  return { max, minimum, deadline, payerId: payer.accountId, payeeId, reference };
}

/**
 * Builds a commit: the payer's account (debited by max) at output 0, the escrow (open) at output
 * 1. The payer's key signs (it owns both); the wallet pays the fee.
 * @example
 * const tx = commitOrder({ escrow, payer: aliceBox, payeeId: bob.accountId, maxUnits: 50n, minimumUnits: 20n, deadline: height + 720 }, { height, wallet });
 */
export function commitOrder(intent: CommitIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const escrow = requireEscrow(intent.escrow);
  const payer = requireAccount(intent.payer);
  if (payer.communityId !== escrow.communityId) throw new WrongCommunity(payer.boxId, escrow.communityId, payer.communityId);
  if (payer.owner !== escrow.owner) throw new InvalidIntent(`escrow ${escrow.escrowId.slice(0, 12)}… belongs to another key than account ${payer.accountId.slice(0, 12)}…`);
  if (payer.terms.economics) throw new InvalidIntent("escrows are for plain communities (docs/escrow.md)");
  if (escrow.order) throw new InvalidIntent(`escrow ${escrow.escrowId.slice(0, 12)}… already holds an open order; settle it or open another escrow`);
  const order = orderOf(intent, payer, ctx.height);
  const outputs = [
    successor(payer, payer.balance - order.max, BigInt(ctx.height), payer.valueNanoErg),
    escrowSuccessor(escrow, order, ctx.height, 1),
  ];
  return walletPaidTx({ inputs: [payer.box, escrow.box], outputs }, ctx, 0n);
}

/** How an order is settled: `releasedUnits` to the payee, the rest to the payer. */
export interface SettleIntent {
  escrow: Box<Amount>;
  /** Needed when the payer gets something back (or signs as the payer). */
  payer?: Box<Amount>;
  /** Needed when the payee gets something (or signs the refund). */
  payee?: Box<Amount>;
  /** `payer`: release (signed by the payer); `payee`: refund everything (signed by the payee); `anyone`: the minimum after the deadline. */
  by: SettleBy;
  /** For `by: "payer"`: the units released to the payee (minimum..max; 0..max after the grace window). */
  releasedUnits?: bigint | number | string;
}

/** The units the payee gets (`released`), the payer gets back (`returned`) and the escrow keeps after a claim (`kept`). */
export function settlementOf(intent: Pick<SettleIntent, "by" | "releasedUnits">, order: OpenOrder, escrowId: string, height: number): { released: bigint; returned: bigint; kept: bigint } {
  // The contract judges at HEIGHT, the next block at the earliest: a settlement valid then stays valid.
  const at = BigInt(height) + 1n;
  const range = releaseRange(order, intent.by, at);
  if (!range) throw new InvalidIntent(`the deadline (height ${order.deadline}) has not passed: only the payer can release, or the payee refund, before it`);
  let released = range[0];
  if (intent.by === "payer") {
    released = units("releasedUnits", intent.releasedUnits ?? 0n);
    if (released > order.max) throw new OrderExceedsCommitment(escrowId, order.max, released);
    if (released < range[0]) {
      throw new InvalidIntent(`releasedUnits: at least the agreed minimum of ${order.minimum} until height ${order.deadline + GRACE_BLOCKS} (the payee's claim window)`);
    }
  } else if (intent.releasedUnits !== undefined && units("releasedUnits", intent.releasedUnits) !== released) {
    throw new InvalidIntent(intent.by === "payee" ? "a payee's refund releases nothing: releasedUnits must be 0" : `after the deadline anyone settles at the minimum, ${order.minimum} units`);
  }
  if (intent.by === "anyone" && order.minimum > 0n) return { released, returned: 0n, kept: order.max - released };
  return { released, returned: order.max - released, kept: 0n };
}

function party(box: Box<Amount> | undefined, id: string, role: string, communityId: string): Account | undefined {
  if (!box) return undefined;
  const account = requireAccount(box);
  if (account.communityId !== communityId) throw new WrongCommunity(account.boxId, communityId, account.communityId);
  if (account.accountId !== id) throw new InvalidIntent(`the ${role} account given is ${account.accountId.slice(0, 12)}…, the order's ${role} is ${id.slice(0, 12)}…`);
  return account;
}

/**
 * Builds a settlement: the escrow at output 0 (idle again, or after a claim holding the rest as an
 * order without a minimum), then the payee's account (credited) and the payer's (credited) when
 * they receive anything or sign. Signed by the payer (`payer`), the payee (`payee`), or nobody
 * (`anyone`, after the deadline: a claim of the minimum, which leaves the payer's account out, or
 * with no minimum everything back to the payer); the wallet pays the fee.
 */
export function settleOrder(intent: SettleIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const escrow = requireEscrow(intent.escrow);
  const order = escrow.order;
  if (!order) throw new InvalidIntent(`escrow ${escrow.escrowId.slice(0, 12)}… holds no open order`);
  const { released, returned } = settlementOf(intent, order, escrow.escrowId, ctx.height);
  const payee = party(intent.payee, order.payeeId, "payee", escrow.communityId);
  const payer = party(intent.payer, order.payerId, "payer", escrow.communityId);
  const needPayee = released > 0n || intent.by === "payee";
  if (needPayee && !payee) throw new InvalidIntent("the payee's account box is needed: it receives the units (or signs the refund)");
  if (returned > 0n && !payer && !(intent.by === "anyone" && order.minimum > 0n)) {
    throw new InvalidIntent("the payer's account box is needed: it gets the rest back");
  }
  const height = BigInt(ctx.height);
  const inputs = [escrow.box];
  // A claim (anyone, after the deadline, an order with a minimum) moves the minimum alone; the rest
  // stays as an order without a minimum, for the payer to release or anyone to return.
  const claim = intent.by === "anyone" && order.minimum > 0n;
  const outputs = [escrowSuccessor(escrow, claim ? remainderAfterClaim(order) : null, ctx.height, 0)];
  const credit = (account: Account, amount: bigint) => {
    const balance = account.balance + amount;
    if (balance > account.terms.positiveCap) throw new PositiveCapExceeded(account.accountId, account.terms.positiveCap, balance);
    inputs.push(account.box);
    // An account that receives nothing is in the transaction only to sign: its script then sees a debit of 0.
    outputs.push(successor(account, balance, amount === 0n ? height : payeeActivity(account, height), account.valueNanoErg));
  };
  if (payee && (released > 0n || intent.by === "payee")) credit(payee, released);
  if (payer && !claim && (returned > 0n || intent.by === "payer")) credit(payer, returned);
  return walletPaidTx({ inputs, outputs }, ctx, 0n);
}
