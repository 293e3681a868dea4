/**
 * Escrows for post-factum payments (contract version 7, docs/escrow.md): the registers of an escrow
 * box, a decoder for boxes read from a node, and the settlement rules exactly as the contract
 * checks them. Pure and isomorphic.
 *
 * An escrow is a member's standing box holding a membership unit. While idle its balance is 0;
 * committing an order moves `max` units from the owner's account into it; settling moves them out
 * again, `released` to the payee and the rest back to the payer, and leaves it idle for the next.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongsAny, readSigmaProp } from "../registers.ts";
import { ESCROW_ERGO_TREE, ESCROW_GRACE_BLOCKS } from "../scripts.ts";

/** An order's terms, fixed when it is committed. */
export interface OrderTerms {
  /** Units committed: the most the payee can ever receive. */
  max: bigint;
  /** Units the payee may claim after the deadline whatever the payer does (0: none). */
  minimum: bigint;
  /** Height after which anyone may settle at the minimum. */
  deadline: bigint;
}

/** The order an escrow holds while open. */
export interface OpenOrder extends OrderTerms {
  payerId: string;
  payeeId: string;
  /** Up to 64 bytes (hex) naming what was ordered, e.g. a hash of the order's description. */
  reference: string;
}

/** An escrow as its live box states it. */
export interface Escrow {
  boxId: string;
  escrowId: string;
  communityId: string;
  /** The committed units while an order is open, else 0. */
  balance: bigint;
  /** Serialized SigmaProp (hex) of the owner: the key of the member who opened it. */
  owner: string;
  order: OpenOrder | null;
  depositNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** Most bytes of an order's reference. */
export const REFERENCE_MAX_BYTES = 64;
/** Blocks after the deadline during which only the payee's minimum can be claimed. */
export const GRACE_BLOCKS = BigInt(ESCROW_GRACE_BLOCKS);

/** Registers of an escrow box: idle when `order` is null. */
export function escrowRegisters(e: { owner: string; escrowId: string; order: OpenOrder | null }): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  const o = e.order;
  return {
    R4: longsConstant(o ? [o.max, o.minimum, o.deadline] : []),
    R5: longConstant(o ? o.max : 0n),
    R6: bytesConstant(o ? o.payerId + o.payeeId : ""),
    R7: bytesConstant(e.escrowId),
    R8: e.owner,
    R9: bytesConstant(o ? o.reference : ""),
  };
}

/** Decodes an escrow box, or says why it is not a well-formed escrow. */
export function decodeEscrow(box: Box<Amount>): Decoded<Escrow> {
  return decoded(() => {
    if (box.ergoTree !== ESCROW_ERGO_TREE) throw new Error("not the escrow script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) throw new Error("an escrow holds exactly one membership unit");
    const r = box.additionalRegisters;
    const terms = readLongsAny("R4", r.R4);
    const balance = readLong("R5", r.R5);
    const parties = readBytes("R6", r.R6);
    const escrowId = readBytes("R7", r.R7);
    if (escrowId.length !== 64) throw new Error("R7: the escrow id is 32 bytes");
    const owner = readSigmaProp("R8", r.R8);
    const reference = readBytes("R9", r.R9);
    if (reference.length > REFERENCE_MAX_BYTES * 2) throw new Error(`R9: a reference has at most ${REFERENCE_MAX_BYTES} bytes`);
    let order: OpenOrder | null = null;
    if (balance === 0n) {
      if (terms.length !== 0 || parties.length !== 0 || reference.length !== 0) throw new Error("an idle escrow has no order registers");
    } else {
      if (terms.length !== 3) throw new Error("R4: an open order has [max, minimum, deadline]");
      if (parties.length !== 128) throw new Error("R6: an open order names the payer and the payee (64 bytes)");
      const [max, minimum, deadline] = terms as [bigint, bigint, bigint];
      if (max !== balance || minimum < 0n || minimum > max) throw new Error("R4: the order's max is the balance and its minimum is between 0 and max");
      order = { max, minimum, deadline, payerId: parties.slice(0, 64), payeeId: parties.slice(64), reference };
    }
    return {
      boxId: box.boxId,
      escrowId,
      communityId: token.tokenId,
      balance,
      owner,
      order,
      depositNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** Who may settle an order, and at which amounts, in a block at `height` (the contract's HEIGHT). */
export type SettleBy = "payer" | "payee" | "anyone";

/**
 * The amounts to the payee each party may settle at, at `height`: [least, most]. After the
 * deadline anyone settles: the minimum to the payee when there is one (a claim, which leaves the
 * rest in the escrow as an order without a minimum), else everything back to the payer.
 */
export function releaseRange(order: OrderTerms, by: SettleBy, height: bigint): [bigint, bigint] | null {
  if (by === "payer") return height > order.deadline + GRACE_BLOCKS ? [0n, order.max] : [order.minimum, order.max];
  if (by === "payee") return [0n, 0n];
  return height > order.deadline ? [order.minimum, order.minimum] : null;
}

/** What stays in the escrow after a claim of the minimum: an order of the rest without a minimum, or nothing. */
export function remainderAfterClaim(order: OpenOrder): OpenOrder | null {
  const rest = order.max - order.minimum;
  return rest === 0n ? null : { ...order, max: rest, minimum: 0n };
}

/** Where an order stands at `height`: open, claimable by anyone at the minimum, or past its grace. */
export function orderPhase(order: OrderTerms, height: bigint): "open" | "claimable" | "lapsed" {
  if (height <= order.deadline) return "open";
  return height > order.deadline + GRACE_BLOCKS ? "lapsed" : "claimable";
}
