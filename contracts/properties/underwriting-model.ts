/**
 * The model of a plain community with underwriters for the underwriting property
 * (underwriting-sequences.spec.ts), written from underwriting.es and docs/underwriting.md, not from
 * underwriting.ts or the builders: plain bigint balances, each account's limit at join and the
 * stakes that back it (in the order they were accepted), each stake's life (offer, locked,
 * cancelled, withdrawn, settled at an exit) and the community's balance. Each intent gets a
 * predicted outcome: accepted with what moves, or the name of the typed error the builder throws.
 */

export type Refusal = "UnderwritingRefused" | "CreditLimitExceeded" | "PositiveCapExceeded" | "BalanceNotZero" | "NotDefaulted" | "InvalidIntent";
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

const refuse = <T>(error: Refusal): Outcome<T> => ({ ok: false, error });
const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

export interface ModelAccount {
  accountId: string;
  name: string;
  balance: bigint;
  /** The limit granted at join: the community's price of credit is collateral per unit of it. */
  base: bigint;
  lastActive: bigint;
  /** Token ids of the stakes backing it, in the order they were accepted (the account's entries). */
  stakes: string[];
}

export type StakeState = "offer" | "locked" | "cancelled" | "withdrawn" | "settled";

export interface ModelStake {
  /** The offer's box id, which becomes the stake's token id at acceptance. */
  tokenId: string;
  /** The live box (the offer, then the stake, then each refresh's). */
  boxId: string;
  /** Every box this stake has lived in. */
  boxIds: string[];
  underwriter: string;
  accountId: string;
  raise: bigint;
  premium: bigint;
  /** The account the premium goes to ("" without one). */
  premiumTo: string;
  value: bigint;
  state: StakeState;
  /** The tip at which its live box was built. */
  createdAt: number;
  /** At an exit: the committee's share and the underwriter's, and the box they are tagged with. */
  settled?: { lost: bigint; returned: bigint; boxId: string };
}

/** The community's terms as an account holds them. */
export interface ModelPolicy {
  creditLimit: bigint;
  positiveCap: bigint;
  collateralNanoErg: bigint;
  inactivityBlocks: bigint;
}

export class UnderwritingModel {
  readonly accounts = new Map<string, ModelAccount>();
  /** By token id. */
  readonly stakes = new Map<string, ModelStake>();
  communityBalance = 0n;

  /** `floorNanoErg`: the least a stake box holds (more than twice its storage fee). */
  constructor(readonly policy: ModelPolicy, readonly maxBackers: number, readonly floorNanoErg: bigint) {}

  addAccount(accountId: string, name: string, joinedAt: bigint): void {
    this.accounts.set(accountId, { accountId, name, balance: 0n, base: this.policy.creditLimit, lastActive: joinedAt, stakes: [] });
  }

  account(accountId: string): ModelAccount {
    const a = this.accounts.get(accountId);
    if (!a) throw new Error(`model: no account ${accountId}`);
    return a;
  }

  stake(tokenId: string): ModelStake {
    const s = this.stakes.get(tokenId);
    if (!s) throw new Error(`model: no stake ${tokenId}`);
    return s;
  }

  /** The sum of the raises of the stakes backing `a`. */
  backed(a: ModelAccount): bigint {
    return a.stakes.reduce((sum, id) => sum + this.stake(id).raise, 0n);
  }

  limit(a: ModelAccount): bigint {
    return a.base + this.backed(a);
  }

  /** The community's price of `raise` units: ceil(raise x collateral / base). */
  least(a: ModelAccount, raise: bigint): bigint {
    return (raise * this.policy.collateralNanoErg + a.base - 1n) / a.base;
  }

  /** Why `a` cannot take a stake of `value` for `raise` (as the offer and the acceptance check it). */
  private blocked(a: ModelAccount, raise: bigint, value: bigint): boolean {
    return a.stakes.length >= this.maxBackers || value < this.least(a, raise) || this.limit(a) + raise > this.policy.positiveCap;
  }

  offer(accountId: string, raise: bigint, value: bigint): Outcome<null> {
    const a = this.account(accountId);
    if (this.blocked(a, raise, value) || value < this.floorNanoErg) return refuse("UnderwritingRefused");
    return accept(null);
  }

  applyOffer(s: Omit<ModelStake, "state" | "boxIds">): void {
    this.stakes.set(s.tokenId, { ...s, state: "offer", boxIds: [s.boxId] });
  }

