/**
 * The run day by day, replayed from the event log (accepted events only change balances): payments,
 * volume, refusals, membership, the economics charges and the money supply and credit in use at
 * the end of each day. The replay ends at the same balances (and, with economics, the same accrued
 * charges, allowances and community balance) as the ledger; `replay` checks that, so the report
 * cannot drift from what was reconciled.
 */
import type { SimEvent } from "../events.ts";
import type { Ledger } from "../ledger.ts";
import { gini } from "../stats.ts";

/** One simulated day. Amounts are units. */
export interface DayPoint {
  day: number;
  payments: number;
  volumeUnits: bigint;
  refusals: Record<string, number>;
  joins: number;
  leaves: number;
  defaults: number;
  /** Economics: usage fees and demurrage charged, charges swept into the community balance, allowance spent. */
  feeUnits: bigint;
  demurrageUnits: bigint;
  sweptUnits: bigint;
  allowanceUsedUnits: bigint;
  /** At the end of the day. */
  openMembers: number;
  /** Sum of the positive balances (the money in circulation). */
  moneySupplyUnits: bigint;
  /** Minus the sum of the negative balances. */
  creditInUseUnits: bigint;
  /** Sum of the credit limits of the open accounts (the earned limits, as of each account's last transaction). */
  creditCapacityUnits: bigint;
  /** Gini coefficient of the open accounts' positive balances (max(balance, 0)): hoarding. */
  giniPositiveBalances: number;
  communityBalance: bigint;
}

interface Replayed {
  status: "open" | "left" | "defaulted";
  balance: bigint;
  accrued: bigint;
  allowance: bigint;
  creditLimit: bigint;
  /** The number of the owner's next payment order (plain accounts). */
  nextSeq: bigint;
}

interface State {
  accounts: Map<number, Replayed>;
  communityBalance: bigint;
}

function emptyDay(day: number): DayPoint {
  return {
    day, payments: 0, volumeUnits: 0n, refusals: {}, joins: 0, leaves: 0, defaults: 0, feeUnits: 0n, demurrageUnits: 0n, sweptUnits: 0n, allowanceUsedUnits: 0n,
    openMembers: 0, moneySupplyUnits: 0n, creditInUseUnits: 0n, creditCapacityUnits: 0n, giniPositiveBalances: 0, communityBalance: 0n,
  };
}

function applyPayment(event: SimEvent, state: State, point: DayPoint): void {
  const payer = state.accounts.get(event.member)!;
  const payee = state.accounts.get(event.payee!)!;
  const amount = event.amountUnits!;
  const c = event.charges;
  if (c) {
    payer.balance -= amount - c.allowanceUsed + c.fee + c.demurrage;
    payer.accrued += c.fee + c.demurrage;
    payer.allowance -= c.allowanceUsed;
    payer.creditLimit = c.creditLimit;
    payee.balance += amount - c.payeeDemurrage;
    payee.accrued += c.payeeDemurrage;
    payee.creditLimit = c.payeeCreditLimit;
    point.feeUnits += c.fee;
    point.demurrageUnits += c.demurrage + c.payeeDemurrage;
    point.allowanceUsedUnits += c.allowanceUsed;
  } else {
    // A cross payment debits the payer its amount and fee, and credits the payee what arrived (docs/simulate.md, "Networks").
    payer.balance -= event.cross?.debitUnits ?? amount;
    payee.balance += event.cross?.receivedUnits ?? amount;
  }
  if (event.order) {
    // Orders settle strictly in sequence from the payer's nextSeq (docs/batches.md).
    if (event.order.seq !== payer.nextSeq) throw new Error(`the event log settles order ${event.order.seq} of member ${event.member}, whose next order is ${payer.nextSeq}`);
    payer.nextSeq += 1n;
  }
  point.payments++;
  point.volumeUnits += amount;
}

/** A sweep takes the account's accrued charges and the demurrage due into the community balance; a top-up charges the demurrage due. */
function applyCharge(event: SimEvent, state: State, point: DayPoint): void {
  const account = state.accounts.get(event.member)!;
  const c = event.charges;
  const demurrage = c?.demurrage ?? 0n;
  account.balance -= demurrage;
  if (c) account.creditLimit = c.creditLimit;
  point.demurrageUnits += demurrage;
  if (event.kind === "top-up") return void (account.accrued += demurrage);
  const collected = account.accrued + demurrage;
  if (collected !== event.amountUnits) throw new Error(`the event log sweeps ${event.amountUnits} from member ${event.member}, whose replayed charges are ${collected}`);
  state.communityBalance += collected;
  account.accrued = 0n;
  point.sweptUnits += collected;
}

