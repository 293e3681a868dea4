/**
 * Signed payment orders for the batch-settlement sequences, drawn against the model's state:
 * mostly the payer's next order with a small amount, often one past its credit or the payee's cap,
 * and now and then a stale, future or conflicting sequence number, an expired order, one signed by
 * another member's key, one altered after signing, or one naming another community or an account
 * that does not exist. The model learns each order with whether its payer really signed it.
 */
import { hex } from "@fleet-sdk/crypto";
import { signOrder, type PaymentOrder, type SignedOrder } from "../orders.ts";
import { LONG_MAX } from "../long.ts";
import type { Fixture } from "../testing/community-fixture.ts";
import type { BatchModel, ModelAccount, ModelOrder } from "./batch-order-model.ts";
import type { BatchDraw } from "./batch-draw.ts";

/** A signed order, what the model knows of it, and whether a batch settled it. */
export interface Pooled {
  signed: SignedOrder;
  model: ModelOrder;
  settled: boolean;
  /** Batches it was given to. */
  tries: number;
  /** How it was drawn (for the tally and failure messages). */
  variant: string;
}

/**
 * Mostly what fits the payer's room above its floor and the payee's below its cap (as they are
 * now: other orders may still use the room first); often just past one of them; now and then
 * anything up to 2^63 - 1. `fits` says whether it was drawn to fit.
 */
function drawAmount(d: BatchDraw, payer: ModelAccount, payee: ModelAccount): { amount: bigint; fits: boolean } {
  const payerRoom = payer.balance + payer.creditLimit;
  const payeeRoom = payee.positiveCap - payee.balance;
  const room = payerRoom < payeeRoom ? payerRoom : payeeRoom;
  const roll = d.int(0, 99);
  // A third of the room at most, so that a few orders of one payer fit together.
  const share = room / 3n;
  if (roll < 70 && room >= 1n) return { amount: d.big(1n, share < 1n ? 1n : share < 15n ? share : 15n), fits: true };
  // Past the payee's cap but within the payer's floor (the floor is checked first).
  if (roll < 82 && payeeRoom >= 0n && payerRoom > payeeRoom) {
    const over = payerRoom - payeeRoom;
    return { amount: payeeRoom + d.big(1n, over < 20n ? over : 20n), fits: false };
  }
  if (roll < 94 && payerRoom >= 0n && payerRoom < LONG_MAX - 20n) return { amount: payerRoom + d.big(1n, 20n), fits: false };
  return { amount: d.big(1n, LONG_MAX), fits: false };
}

/**
 * The sequence number: the payer's next one, or stale, future, or a rival of an open order. A
 * sound order (`advance`) moves the payer's next number on; a flawed one does not, so that it does
 * not leave a gap that holds back every later order of its payer.
 */
function drawSeq(d: BatchDraw, payer: ModelAccount, signedNext: Map<string, bigint>, pool: Pooled[], advance: boolean): { seq: bigint; variant: string } {
  const signed = signedNext.get(payer.accountId) ?? 0n;
  const next = signed > payer.nextSeq ? signed : payer.nextSeq;
  const roll = d.int(0, 99);
  const rivals = pool.filter((p) => !p.settled && p.model.payer === payer.accountId && p.model.seq >= payer.nextSeq);
  if (roll < 5 && payer.nextSeq > 0n) return { seq: d.big(0n, payer.nextSeq - 1n), variant: "stale" };
  if (roll < 11) return { seq: next + d.big(1n, 3n), variant: "future" };
  if (roll < 16 && rivals.length > 0) return { seq: d.pick(rivals).model.seq, variant: "rival" };
  if (advance) signedNext.set(payer.accountId, next + 1n);
  return { seq: next, variant: "next" };
}

function drawExpiry(d: BatchDraw, tip: number): { expiry: bigint; variant?: string } {
  const roll = d.int(0, 99);
  if (roll < 4) return { expiry: BigInt(tip + 1), variant: "expiring next block" };
  if (roll < 10) return { expiry: BigInt(d.int(Math.max(1, tip - 5), tip)), variant: "expired" };
  return { expiry: BigInt(tip + d.int(2, 80)) };
}

const secretOf = (f: Fixture, name: string) => f.member(name).party.key.privateKey as Uint8Array;

/** One order, signed (or mis-signed) now. */
export function drawOrder(d: BatchDraw, model: BatchModel, f: Fixture, signedNext: Map<string, bigint>, pool: Pooled[]): Pooled {
  const members = [...model.accounts.values()];
  const payer = d.pick(members);
  const payee = d.pick(members.filter((m) => m !== payer));
  const roll = d.int(0, 99);
  const { expiry, variant: expiryVariant } = drawExpiry(d, model.tip);
  const { amount, fits } = drawAmount(d, payer, payee);
  // An order past the room holds back its payer's later ones until the payer is paid or revokes:
  // only a quarter of them take a number of their own.
  const sound = roll >= 13 && expiryVariant !== "expired" && (fits || d.chance(25));
  const { seq, variant: seqVariant } = drawSeq(d, payer, signedNext, pool, sound);
  const order: PaymentOrder = { communityId: model.communityId, payer: payer.accountId, payee: payee.accountId, amount, seq, expiry };
  const variants = [seqVariant, ...(expiryVariant ? [expiryVariant] : [])];
  if (roll < 3) {
    order.payee = hex.encode(d.bytes(32));
    variants.push("unknown payee");
  } else if (roll < 6) {
    order.communityId = hex.encode(d.bytes(32));
    variants.push("other community");
  }
  let signer = payer.name;
  if (roll >= 6 && roll < 10) {
    signer = d.pick(members.filter((m) => m !== payer)).name;
    variants.push("wrong key");
  }
  let signed = signOrder(order, secretOf(f, signer));
  let genuine = signer === payer.name;
  if (roll >= 10 && roll < 13) {
    // Altered after signing: the payee asks for one unit more (or less), under the payer's signature.
    signed = { ...signed, amount: signed.amount < LONG_MAX ? signed.amount + 1n : signed.amount - 1n };
    genuine = false;
    variants.push("altered");
  }
  const { signature: _, ...fields } = signed;
  return { signed, model: { ...fields, genuine }, settled: false, tries: 0, variant: variants.join(", ") };
}
