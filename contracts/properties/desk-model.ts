/**
 * An exchange desk's model for the desk property (desk-sequences.spec.ts), written from desk.es and
 * docs/desk.md, not from desk.ts: exact rationals (fraction.ts) for every price, the rounding the
 * contract allows (a buyer pays the ceiling, a seller is paid the floor), the ledger of a period's
 * buyers, announced changes taking effect at their height, and the box's storage floor from its own
 * encoding of the registers. Each intent gets a predicted outcome: accepted with what moves, or the
 * name of the typed error the builder throws first.
 */
import { hex } from "@fleet-sdk/crypto";
import { estimateBoxSize, SByte, SColl, SLong, SPair } from "@fleet-sdk/serializer";
import type { DeskTerms } from "../desk/desk.ts";
import { MIN_BOX_VALUE, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { fraction, floor, type Fraction } from "./fraction.ts";

export type Refusal = "DeskLimitReached" | "ReserveTooLow" | "OraclePriceStale" | "InvalidIntent" | "PositiveCapExceeded" | "CreditLimitExceeded";
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

const refuse = <T>(error: Refusal): Outcome<T> => ({ ok: false, error });
const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** The least integer not below `a`. */
export const ceil = (a: Fraction): bigint => -floor(fraction(-a.num, a.den));
/** a <= b for fractions with positive denominators. */
export const atMost = (a: Fraction, b: Fraction): boolean => a.num * b.den <= b.num * a.den;
export const whole = (n: bigint): Fraction => fraction(n, 1n);

const BPS = 10_000n;

/** nanoERG that `units` are worth to a buyer, fee included: units / rateNum × rateDen × price / (1 - fee). */
export const buyValue = (t: DeskTerms, units: bigint, price: bigint): Fraction =>
  fraction(units * t.rateDen * price * BPS, t.rateNum * (BPS - t.buyFeeBps));
/** Units `nanoErg` is worth to a buyer: nanoErg × rateNum / (rateDen × price) × (1 - fee). */
export const unitsValue = (t: DeskTerms, nanoErg: bigint, price: bigint): Fraction =>
  fraction(nanoErg * t.rateNum * (BPS - t.buyFeeBps), t.rateDen * price * BPS);
/** nanoERG `units` are worth to a seller, fee taken. */
export const sellValue = (t: DeskTerms, units: bigint, price: bigint): Fraction =>
  fraction(units * t.rateDen * price * (BPS - t.sellFeeBps), t.rateNum * BPS);

export interface Buyer {
  accountId: string;
  issued: bigint;
}

/** The desk's state as its box must say it. */
export interface DeskState {
  terms: DeskTerms;
  pending: { terms: DeskTerms; effectiveHeight: bigint } | null;
  balance: bigint;
  reserve: bigint;
  period: bigint;
  buyers: Buyer[];
}

/** What the box's constant parts are: its script, token, committee and id registers. */
export interface DeskShell {
  ergoTree: string;
  communityId: string;
  R6: string;
  R7: string;
}

const LONG_FIELDS = ["rateNum", "rateDen", "buyFeeBps", "sellFeeBps", "issueLimit", "periodBlocks", "memberLimit", "noticeBlocks", "maxOracleAge", "maxUnits"] as const;
const longs = (t: DeskTerms): bigint[] => LONG_FIELDS.map((f) => t[f]);
const termsPair = (ls: bigint[], nft: string): string => SPair(SColl(SLong, ls), SColl(SByte, hex.decode(nft))).toHex();

/** The registers of `s` in the layout desk.es reads (R4 terms and NFT, R5 balance, R8 pending, R9 ledger). */
export function registersOf(s: DeskState, shell: DeskShell): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  return {
    R4: termsPair(longs(s.terms), s.terms.oracleNft),
    R5: SLong(s.balance).toHex(),
    R6: shell.R6,
    R7: shell.R7,
    R8: s.pending ? termsPair([...longs(s.pending.terms), s.pending.effectiveHeight], s.pending.terms.oracleNft) : termsPair([], ""),
    R9: SPair(SColl(SLong, [s.period, ...s.buyers.map((b) => b.issued)]), SColl(SColl(SByte), s.buyers.map((b) => hex.decode(b.accountId)))).toHex(),
  };
}

