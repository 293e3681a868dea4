/**
 * The model of a community with escrows for the escrow property (escrow-sequences.spec.ts), written
 * from escrow.es and docs/escrow.md, not from escrow.ts or the builders: plain bigint balances, the
 * orders each escrow holds, the seats, when each box was last recreated (for dormancy), and its own
 * encoding of an escrow's registers. Each intent gets a predicted outcome: accepted with what
 * moves, or the name of the typed error the builder throws first.
 */
import { hex } from "@fleet-sdk/crypto";
import { SByte, SColl, SLong } from "@fleet-sdk/serializer";

export type Refusal = "InvalidIntent" | "CreditLimitExceeded" | "PositiveCapExceeded" | "OrderExceedsCommitment" | "NotDormant" | "CommunityFull";
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

const refuse = <T>(error: Refusal): Outcome<T> => ({ ok: false, error });
const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

export interface ModelOrder {
  max: bigint;
  minimum: bigint;
  deadline: bigint;
  payerId: string;
  payeeId: string;
  reference: string;
}

export interface ModelEscrow {
  escrowId: string;
  /** The owner's account (the only account that can commit from it). */
  ownerId: string;
  /** The owner's SigmaProp constant, as R8 holds it. */
  owner: string;
  order: ModelOrder | null;
  /** The tip at which its live box was built (its creation height). */
  createdAt: number;
}

/** Who settles. */
export type By = "payer" | "payee" | "anyone";

/** What a settlement moves: `released` to the payee, `returned` to the payer, `kept` in the escrow (after a claim). */
export interface Settlement {
  released: bigint;
  returned: bigint;
  kept: bigint;
}

/** Blocks the grace window and dormancy last, as the contract is compiled with them. */
export interface Windows {
  graceBlocks: bigint;
  dormantBlocks: bigint;
}

/** The register encoding escrow.es reads: R4 [max, minimum, deadline] or empty, R5 balance, R6 payer ++ payee, R7 id, R8 owner, R9 reference. */
export function escrowRegistersOf(e: ModelEscrow): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  const o = e.order;
  const bytes = (h: string) => SColl(SByte, hex.decode(h)).toHex();
  return {
    R4: SColl(SLong, o ? [o.max, o.minimum, o.deadline] : []).toHex(),
    R5: SLong(o ? o.max : 0n).toHex(),
    R6: bytes(o ? o.payerId + o.payeeId : ""),
    R7: bytes(e.escrowId),
    R8: e.owner,
    R9: bytes(o ? o.reference : ""),
  };
}

/** A plain community's accounts, escrows and seats. */
export class EscrowModel {
  readonly accounts = new Map<string, bigint>();
  readonly escrows = new Map<string, ModelEscrow>();
  /** Units released to payees and returned to payers over the run, for the books. */
  released = 0n;
  returned = 0n;
  committed = 0n;

  constructor(
    readonly limits: { creditLimit: bigint; positiveCap: bigint },
    readonly windows: Windows,
    public seatsLeft: bigint,
    accountIds: string[],
  ) {
    for (const id of accountIds) this.accounts.set(id, 0n);
  }

  balanceOf(accountId: string): bigint {
    const b = this.accounts.get(accountId);
    if (b === undefined) throw new Error(`model: no account ${accountId}`);
    return b;
  }

  escrow(escrowId: string): ModelEscrow {
    const e = this.escrows.get(escrowId);
    if (!e) throw new Error(`model: no escrow ${escrowId}`);
    return e;
  }

  /** Units held in every escrow: the sum of the open orders' max. */
  held(): bigint {
    let sum = 0n;
    for (const e of this.escrows.values()) sum += e.order?.max ?? 0n;
    return sum;
  }

  /** A box built at `createdAt` is dormant for a transaction built at `tip` (HEIGHT = tip + 1). */
  dormant(createdAt: number, tip: number): boolean {
    return BigInt(createdAt) <= BigInt(tip) + 1n - this.windows.dormantBlocks;
  }

  /** The last free seat is kept for a join: an opening that took it would leave the community box with one unit, which an account's script takes for a member box. */
  open(): Outcome<null> {
    return this.seatsLeft < 2n ? refuse("CommunityFull") : accept(null);
  }

  applyOpen(escrowId: string, ownerId: string, owner: string, tip: number): void {
    this.seatsLeft -= 1n;
    this.escrows.set(escrowId, { escrowId, ownerId, owner, order: null, createdAt: tip });
  }

