/**
 * The simulator's own ledger: what the agent model believes every balance is, kept apart from the
 * chain so the two can be compared at the end. Pure bookkeeping: every change returns its undo,
 * for the rare transaction a node refuses after later ones were already built on it.
 */
import { ScriptsError } from "../errors.ts";

export type AccountStatus = "open" | "left" | "defaulted";

/** One member's account as the simulator sees it. */
export interface LedgerAccount {
  member: number;
  status: AccountStatus;
  balance: bigint;
  creditLimit: bigint;
  /** 0: no cap. */
  positiveCap: bigint;
  joinedBlock: number;
  /** Simulated block of the last debit (or of the join). */
  lastActiveBlock: number;
  closedBlock: number | null;
}

/** Undoes one change. */
export type Undo = () => void;

/** A payment, join, leave or default the ledger cannot take: a bug in the caller, not a refusal. */
export class LedgerError extends ScriptsError {}

/** One end of a trade line's shard in this community (docs/inter-lets.md): what its books count. */
export interface LedgerGateway {
  /** Trade position + fees held. */
  balance: bigint;
  feesHeld: bigint;
}

/** What the agent model reads of the books: one community's ledger, or a network's (`LedgerSet`). */
export interface Books {
  readonly accounts: { get(member: number): LedgerAccount | undefined };
  open(member: number): LedgerAccount;
  onChange: (member: number) => void;
}

/**
 * Balances of every member, the community's own balance and its trade-line gateways (by gateway
 * id); the sum is always 0. Without lines there are no gateways.
 */
export class Ledger implements Books {
  readonly accounts = new Map<number, LedgerAccount>();
  readonly gateways = new Map<string, LedgerGateway>();
  communityBalance = 0n;
  /** Told of every change to a member's account, undos included (the model keeps its seller weights by it). */
  onChange: (member: number) => void = () => {};

  /** The open account of `member`, or a `LedgerError`. */
  open(member: number): LedgerAccount {
    const account = this.accounts.get(member);
    if (account?.status !== "open") throw new LedgerError(`member ${member} has no open account`);
    return account;
  }

  join(member: number, block: number, limits: { creditLimit: bigint; positiveCap: bigint }): Undo {
    if (this.accounts.has(member)) throw new LedgerError(`member ${member} joined already`);
    this.accounts.set(member, { member, status: "open", balance: 0n, ...limits, joinedBlock: block, lastActiveBlock: block, closedBlock: null });
    this.onChange(member);
    return () => {
      this.accounts.delete(member);
      this.onChange(member);
    };
  }

  pay(payer: number, payee: number, amount: bigint, block: number): Undo {
    const from = this.open(payer);
    const to = this.open(payee);
    if (amount <= 0n || payer === payee) throw new LedgerError(`bad payment ${payer} -> ${payee} of ${amount}`);
    const before = { from: from.balance, to: to.balance, active: from.lastActiveBlock, payeeActive: to.lastActiveBlock };
    // A credit to a negative balance counts as activity, as the account contract says.
    if (to.balance < 0n && block > to.lastActiveBlock) to.lastActiveBlock = block;
    from.balance -= amount;
    to.balance += amount;
    from.lastActiveBlock = block;
    this.onChange(payer);
    this.onChange(payee);
    return () => {
      from.balance = before.from;
      to.balance = before.to;
      from.lastActiveBlock = before.active;
      to.lastActiveBlock = before.payeeActive;
      this.onChange(payer);
      this.onChange(payee);
    };
  }

  /**
   * One community's leg of a cross payment: a member's balance moves by `delta` (negative for the
   * payer, who is then active; positive for the payee, active if it was negative, as in `pay`).
   * The gateway legs (`gateway`) balance it.
   */
  crossLeg(member: number, delta: bigint, block: number): Undo {
    const account = this.open(member);
    if (delta === 0n) throw new LedgerError(`bad cross leg of member ${member}: 0`);
    const before = { balance: account.balance, active: account.lastActiveBlock };
    if (delta < 0n) account.lastActiveBlock = block;
    else if (account.balance < 0n && block > account.lastActiveBlock) account.lastActiveBlock = block;
    account.balance += delta;
    this.onChange(member);
    return () => {
      account.balance = before.balance;
      account.lastActiveBlock = before.active;
      this.onChange(member);
    };
  }

  /** A gateway's balance moves by `delta`, of which `fee` units are fees it keeps. */
  gateway(gatewayId: string, delta: bigint, fee: bigint): Undo {
    const existing = this.gateways.get(gatewayId);
    const gateway = existing ?? { balance: 0n, feesHeld: 0n };
    if (fee < 0n) throw new LedgerError(`gateway ${gatewayId}: fees held never fall`);
    this.gateways.set(gatewayId, gateway);
    gateway.balance += delta;
    gateway.feesHeld += fee;
    return () => {
      gateway.balance -= delta;
      gateway.feesHeld -= fee;
      if (!existing) this.gateways.delete(gatewayId);
    };
  }

  /** Sum of the gateways' balances. */
  gatewayTotal(): bigint {
    let sum = 0n;
    for (const g of this.gateways.values()) sum += g.balance;
    return sum;
  }

  leave(member: number, block: number): Undo {
    const account = this.open(member);
    if (account.balance !== 0n) throw new LedgerError(`member ${member} leaves at balance ${account.balance}`);
    return this.close(account, "left", block);
  }

  /** Closes a defaulted account: its debt becomes the community's (communityBalance falls by it). */
  default(member: number, block: number): Undo {
    const account = this.open(member);
    if (account.balance >= 0n) throw new LedgerError(`member ${member} defaults at balance ${account.balance}`);
    this.communityBalance += account.balance;
    const undoClose = this.close(account, "defaulted", block);
    return () => {
      undoClose();
      this.communityBalance -= account.balance;
    };
  }

  /** Sum of the open balances plus the community balance and the gateways' balances: 0, always. */
  total(): bigint {
    let sum = this.communityBalance + this.gatewayTotal();
    for (const a of this.accounts.values()) if (a.status === "open") sum += a.balance;
    return sum;
  }

  private close(account: LedgerAccount, status: AccountStatus, block: number): Undo {
    account.status = status;
    account.closedBlock = block;
    this.onChange(account.member);
    return () => {
      account.status = "open";
      account.closedBlock = null;
      this.onChange(account.member);
    };
  }
}

/** The ledgers of a network's communities, read by member (each member belongs to one). */
export class LedgerSet implements Books {
  readonly accounts: { get(member: number): LedgerAccount | undefined };

  constructor(
    readonly ledgers: readonly Ledger[],
    private readonly communityOf: (member: number) => number,
  ) {
    this.accounts = { get: (member) => this.ledgers[this.communityOf(member)]?.accounts.get(member) };
  }

  open(member: number): LedgerAccount {
    return this.of(member).open(member);
  }

  /** The ledger of `member`'s community. */
  of(member: number): Ledger {
    const ledger = this.ledgers[this.communityOf(member)];
    if (!ledger) throw new LedgerError(`member ${member} has no community`);
    return ledger;
  }

  set onChange(listener: (member: number) => void) {
    for (const ledger of this.ledgers) ledger.onChange = listener;
  }

  get onChange(): (member: number) => void {
    return this.ledgers[0]?.onChange ?? (() => {});
  }
}