function apply(event: SimEvent, state: State, point: DayPoint, creditLimit: bigint): void {
  if (event.status === "refused") {
    const key = `${event.kind}: ${event.reason}`;
    point.refusals[key] = (point.refusals[key] ?? 0) + 1;
    return;
  }
  if (event.kind === "join") {
    // An economics join carries the allowance issued from the community balance.
    const allowance = event.amountUnits ?? 0n;
    state.accounts.set(event.member, { status: "open", balance: 0n, accrued: 0n, allowance, creditLimit, nextSeq: 0n });
    state.communityBalance -= allowance;
    point.joins++;
  } else if (event.kind === "payment") applyPayment(event, state, point);
  else if (event.kind === "revoke") {
    // The owner voids its unsettled orders below the new number: nothing else changes.
    const account = state.accounts.get(event.member)!;
    if (event.nextSeq! <= account.nextSeq) throw new Error(`the event log revokes member ${event.member}'s orders to ${event.nextSeq}, not above ${account.nextSeq}`);
    account.nextSeq = event.nextSeq!;
  } else if (event.kind === "sweep" || event.kind === "top-up") applyCharge(event, state, point);
  else if (event.kind === "desk") {
    // A trade with the exchange desk: the member's balance moves; the desk holds the other side.
    state.accounts.get(event.member)!.balance += event.desk!.side === "buy" ? event.amountUnits! : -event.amountUnits!;
  } else if (event.kind === "postfactum") {
    // A post-factum step: a commit moves the max into the escrow, a settlement moves it out to both sides.
    const pf = event.postFactum!;
    if (pf.step === "commit") state.accounts.get(event.member)!.balance -= pf.max!;
    else if (pf.step !== "open") {
      if (pf.released! > 0n) state.accounts.get(event.payee!)!.balance += pf.released!;
      if (pf.returned! > 0n) state.accounts.get(event.member)!.balance += pf.returned!;
    }
  } else if (event.kind === "underwrite") {
    // An underwriting moves no units; its acceptance raises the member's limit (the settlement rides on the exit).
    if (event.underwriting!.step === "accept") state.accounts.get(event.member)!.creditLimit += event.underwriting!.raise;
  } else {
    // An exit: what the account is worth (balance, accrued charges, unused allowance) becomes the community's.
    const account = state.accounts.get(event.member)!;
    account.status = event.kind === "leave" ? "left" : "defaulted";
    state.communityBalance += account.balance + account.accrued + account.allowance;
    if (event.kind === "leave") point.leaves++;
    else point.defaults++;
  }
}

function closeDay(point: DayPoint, state: State): void {
  const positive: number[] = [];
  for (const account of state.accounts.values()) {
    if (account.status !== "open") continue;
    point.openMembers++;
    point.creditCapacityUnits += account.creditLimit;
    positive.push(account.balance > 0n ? Number(account.balance) : 0);
    if (account.balance > 0n) point.moneySupplyUnits += account.balance;
    else point.creditInUseUnits -= account.balance;
  }
  point.giniPositiveBalances = gini(positive);
  point.communityBalance = state.communityBalance;
}

/** Throws unless the replayed books are the ledger's. */
function checkAgainst(state: State, ledger: Ledger): void {
  for (const [member, account] of state.accounts) {
    const kept = ledger.accounts.get(member);
    const economy = kept?.econ?.economy;
    const same =
      kept?.status === account.status &&
      kept.balance === account.balance &&
      (account.status !== "open" || ((economy?.accrued ?? 0n) === account.accrued && (economy?.allowance ?? 0n) === account.allowance && (kept.nextSeq ?? 0n) === account.nextSeq));
    if (!same) {
      throw new Error(
        `the event log replays member ${member} to ${account.status} ${account.balance} (accrued ${account.accrued}, allowance ${account.allowance}, nextSeq ${account.nextSeq}), the ledger says ${kept?.status} ${kept?.balance} (accrued ${economy?.accrued ?? 0n}, allowance ${economy?.allowance ?? 0n}, nextSeq ${kept?.nextSeq ?? 0n})`,
      );
    }
  }
  if (state.communityBalance !== ledger.communityBalance) throw new Error(`the event log replays the community balance to ${state.communityBalance}, the ledger says ${ledger.communityBalance}`);
}

/**
 * Day points for days 0 .. days-1 (setup events, block -1, count in day 0), from events in log
 * order; `creditLimit` is every account's limit at join. Throws if the replayed books differ from the ledger's.
 */
export function replay(events: readonly SimEvent[], blocksPerDay: number, days: number, creditLimit: bigint, ledger: Ledger): DayPoint[] {
  const state: State = { accounts: new Map(), communityBalance: 0n };
  const points = Array.from({ length: days }, (_, day) => emptyDay(day));
  let day = 0;
  for (const event of events) {
    const eventDay = Math.max(0, Math.floor(event.block / blocksPerDay));
    for (; day < eventDay; day++) closeDay(points[day]!, state);
    apply(event, state, points[eventDay]!, creditLimit);
  }
  for (; day < days; day++) closeDay(points[day]!, state);
  checkAgainst(state, ledger);
  return points;
}
