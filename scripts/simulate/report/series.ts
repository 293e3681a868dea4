/**
 * The run day by day, replayed from the event log (accepted events only change balances): payments,
 * volume, refusals, membership and the money supply and credit in use at the end of each day. The
 * replay ends at the same balances as the ledger; `replay` checks that, so the report cannot drift
 * from what was reconciled.
 */
import type { SimEvent } from "../events.ts";
import type { Ledger } from "../ledger.ts";

/** One simulated day. Amounts are units. */
export interface DayPoint {
  day: number;
  payments: number;
  volumeUnits: bigint;
  refusals: Record<string, number>;
  joins: number;
  leaves: number;
  defaults: number;
  /** At the end of the day. */
  openMembers: number;
  /** Sum of the positive balances (the money in circulation). */
  moneySupplyUnits: bigint;
  /** Minus the sum of the negative balances. */
  creditInUseUnits: bigint;
  /** Sum of the credit limits of the open accounts. */
  creditCapacityUnits: bigint;
}

interface Replayed {
  status: "open" | "left" | "defaulted";
  balance: bigint;
}

function emptyDay(day: number): DayPoint {
  return { day, payments: 0, volumeUnits: 0n, refusals: {}, joins: 0, leaves: 0, defaults: 0, openMembers: 0, moneySupplyUnits: 0n, creditInUseUnits: 0n, creditCapacityUnits: 0n };
}

function apply(event: SimEvent, accounts: Map<number, Replayed>, point: DayPoint): void {
  if (event.status === "refused") {
    const key = `${event.kind}: ${event.reason}`;
    point.refusals[key] = (point.refusals[key] ?? 0) + 1;
    return;
  }
  if (event.kind === "join") {
    accounts.set(event.member, { status: "open", balance: 0n });
    point.joins++;
  } else if (event.kind === "payment") {
    // A cross payment debits the payer its amount and fee, and credits the payee what arrived (docs/simulate.md, "Networks").
    accounts.get(event.member)!.balance -= event.cross?.debitUnits ?? event.amountUnits!;
    accounts.get(event.payee!)!.balance += event.cross?.receivedUnits ?? event.amountUnits!;
    point.payments++;
    point.volumeUnits += event.amountUnits!;
  } else if (event.kind === "leave") {
    accounts.get(event.member)!.status = "left";
    point.leaves++;
  } else {
    accounts.get(event.member)!.status = "defaulted";
    point.defaults++;
  }
}

function closeDay(point: DayPoint, accounts: Map<number, Replayed>, creditLimit: bigint): void {
  for (const account of accounts.values()) {
    if (account.status !== "open") continue;
    point.openMembers++;
    if (account.balance > 0n) point.moneySupplyUnits += account.balance;
    else point.creditInUseUnits -= account.balance;
  }
  point.creditCapacityUnits = BigInt(point.openMembers) * creditLimit;
}

/**
 * Day points for days 0 .. days-1 (setup events, block -1, count in day 0), from events in log
 * order. Throws if the replayed balances differ from the ledger's.
 */
export function replay(events: readonly SimEvent[], blocksPerDay: number, days: number, creditLimit: bigint, ledger: Ledger): DayPoint[] {
  const accounts = new Map<number, Replayed>();
  const points = Array.from({ length: days }, (_, day) => emptyDay(day));
  let day = 0;
  for (const event of events) {
    const eventDay = Math.max(0, Math.floor(event.block / blocksPerDay));
    for (; day < eventDay; day++) closeDay(points[day]!, accounts, creditLimit);
    apply(event, accounts, points[eventDay]!);
  }
  for (; day < days; day++) closeDay(points[day]!, accounts, creditLimit);
  for (const [member, account] of accounts) {
    const kept = ledger.accounts.get(member);
    if (kept?.status !== account.status || kept.balance !== account.balance) {
      throw new Error(`the event log replays member ${member} to ${account.status} ${account.balance}, the ledger says ${kept?.status} ${kept?.balance}`);
    }
  }
  return points;
}
