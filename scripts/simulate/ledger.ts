/**
 * The simulator's own ledger: what the agent model believes every balance is, kept apart from the
 * chain so the two can be compared at the end. Pure bookkeeping: every change returns its undo,
 * for the rare transaction a node refuses after later ones were already built on it.
 */
import type { Economics } from "../../contracts/economics.ts";
import { ScriptsError } from "../errors.ts";
import { econPayment, joinedEcon, sendToSettle, worthOf, type AccountEcon, type EconPayment, type EconSide } from "./ledger-economics.ts";

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
  /** Economics only: the levers the account joined under and its R9 state; `creditLimit` is then its earned limit as of its last transaction. */
  econ?: AccountEcon;
  /** Plain only: R9, the number of the owner's next payment order (docs/batches.md). */
  nextSeq?: bigint;
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
  /** What `member` must send for its positive balance to end at 0 (or just below, with a usage fee) in simulated block `block`. */
  settleAmount(member: number, block: number): bigint;
}

/** The fields of an account a transaction changes, to put back on undo. */
type Saved = Pick<LedgerAccount, "balance" | "lastActiveBlock" | "creditLimit" | "econ" | "nextSeq">;

function save(...accounts: LedgerAccount[]): () => void {
  const saved: [LedgerAccount, Saved][] = accounts.map((a) => [a, { balance: a.balance, lastActiveBlock: a.lastActiveBlock, creditLimit: a.creditLimit, econ: a.econ, nextSeq: a.nextSeq }]);
  return () => {
    for (const [account, fields] of saved) Object.assign(account, fields);
  };
}

/** An economics side's effect on an account: balance, R9 state and earned limit. */
function charge(account: LedgerAccount, side: EconSide): void {
  account.balance = side.balance;
  account.econ = { ...account.econ!, economy: side.economy };
  account.creditLimit = side.creditLimit;
}

/**
 * Balances of every member, the community's own balance and its trade-line gateways (by gateway
 * id); the sum is always 0. Without lines there are no gateways. In an economics community each
 * account also holds accrued charges and unused allowance, and the sum of their worths is 0.
 */
export class Ledger implements Books {
  readonly accounts = new Map<number, LedgerAccount>();
  readonly gateways = new Map<string, LedgerGateway>();
  communityBalance = 0n;
  /** Told of every change to a member's account, undos included (the model keeps its seller weights by it). */
  onChange: (member: number) => void = () => {};
  /** The chain height simulated block `block` is built at (economics charges by height). */
  clock: (block: number) => bigint = (block) => BigInt(block);

  /** `economics`: the community's levers (an economics community), or none. */
  constructor(readonly economics?: Economics) {}

  /** The open account of `member`, or a `LedgerError`. */
  open(member: number): LedgerAccount {
    const account = this.accounts.get(member);
    if (account?.status !== "open") throw new LedgerError(`member ${member} has no open account`);
    return account;
  }

  /** A member joins at chain height `height`; with economics its allowance is issued from the community balance. */
  join(member: number, block: number, limits: { creditLimit: bigint; positiveCap: bigint }, height = 0n): Undo {
    if (this.accounts.has(member)) throw new LedgerError(`member ${member} joined already`);
    const econ = this.economics ? joinedEcon(this.economics, limits.creditLimit, height) : undefined;
    this.accounts.set(member, { member, status: "open", balance: 0n, ...limits, joinedBlock: block, lastActiveBlock: block, closedBlock: null, ...(econ ? { econ } : { nextSeq: 0n }) });
    const issued = econ?.economy.allowance ?? 0n;
    this.communityBalance -= issued;
    this.onChange(member);
    return () => {
      this.accounts.delete(member);
      this.communityBalance += issued;
      this.onChange(member);
    };
  }

  /** What a payment at `height` charges both sides in an economics community (undefined in a plain one); `pay` applies it. */
  quote(payer: number, payee: number, amount: bigint, height: bigint): EconPayment | undefined {
    const from = this.open(payer);
    const to = this.open(payee);
    return from.econ && to.econ ? econPayment({ balance: from.balance, econ: from.econ }, { balance: to.balance, econ: to.econ }, amount, height) : undefined;
  }

  /** A payment; in an economics community with its `quote` (the charges at its height). */
  pay(payer: number, payee: number, amount: bigint, block: number, quote?: EconPayment): Undo {
    const from = this.open(payer);
    const to = this.open(payee);
    if (amount <= 0n || payer === payee) throw new LedgerError(`bad payment ${payer} -> ${payee} of ${amount}`);
    if ((quote === undefined) !== (this.economics === undefined)) throw new LedgerError(`payment ${payer} -> ${payee}: charges ${quote ? "given in a plain" : "missing in an economics"} community`);
    const restore = save(from, to);
    // A credit to a negative balance counts as activity, as the account contract says.
    if (to.balance < 0n && block > to.lastActiveBlock) to.lastActiveBlock = block;
    if (quote) {
      charge(from, quote.payer);
      charge(to, quote.payee);
    } else {
      from.balance -= amount;
      to.balance += amount;
    }
    from.lastActiveBlock = block;
    this.onChange(payer);
    this.onChange(payee);
    return () => {
      restore();
      this.onChange(payer);
      this.onChange(payee);
    };
  }