/** The reserve is always more than twice the storage fee of the box and of 8 bytes more (desk.es: `out.value > (out.bytes.size + 8) × deskFloorFactor`). */
const FLOOR_FEES = 2n;

/** One nanoERG above twice the storage fee of the desk box `s` made at `height` (output 0) and 8 bytes, judged at the longest value. */
export function floorOf(s: DeskState, shell: DeskShell, height: number): bigint {
  const size = estimateBoxSize({
    value: 1n << 62n, ergoTree: shell.ergoTree, creationHeight: height, assets: [{ tokenId: shell.communityId, amount: 1n }],
    additionalRegisters: registersOf(s, shell), boxId: "00".repeat(32), transactionId: "00".repeat(32), index: 0,
  });
  return (BigInt(size) + 8n) * STORAGE_FEE_FACTOR * FLOOR_FEES + 1n;
}

/** The oracle as a trade sees it: its price and how many blocks ago it was posted; none: no pool box given. */
export type OracleView = { price: bigint; age: number } | "none";

export interface Trade {
  units: bigint;
  /** Everything the buyer's wallet pays in (or the seller receives); on a buy, `topUp` of it lifts the reserve to a larger box's floor. */
  nanoErg: bigint;
  topUp: bigint;
  price: bigint;
  terms: DeskTerms;
  after: DeskState;
}

/** The model of one desk and the accounts of its community. */
export class DeskModel {
  readonly accounts = new Map<string, bigint>();
  bought = 0n;
  sold = 0n;
  paidIn = 0n;
  paidOut = 0n;
  readonly opening: bigint;

  constructor(public state: DeskState, readonly shell: DeskShell, readonly limits: { creditLimit: bigint; positiveCap: bigint }, accountIds: string[]) {
    this.opening = state.reserve;
    for (const id of accountIds) this.accounts.set(id, 0n);
  }

  /** The terms at HEIGHT = tip + 1, and the state a successor built at `tip` starts from (a due change written in). */
  preview(tip: number): DeskState {
    const s = this.state;
    if (s.pending && BigInt(tip) + 1n >= s.pending.effectiveHeight) return { ...s, terms: s.pending.terms, pending: null };
    return { ...s };
  }

  active(tip: number): DeskTerms {
    return this.preview(tip).terms;
  }

  private price(t: DeskTerms, oracle: OracleView): Outcome<bigint> {
    if (t.oracleNft === "") return accept(1n);
    if (oracle === "none") return refuse("InvalidIntent");
    // The pool box, made `age` blocks before the tip, is fresh when HEIGHT - maxOracleAge <= its height.
    if (BigInt(oracle.age) + 1n > t.maxOracleAge) return refuse("OraclePriceStale");
    return accept(oracle.price);
  }

  private withFloor<T extends { after: DeskState }>(value: T, tip: number): Outcome<T> {
    return value.after.reserve >= floorOf(value.after, this.shell, tip) ? accept(value) : refuse("ReserveTooLow");
  }

  /** What a payer adds to lift the reserve of `after` to its floor (the builders top up buys, deposits and announcements). */
  private topUpOf(after: DeskState, tip: number): bigint {
    const least = floorOf(after, this.shell, tip);
    return after.reserve >= least ? 0n : least - after.reserve;
  }

  buy(accountId: string, amount: { units: bigint } | { payNanoErg: bigint }, oracle: OracleView, tip: number): Outcome<Trade> {
    const start = this.preview(tip);
    const t = start.terms;
    const p = this.price(t, oracle);
    if (!p.ok) return refuse(p.error);
    const units = "units" in amount ? amount.units : floor(unitsValue(t, amount.payNanoErg, p.value));
    if (units <= 0n) return refuse("InvalidIntent");
    const nanoErg = ceil(buyValue(t, units, p.value));
    if (-(start.balance - units) > t.issueLimit) return refuse("DeskLimitReached");
    let { period, buyers } = start;
    if (t.memberLimit > 0n) {
      const now = (BigInt(tip) + 1n) / t.periodBlocks;
      const current = period === now ? buyers : [];
      const before = current.find((b) => b.accountId === accountId)?.issued ?? 0n;
      if (before + units > t.memberLimit) return refuse("DeskLimitReached");
      period = now;
      buyers = current.some((b) => b.accountId === accountId)
        ? current.map((b) => (b.accountId === accountId ? { accountId, issued: before + units } : b))
        : [...current, { accountId, issued: units }];
    }
    if (this.balanceOf(accountId) + units > this.limits.positiveCap) return refuse("PositiveCapExceeded");
    const after = { ...start, balance: start.balance - units, reserve: start.reserve + nanoErg, period, buyers };
    const topUp = this.topUpOf(after, tip);
    return accept({ units, nanoErg: nanoErg + topUp, topUp, price: p.value, terms: t, after: { ...after, reserve: after.reserve + topUp } });
  }

