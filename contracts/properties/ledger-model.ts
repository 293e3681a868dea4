/**
 * Ground truth for the random-sequence property: the actions a sequence draws, and a plain model
 * of a community (balances, activity, ERG, seats, treasury) that decides on its own, from the
 * rules in CONTRACTS.md, which intents must be refused and what the chain must look like after.
 */
import fc from "fast-check";
import { DEFAULT_FEE } from "../builders/common.ts";
import { maxUnits } from "../builders/policy.ts";
import type { Policy } from "../community/community.ts";
import {
  BalanceNotZero, CommunityFull, CreditLimitExceeded, InsufficientFunds, InvalidAmount, NotDefaulted, NotDormant, PositiveCapExceeded,
  type LetsError,
} from "../errors.ts";
import { DORMANT_BLOCKS, MIN_BOX_VALUE } from "../scripts.ts";
import { testPolicy } from "../testing/policy.ts";

/** Small limits so that sequences of a few actions hit the floor, the cap and a full community. */
export const SEQUENCE_POLICY: Policy = testPolicy({ creditLimit: 30n, positiveCap: 20n, maxMembers: 5n, inactivityBlocks: 5n });

export type Action =
  | { kind: "join" }
  | { kind: "pay"; payer: number; offset: number; amounts: bigint[] }
  | { kind: "leave"; who: number }
  | { kind: "default"; who: number; debtor: boolean; wait: number }
  | { kind: "mine"; blocks: number }
  | { kind: "dormant"; who: number; refresh: boolean; wait: number };

/** Mostly amounts that fit, often ones past the floor or the cap, sometimes 0. */
const amountArb = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt(1n, 15n) },
  { weight: 3, arbitrary: fc.bigInt(16n, 80n) },
  { weight: 1, arbitrary: fc.constant(0n) },
);
const inactivity = Number(SEQUENCE_POLICY.inactivityBlocks);

