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

/** Balances of every member and the community's own balance; the sum is always 0. */
export class Ledger {
  readonly accounts = new Map<number, LedgerAccount>();
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

  /** Sum of the open balances plus the community balance: 0, always. */
  total(): bigint {
    let sum = this.communityBalance;
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
