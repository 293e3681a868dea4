/**
 * Ground truth for the economics properties: a plain model of an economics community (balances,
 * accrued charges, demurrage clocks, turnover, allowances, carried remainders, the community
 * balance) that computes every charge from the rules in docs/economics.md, not from
 * contracts/economics.ts. Demurrage is kept as exact fractions over each account's whole history
 * since its last reset: the units charged are always floor(what is owed), so the carried remainder
 * the chain holds must be exactly what the fractions leave over.
 */
import { DEFAULT_FEE } from "../builders/common.ts";
import type { Policy } from "../community/community.ts";
import type { Economics } from "../economics.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { add, floor, fraction, ZERO, type Fraction } from "./fraction.ts";

/** One stretch of blocks over which an account held the same positive balance. */
interface Segment {
  held: bigint;
  blocks: bigint;
}

export interface ModelAccount {
  accountId: string;
  balance: bigint;
  accrued: bigint;
  chargedHeight: bigint;
  received: bigint;
  allowance: bigint;
  lastActive: bigint;
  joinedHeight: bigint;
  valueNanoErg: bigint;
  /** Every stretch since the demurrage last reset (balance not positive, or all of it charged). */
  segments: Segment[];
  /** Whole units charged since that reset. */
  chargedSinceReset: bigint;
}

/** What charging an account's demurrage up to a height takes, and the state it leaves. */
export interface Demurrage {
  due: bigint;
  carry: bigint;
  segments: Segment[];
  chargedSinceReset: bigint;
}

/** Where `received` stops (2^62). */
export const RECEIVED_CEILING = 2n ** 62n;
const PPM = 1_000_000n;

/** The community as the economics rules say it must be; `tip` is the height builders are given. */
export class EconomicsModel {
  readonly accounts = new Map<string, ModelAccount>();
  readonly levers: Economics;
  communityBalance = 0n;
  seats: bigint;
  membersJoined = 0n;
  /** ERG a builder-made account starts with: collateral, minimum, ten fees of reserve. */
  readonly accountValue: bigint;

  constructor(readonly policy: Policy, public tip: number) {
    if (!policy.economics) throw new Error("model: an economics policy is needed");
    this.levers = policy.economics;
    this.seats = policy.maxMembers;
    this.accountValue = policy.collateralNanoErg + MIN_BOX_VALUE + 10n * DEFAULT_FEE;
  }

  live(): string[] {
    return [...this.accounts.keys()];
  }

  get(name: string): ModelAccount {
    const account = this.accounts.get(name);
    if (!account) throw new Error(`model: ${name} is not a member`);
    return account;
  }

  byAccountId(accountId: string): [string, ModelAccount] {
    const found = [...this.accounts].find(([, a]) => a.accountId === accountId);
    if (!found) throw new Error(`model: no account ${accountId}`);
    return found;
  }

  /** The demurrage period's denominator: one unit is `scale` parts. */
  get scale(): bigint {
    return this.levers.demurragePeriod * PPM;
  }

  /**
   * Demurrage from the account's clock to `to`, from the whole history: the units owed since the
   * last reset, as a fraction, floored, less what was already charged; never more than the
   * positive balance, and nothing owed (a reset) while the balance is not positive.
   */
  demurrageTo(account: ModelAccount, to: bigint): Demurrage {
    const held = account.balance > 0n ? account.balance : 0n;
    if (this.levers.demurragePpm === 0n || held === 0n) return { due: 0n, carry: 0n, segments: [], chargedSinceReset: 0n };
    const segments = [...account.segments, { held, blocks: to - account.chargedHeight }];
    const owed = this.owed(segments);
    const due = floor(owed) - account.chargedSinceReset;
    if (due >= held) return { due: held, carry: 0n, segments: [], chargedSinceReset: 0n };
    const charged = account.chargedSinceReset + due;
    return { due, carry: this.partsLeft(owed, charged), segments, chargedSinceReset: charged };
  }

  /** Units owed over `segments`: the sum of held × ppm × blocks / (1,000,000 × period). */
  owed(segments: Segment[]): Fraction {
    return segments.reduce((sum, s) => add(sum, fraction(s.held * this.levers.demurragePpm * s.blocks, this.scale)), ZERO);
  }

  /** What is owed beyond the units charged, in parts of 1 / scale (always whole: the carry). */
  partsLeft(owed: Fraction, charged: bigint): bigint {
    const left = add(owed, fraction(-charged, 1n));
    const parts = left.num * this.scale;
    if (parts % left.den !== 0n) throw new Error("model: a remainder that is not a whole number of parts");
    return parts / left.den;
  }

  /** The carried remainder the chain must show for `account` now. */
  carryOf(account: ModelAccount): bigint {
    return account.segments.length === 0 ? 0n : this.partsLeft(this.owed(account.segments), account.chargedSinceReset);
  }

  /** The usage fee on `sent`: max(feeMin, ceil(sent × bps / 10,000)), nothing when nothing is sent. */
  fee(sent: bigint): bigint {
    if (sent <= 0n) return 0n;
    const ceil = (sent * this.levers.feeBps + 9_999n) / 10_000n;
    return ceil > this.levers.feeMin ? ceil : this.levers.feeMin;
  }