  accept(tokenId: string): Outcome<null> {
    const s = this.stake(tokenId);
    const a = this.account(s.accountId);
    if (this.blocked(a, s.raise, s.value)) return refuse("UnderwritingRefused");
    if (a.balance - s.premium + this.limit(a) < 0n) return refuse("UnderwritingRefused");
    if (s.premium > 0n && this.account(s.premiumTo).balance + s.premium > this.policy.positiveCap) return refuse("PositiveCapExceeded");
    return accept(null);
  }

  /** The acceptance at tip `tip`: the new box `boxId` holds the token. */
  applyAccept(tokenId: string, boxId: string, tip: number): void {
    const s = this.stake(tokenId);
    const a = this.account(s.accountId);
    const h = BigInt(tip);
    if (s.premium > 0n) {
      a.balance -= s.premium;
      a.lastActive = h;
      this.credit(this.account(s.premiumTo), s.premium, h);
    } else this.touch(a, h);
    a.stakes.push(tokenId);
    this.move(s, boxId, tip);
    s.state = "locked";
  }

  cancel(tokenId: string): void {
    this.stake(tokenId).state = "cancelled";
  }

  /** Refused while the raise is in use: below the floor the account would have without it. */
  withdraw(tokenId: string): Outcome<null> {
    const s = this.stake(tokenId);
    const a = this.account(s.accountId);
    return a.balance + this.limit(a) - s.raise < 0n ? refuse("UnderwritingRefused") : accept(null);
  }

  applyWithdraw(tokenId: string, tip: number): void {
    const s = this.stake(tokenId);
    const a = this.account(s.accountId);
    a.stakes = a.stakes.filter((id) => id !== tokenId);
    this.touch(a, BigInt(tip));
    s.state = "withdrawn";
  }

  refresh(tokenId: string, boxId: string, tip: number): void {
    this.move(this.stake(tokenId), boxId, tip);
  }

  pay(from: string, to: string, units: bigint): Outcome<null> {
    const [a, b] = [this.account(from), this.account(to)];
    if (a.balance - units + this.limit(a) < 0n) return refuse("CreditLimitExceeded");
    if (b.balance + units > this.policy.positiveCap) return refuse("PositiveCapExceeded");
    return accept(null);
  }

  applyPay(from: string, to: string, units: bigint, tip: number): void {
    const a = this.account(from);
    a.balance -= units;
    a.lastActive = BigInt(tip);
    this.credit(this.account(to), units, BigInt(tip));
  }

  /** How a stake is shared at its account's exit: the committee gets the share of the raise in use, rounded up. */
  shares(tokenId: string): { lost: bigint; returned: bigint } {
    const s = this.stake(tokenId);
    const a = this.account(s.accountId);
    const backed = this.backed(a);
    const shortfall = -a.balance - (this.limit(a) - backed);
    const used = shortfall <= 0n ? 0n : shortfall > backed ? backed : shortfall;
    const lost = (s.value * used + backed - 1n) / backed;
    return { lost, returned: s.value - lost };
  }

  leave(accountId: string): Outcome<null> {
    return this.account(accountId).balance === 0n ? accept(null) : refuse("BalanceNotZero");
  }

  /** A default judged at HEIGHT = tip + 1. */
  closeDefaulted(accountId: string, tip: number): Outcome<null> {
    const a = this.account(accountId);
    if (a.balance >= 0n || a.lastActive + this.policy.inactivityBlocks > BigInt(tip) + 1n) return refuse("NotDefaulted");
    return accept(null);
  }

  /** Any exit: the balance goes to the community, every stake settles; returns the committee's ERG. */
  applyExit(accountId: string): bigint {
    const a = this.account(accountId);
    let lost = 0n;
    for (const id of a.stakes) {
      const s = this.stake(id);
      const shares = this.shares(id);
      s.settled = { ...shares, boxId: s.boxId };
      s.state = "settled";
      lost += shares.lost;
    }
    this.communityBalance += a.balance;
    this.accounts.delete(accountId);
    return lost;
  }

  /** Units held by live accounts. */
  balances(): bigint {
    let sum = 0n;
    for (const a of this.accounts.values()) sum += a.balance;
    return sum;
  }

  private credit(b: ModelAccount, units: bigint, h: bigint): void {
    this.touch(b, h);
    b.balance += units;
  }

  /** A spend that is not the owner's marks activity only on a negative balance (the account's rule). */
  private touch(a: ModelAccount, h: bigint): void {
    if (a.balance < 0n && h > a.lastActive) a.lastActive = h;
  }

  private move(s: ModelStake, boxId: string, tip: number): void {
    s.boxId = boxId;
    s.boxIds.push(boxId);
    s.createdAt = tip;
  }
}