  /**
   * A batch settlement of payment orders (plain community): each order moves its units as a payment
   * does (the activity rules are the batch contract's), then each payer's nextSeq moves past the
   * orders of it the batch settled.
   */
  settle(orders: readonly { payer: number; payee: number; amount: bigint }[], block: number): Undo {
    const payers = [...new Set(orders.map((o) => o.payer))].map((m) => this.open(m));
    if (orders.length === 0 || payers.some((a) => a.nextSeq === undefined)) throw new LedgerError("a settlement needs orders between plain accounts");
    const restore = save(...payers);
    const undos = orders.map((o) => this.pay(o.payer, o.payee, o.amount, block));
    for (const o of orders) this.open(o.payer).nextSeq! += 1n;
    return () => {
      restore();
      for (const undo of undos.reverse()) undo();
    };
  }

  /** The owner revokes its unsettled orders below `nextSeq` (R9 rises): activity now, the balance unchanged. */
  revoke(member: number, nextSeq: bigint, block: number): Undo {
    const account = this.open(member);
    if (account.nextSeq === undefined || nextSeq <= account.nextSeq) throw new LedgerError(`member ${member} cannot revoke to ${nextSeq} from ${account.nextSeq}`);
    const restore = save(account);
    account.nextSeq = nextSeq;
    account.lastActiveBlock = block;
    this.onChange(member);
    return () => (restore(), this.onChange(member));
  }

  /** A top-up by the owner: activity now and, with economics, the demurrage due charged (`side`, from `touched`). */
  topUp(member: number, block: number, side?: EconSide): Undo {
    const account = this.open(member);
    const restore = save(account);
    if (side) charge(account, side);
    account.lastActiveBlock = block;
    this.onChange(member);
    return () => (restore(), this.onChange(member));
  }

  /** A sweep of one account (`side`, from `swept`): its accrued charges and the demurrage due move to the community balance. */
  sweep(member: number, side: EconSide & { collected: bigint }): Undo {
    const account = this.open(member);
    const restore = save(account);
    charge(account, side);
    this.communityBalance += side.collected;
    this.onChange(member);
    return () => {
      restore();
      this.communityBalance -= side.collected;
      this.onChange(member);
    };
  }

  settleAmount(member: number, block: number): bigint {
    const account = this.open(member);
    return account.econ && account.balance > 0n ? sendToSettle({ balance: account.balance, econ: account.econ }, this.clock(block)) : account.balance;
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

  /** An underwriting's acceptance raises `member`'s credit limit by `raise` (docs/underwriting.md); the balance is unchanged. */
  raiseLimit(member: number, raise: bigint): Undo {
    const account = this.open(member);
    account.creditLimit += raise;
    this.onChange(member);
    return () => {
      account.creditLimit -= raise;
      this.onChange(member);
    };
  }

  /** A member at balance 0 leaves; with economics its accrued charges and unused allowance go to the community balance. */
  leave(member: number, block: number): Undo {
    const account = this.open(member);
    if (account.balance !== 0n) throw new LedgerError(`member ${member} leaves at balance ${account.balance}`);
    return this.close(account, "left", block);
  }

  /** Closes a defaulted account: its debt (less its accrued charges and unused allowance) becomes the community's. */
  default(member: number, block: number): Undo {
    const account = this.open(member);
    if (account.balance >= 0n) throw new LedgerError(`member ${member} defaults at balance ${account.balance}`);
    return this.close(account, "defaulted", block);
  }

  /** Sum of the open accounts' worths (balances, and accrued charges and unused allowances) plus the community balance and the gateways' balances: 0, always. */
  total(): bigint {
    let sum = this.communityBalance + this.gatewayTotal();
    for (const a of this.accounts.values()) if (a.status === "open") sum += worthOf(a);
    return sum;
  }

  /** Closes an account: what it is worth becomes the community's (exit paths). */
  private close(account: LedgerAccount, status: AccountStatus, block: number): Undo {
    const worth = worthOf(account);
    account.status = status;
    account.closedBlock = block;
    this.communityBalance += worth;
    this.onChange(account.member);
    return () => {
      account.status = "open";
      account.closedBlock = null;
      this.communityBalance -= worth;
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

  settleAmount(member: number, block: number): bigint {
    return this.of(member).settleAmount(member, block);
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