  /** The credit limit at `height`: base + turnover share + steps of membership, at most maxCreditLimit. */
  limitAt(account: ModelAccount, height: bigint): bigint {
    const e = this.levers;
    const steps = e.stepBlocks === 0n ? 0n : (height - account.joinedHeight) / e.stepBlocks;
    const earned = this.policy.creditLimit + (account.received * e.turnoverPpm) / PPM + e.stepUnits * steps;
    return earned < e.maxCreditLimit ? earned : e.maxCreditLimit;
  }

  /** Whether a payment in block `height` may spend allowance. */
  inWindow(account: ModelAccount, height: bigint): boolean {
    return height <= account.joinedHeight + this.levers.newcomerBlocks;
  }

  /** The most allowance a purchase of `sent` in block `height` may spend: half of it, within what is left. */
  allowanceMost(account: ModelAccount, sent: bigint, height: bigint): bigint {
    if (!this.inWindow(account, height)) return 0n;
    return account.allowance < sent / 2n ? account.allowance : sent / 2n;
  }

  /** sum(balances) + sum(accrued) + sum(unused allowances) + communityBalance: always 0. */
  invariant(): bigint {
    let sum = this.communityBalance;
    for (const a of this.accounts.values()) sum += a.balance + a.accrued + a.allowance;
    return sum;
  }

  /** A member joins at the tip with the policy's allowance, issued from the community balance. */
  join(name: string, accountId: string): void {
    const h = BigInt(this.tip);
    this.accounts.set(name, {
      accountId, balance: 0n, accrued: 0n, chargedHeight: h, received: 0n, allowance: this.levers.allowance,
      lastActive: h, joinedHeight: h, valueNanoErg: this.accountValue, segments: [], chargedSinceReset: 0n,
    });
    this.communityBalance -= this.levers.allowance;
    this.seats -= 1n;
    this.membersJoined += 1n;
    this.tip += 1;
  }

  /** Charges `account`'s demurrage up to `to` into its accrued charges; returns the units charged. */
  charge(account: ModelAccount, to: bigint): bigint {
    const d = this.demurrageTo(account, to);
    account.balance -= d.due;
    account.accrued += d.due;
    account.chargedHeight = to;
    account.segments = d.segments;
    account.chargedSinceReset = d.chargedSinceReset;
    return d.due;
  }

  /** A payment built at the tip: demurrage charged on every side, the payer's fee, the allowance used. */
  pay(payer: string, payees: { name: string; amount: bigint }[], allowanceUsed: bigint): void {
    const h = BigInt(this.tip);
    const from = this.get(payer);
    const sent = payees.reduce((s, p) => s + p.amount, 0n);
    this.charge(from, h);
    const fee = this.fee(sent);
    from.balance += allowanceUsed - sent - fee;
    from.accrued += fee;
    from.allowance -= allowanceUsed;
    from.lastActive = h;
    from.valueNanoErg -= DEFAULT_FEE;
    for (const p of payees) {
      const to = this.get(p.name);
      const wasNegative = to.balance < 0n;
      this.charge(to, h);
      if (wasNegative && h > to.lastActive) to.lastActive = h;
      to.balance += p.amount;
      to.received = to.received + p.amount >= RECEIVED_CEILING ? RECEIVED_CEILING : to.received + p.amount;
    }
    this.tip += 1;
  }

  /** The owner adds ERG: its touch charges the demurrage due and marks activity. */
  topUp(name: string, addNanoErg: bigint): void {
    const account = this.get(name);
    this.charge(account, BigInt(this.tip));
    account.lastActive = BigInt(this.tip);
    account.valueNanoErg += addNanoErg;
    this.tip += 1;
  }

  /** What sweeping `name` at the tip collects: its accrued charges and the demurrage due. */
  collectable(name: string): bigint {
    const account = this.get(name);
    return account.accrued + this.demurrageTo(account, BigInt(this.tip)).due;
  }

  /** The least an account must hold in charges to be swept. */
  get sweepMinimum(): bigint {
    return this.levers.sweepMin > 1n ? this.levers.sweepMin : 1n;
  }

  sweep(names: string[]): void {
    for (const name of names) {
      const account = this.get(name);
      this.charge(account, BigInt(this.tip));
      this.communityBalance += account.accrued;
      account.accrued = 0n;
    }
    this.tip += 1;
  }

  /** Leave, default: the account's worth (balance, accrued, unused allowance) becomes the community's. */
  close(name: string): void {
    const a = this.get(name);
    this.communityBalance += a.balance + a.accrued + a.allowance;
    this.accounts.delete(name);
    this.seats += 1n;
    this.tip += 1;
  }

  /** Whether `name` may be closed as defaulted in block tip + 1. */
  defaulted(name: string): boolean {
    const a = this.get(name);
    const inactivity = this.policy.inactivityBlocks;
    return a.balance < 0n && inactivity > 0n && BigInt(this.tip + 1) >= a.lastActive + inactivity;
  }
}