/** One action; member choices are indices into the live members, resolved when the action runs. */
export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "join" as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      payer: fc.nat(11),
      // Payees: the other live members, rotated by `offset`, one per amount (as many as there are).
      offset: fc.nat(11),
      amounts: fc.array(amountArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("leave" as const), who: fc.nat(11) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("default" as const),
      who: fc.nat(11),
      // Mostly aim at a member in debt, if there is one.
      debtor: fc.boolean(),
      // The whole window; exactly enough right after the debtor paid (its first closable block);
      // or anything, to hit "not inactive long enough".
      wait: fc.oneof(fc.constant(inactivity), fc.constant(inactivity - 2), fc.integer({ min: 0, max: inactivity + 1 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("mine" as const), blocks: fc.integer({ min: 1, max: 6 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("dormant" as const),
      who: fc.nat(11),
      // Close an account, or refresh the community box, once nobody spent it for the window.
      refresh: fc.boolean(),
      // The whole window; a few blocks short of it (the other actions mine one block each); or near it.
      wait: fc.oneof(fc.constant(DORMANT_BLOCKS), fc.constant(DORMANT_BLOCKS - 9), fc.integer({ min: DORMANT_BLOCKS - 3, max: DORMANT_BLOCKS + 3 })),
    }),
  },
);

export const sequenceArb = fc.array(actionArb, { minLength: 3, maxLength: 8 });

export interface ModelAccount {
  balance: bigint;
  lastActive: bigint;
  valueNanoErg: bigint;
  /** The height its box was created at: the dormancy clock. */
  boxHeight: number;
}

type ErrorClass = abstract new (...args: never[]) => LetsError;

/** The community as the rules say it must be. `tip` is the chain height builders are given. */
export class LedgerModel {
  readonly accounts = new Map<string, ModelAccount>();
  communityBalance = 0n;
  seats: bigint;
  membersJoined = 0n;
  treasury: bigint;
  /** The height the community box was created at. */
  communityBoxHeight: number;
  /** ERG a builder-made account starts with: collateral, minimum, ten fees of reserve. */
  readonly accountValue: bigint;

  constructor(readonly policy: Policy, public tip: number, treasury: bigint) {
    this.seats = policy.maxMembers;
    this.treasury = treasury;
    this.communityBoxHeight = tip - 1;
    this.accountValue = policy.collateralNanoErg + MIN_BOX_VALUE + 10n * DEFAULT_FEE;
  }

  /** Live member names in joining order. */
  live(): string[] {
    return [...this.accounts.keys()];
  }

  get(name: string): ModelAccount {
    const account = this.accounts.get(name);
    if (!account) throw new Error(`model: ${name} is not a member`);
    return account;
  }

  /** Errors a join may be refused with (empty: it must go through). */
  joinRefusals(): ErrorClass[] {
    return this.seats === 0n ? [CommunityFull] : [];
  }

  join(name: string): void {
    this.accounts.set(name, { balance: 0n, lastActive: BigInt(this.tip), valueNanoErg: this.accountValue, boxHeight: this.tip });
    this.communityBoxHeight = this.tip;
    this.seats -= 1n;
    this.membersJoined += 1n;
    this.treasury += this.policy.joinFeeNanoErg;
    this.tip += 1;
  }

  payRefusals(payer: string, payees: { name: string; amount: bigint }[]): ErrorClass[] {
    const refusals: ErrorClass[] = [];
    const { creditLimit, collateralNanoErg, maxMembers } = this.policy;
    // "No cap" in the policy is the largest cap, maxUnits(maxMembers), in every account's terms.
    const positiveCap = this.policy.positiveCap === 0n ? maxUnits(maxMembers) : this.policy.positiveCap;
    if (payees.some((p) => p.amount <= 0n)) refusals.push(InvalidAmount);
    if (payees.some((p) => this.get(p.name).balance + p.amount > positiveCap)) {
      refusals.push(PositiveCapExceeded);
    }
    const from = this.get(payer);
    if (from.balance - payees.reduce((s, p) => s + p.amount, 0n) < -creditLimit) refusals.push(CreditLimitExceeded);
    if (from.valueNanoErg - DEFAULT_FEE < collateralNanoErg + MIN_BOX_VALUE) refusals.push(InsufficientFunds);
    return refusals;
  }

  pay(payer: string, payees: { name: string; amount: bigint }[]): void {
    const from = this.get(payer);
    from.balance -= payees.reduce((s, p) => s + p.amount, 0n);
    from.lastActive = BigInt(this.tip);
    from.valueNanoErg -= DEFAULT_FEE;
    from.boxHeight = this.tip;
    for (const p of payees) {
      const to = this.get(p.name);
      // A credit to a negative balance counts as activity.
      if (to.balance < 0n && BigInt(this.tip) > to.lastActive) to.lastActive = BigInt(this.tip);
      to.balance += p.amount;
      to.boxHeight = this.tip;
    }
    this.tip += 1;
  }

  leaveRefusals(name: string): ErrorClass[] {
    return this.get(name).balance !== 0n ? [BalanceNotZero] : [];
  }

  leave(name: string): void {
    this.accounts.delete(name);
    this.seats += 1n;
    this.communityBoxHeight = this.tip;
    this.tip += 1;
  }

  /** Whether a box created at `boxHeight` is dormant for a transaction in block tip + 1. */
  private dormant(boxHeight: number): boolean {
    return this.tip + 1 >= boxHeight + DORMANT_BLOCKS;
  }

  closeDormantRefusals(name: string): ErrorClass[] {
    return this.dormant(this.get(name).boxHeight) ? [] : [NotDormant];
  }

  refreshRefusals(): ErrorClass[] {
    return this.dormant(this.communityBoxHeight) ? [] : [NotDormant];
  }

  /** Any balance moves to the community; a debtor forfeits its collateral, the rest goes home. */
  closeDormant(name: string): void {
    this.close(name);
  }

  refresh(): void {
    this.communityBoxHeight = this.tip;
    this.tip += 1;
  }

  /**
   * First HEIGHT at which `name` may be closed as defaulted: `lastActive + inactivityBlocks`. A
   * transaction built at the tip goes into block tip + 1, so that is the HEIGHT that must reach it.
   */
  closableFrom(name: string): bigint {
    return this.get(name).lastActive + this.policy.inactivityBlocks;
  }

  defaultRefusals(name: string): ErrorClass[] {
    const account = this.get(name);
    const window = this.policy.inactivityBlocks > 0n && BigInt(this.tip + 1) >= this.closableFrom(name);
    return account.balance < 0n && window ? [] : [NotDefaulted];
  }

  closeDefaulted(name: string): void {
    this.close(name);
  }

  private close(name: string): void {
    const account = this.get(name);
    const collateral = this.policy.collateralNanoErg;
    this.communityBalance += account.balance;
    // The collateral alone is forfeited; the rest of the ERG goes back to the owner.
    if (account.balance < 0n) this.treasury += account.valueNanoErg < collateral ? account.valueNanoErg : collateral;
    this.communityBoxHeight = this.tip;
    this.accounts.delete(name);
    this.seats += 1n;
    this.tip += 1;
  }
}