  sell(accountId: string, units: bigint, oracle: OracleView, tip: number): Outcome<Trade> {
    const start = this.preview(tip);
    const t = start.terms;
    const p = this.price(t, oracle);
    if (!p.ok) return refuse(p.error);
    if (this.balanceOf(accountId) - units < 0n) return refuse("InvalidIntent");
    if (start.balance + units > t.maxUnits) return refuse("DeskLimitReached");
    const nanoErg = floor(sellValue(t, units, p.value));
    if (nanoErg <= 0n) return refuse("InvalidIntent");
    const after = { ...start, balance: start.balance + units, reserve: start.reserve - nanoErg };
    return this.withFloor({ units, nanoErg, topUp: 0n, price: p.value, terms: t, after }, tip);
  }

  /** A deposit; `paid` is what the wallet puts in (more than asked when the reserve was below its floor). */
  deposit(nanoErg: bigint, tip: number): Outcome<{ after: DeskState; paid: bigint }> {
    if (nanoErg < MIN_BOX_VALUE) return refuse("InvalidIntent");
    const start = this.preview(tip);
    const after = { ...start, reserve: start.reserve + nanoErg };
    const topUp = this.topUpOf(after, tip);
    return accept({ after: { ...after, reserve: after.reserve + topUp }, paid: nanoErg + topUp });
  }

  announce(change: Partial<DeskTerms>, tip: number): Outcome<{ after: DeskState }> {
    const start = this.preview(tip);
    const terms = { ...start.terms, ...change, maxUnits: start.terms.maxUnits };
    const pending = { terms, effectiveHeight: BigInt(tip) + 1n + start.terms.noticeBlocks };
    const after = { ...start, pending };
    const topUp = this.topUpOf(after, tip);
    return accept({ after: { ...after, reserve: after.reserve + topUp } });
  }

  /** The reserve must keep what buying back every outstanding unit at the active sell price pays (rounded up). */
  cover(tip: number, price: bigint): bigint {
    const s = this.preview(tip);
    const outstanding = s.balance < 0n ? -s.balance : 0n;
    return ceil(sellValue(s.terms, outstanding, price));
  }

  withdraw(nanoErg: bigint, oracle: OracleView, tip: number): Outcome<{ after: DeskState; cover: bigint }> {
    const start = this.preview(tip);
    const p = this.price(start.terms, oracle);
    if (!p.ok) return refuse(p.error);
    const cover = this.cover(tip, p.value);
    if (start.reserve - nanoErg < cover) return refuse("ReserveTooLow");
    return this.withFloor({ after: { ...start, reserve: start.reserve - nanoErg }, cover }, tip);
  }

  pay(from: string, to: string, units: bigint): Outcome<null> {
    if (this.balanceOf(from) - units < -this.limits.creditLimit) return refuse("CreditLimitExceeded");
    if (this.balanceOf(to) + units > this.limits.positiveCap) return refuse("PositiveCapExceeded");
    return accept(null);
  }

  balanceOf(accountId: string): bigint {
    const b = this.accounts.get(accountId);
    if (b === undefined) throw new Error(`model: no account ${accountId}`);
    return b;
  }

  /** Applies an accepted step. */
  applyBuy(accountId: string, trade: Trade): void {
    this.state = trade.after;
    this.accounts.set(accountId, this.balanceOf(accountId) + trade.units);
    this.bought += trade.units;
    this.paidIn += trade.nanoErg;
  }

  applySell(accountId: string, trade: Trade): void {
    this.state = trade.after;
    this.accounts.set(accountId, this.balanceOf(accountId) - trade.units);
    this.sold += trade.units;
    this.paidOut += trade.nanoErg;
  }

  applyPay(from: string, to: string, units: bigint): void {
    this.accounts.set(from, this.balanceOf(from) - units);
    this.accounts.set(to, this.balanceOf(to) + units);
  }
}