  /** A commit from `escrowId` by its owner's account `payerId`, judged at HEIGHT = tip + 1. */
  commit(escrowId: string, payerId: string, o: { payeeId: string; max: bigint; minimum: bigint; deadline: bigint; reference: string }, tip: number): Outcome<ModelOrder> {
    const e = this.escrow(escrowId);
    if (e.ownerId !== payerId) return refuse("InvalidIntent");
    if (e.order) return refuse("InvalidIntent");
    if (o.max <= 0n || o.minimum < 0n || o.minimum > o.max) return refuse("InvalidIntent");
    if (o.payeeId === payerId) return refuse("InvalidIntent");
    const height = BigInt(tip) + 1n;
    // HEIGHT < deadline <= HEIGHT + dormantBlocks, for the earliest block the commit can be in.
    if (o.deadline <= height || o.deadline > BigInt(tip) + this.windows.dormantBlocks) return refuse("InvalidIntent");
    if (o.reference.length > 128) return refuse("InvalidIntent");
    if (this.balanceOf(payerId) - o.max < -this.limits.creditLimit) return refuse("CreditLimitExceeded");
    return accept({ ...o, payerId });
  }

  applyCommit(escrowId: string, order: ModelOrder, tip: number): void {
    const e = this.escrow(escrowId);
    this.accounts.set(order.payerId, this.balanceOf(order.payerId) - order.max);
    e.order = order;
    e.createdAt = tip;
    this.committed += order.max;
  }

  /** The release range of the contract for `by` at HEIGHT `height`, or null when `by` may not settle yet. */
  range(o: ModelOrder, by: By, height: bigint): [bigint, bigint] | null {
    if (by === "payee") return [0n, 0n];
    if (by === "anyone") return height > o.deadline ? [o.minimum, o.minimum] : null;
    return height > o.deadline + this.windows.graceBlocks ? [0n, o.max] : [o.minimum, o.max];
  }

  /** A settlement of `escrowId` by `by` (the payer's `released` when the payer settles), built at `tip`. */
  settle(escrowId: string, by: By, released: bigint | undefined, tip: number): Outcome<Settlement> {
    const o = this.escrow(escrowId).order;
    if (!o) return refuse("InvalidIntent");
    const range = this.range(o, by, BigInt(tip) + 1n);
    if (!range) return refuse("InvalidIntent");
    const r = by === "payer" ? (released ?? 0n) : range[0];
    if (r > o.max) return refuse("OrderExceedsCommitment");
    if (r < range[0] || r > range[1]) return refuse("InvalidIntent");
    // A claim (anyone, an order with a minimum) moves the minimum alone: the rest stays in the
    // escrow as an order without a minimum, and the payer's account is left out.
    const claim = by === "anyone" && o.minimum > 0n;
    const kept = claim ? o.max - r : 0n;
    const rest = o.max - r - kept;
    // The payee is credited first, then the payer, each within its positive cap.
    if ((r > 0n || by === "payee") && this.balanceOf(o.payeeId) + r > this.limits.positiveCap) return refuse("PositiveCapExceeded");
    if (!claim && (rest > 0n || by === "payer") && this.balanceOf(o.payerId) + rest > this.limits.positiveCap) return refuse("PositiveCapExceeded");
    return accept({ released: r, returned: rest, kept });
  }

  applySettle(escrowId: string, s: Settlement, tip: number): void {
    const e = this.escrow(escrowId);
    const o = e.order!;
    this.accounts.set(o.payeeId, this.balanceOf(o.payeeId) + s.released);
    this.accounts.set(o.payerId, this.balanceOf(o.payerId) + s.returned);
    e.order = s.kept > 0n ? { ...o, max: s.kept, minimum: 0n } : null;
    e.createdAt = tip;
    this.released += s.released;
    this.returned += s.returned;
  }

  refresh(escrowId: string, tip: number): Outcome<null> {
    return this.dormant(this.escrow(escrowId).createdAt, tip) ? accept(null) : refuse("NotDormant");
  }

  applyRefresh(escrowId: string, tip: number): void {
    this.escrow(escrowId).createdAt = tip;
  }

  close(escrowId: string, asStranger: boolean, tip: number): Outcome<null> {
    const e = this.escrow(escrowId);
    if (e.order) return refuse("InvalidIntent");
    if (asStranger && !this.dormant(e.createdAt, tip)) return refuse("NotDormant");
    return accept(null);
  }

  applyClose(escrowId: string): void {
    this.escrows.delete(escrowId);
    this.seatsLeft += 1n;
  }

  pay(from: string, to: string, units: bigint): Outcome<null> {
    if (this.balanceOf(from) - units < -this.limits.creditLimit) return refuse("CreditLimitExceeded");
    if (this.balanceOf(to) + units > this.limits.positiveCap) return refuse("PositiveCapExceeded");
    return accept(null);
  }

  applyPay(from: string, to: string, units: bigint): void {
    this.accounts.set(from, this.balanceOf(from) - units);
    this.accounts.set(to, this.balanceOf(to) + units);
  }
}
