/**
 * `transactions.csv` and `accounts.csv`. The transactions file has exactly the columns of the
 * Sarafu community-currency dataset's transaction file (Grassroots Economics, 2020-2021), so tools
 * written for it read ours: `timeset,source,target,weight,token_name,transfer_subtype`.
 */
import type { SimulationResult } from "../run.ts";
import { toCsv, type Cell } from "./csv.ts";

export const TRANSACTION_COLUMNS = ["timeset", "source", "target", "weight", "token_name", "transfer_subtype"] as const;

export const ACCOUNT_COLUMNS = [
  "member",
  "role",
  "status",
  "joinedDay",
  "closedDay",
  "balance",
  "creditLimit",
  "positiveCap",
  "paymentsMade",
  "paymentsReceived",
  "unitsPaid",
  "unitsReceived",
  "lastActiveDay",
  "defaulter",
  "accountId",
  "address",
] as const;

/** "2026-01-05 13:00:00": the simulated UTC time at which simulated block `block` starts. */
export function simulatedTime(startDate: string, blocksPerDay: number, block: number): string {
  const ms = Date.parse(`${startDate}T00:00:00Z`) + Math.floor((Math.max(0, block) * 86_400_000) / blocksPerDay);
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** The simulated day of a block; -1 for the setup before day 0. */
const dayOf = (block: number, blocksPerDay: number) => (block < 0 ? -1 : Math.floor(block / blocksPerDay));

/** Every accepted payment, in the order it was made. */
export function transactionsCsv(result: SimulationResult): string {
  const { scenario, members } = result;
  const rows: Cell[][] = [];
  for (const e of result.events) {
    if (e.kind !== "payment" || e.status !== "accepted") continue;
    // In a network the amount is in the payer's units, named by the payer's community's symbol.
    const symbol = scenario.network?.communities[members[e.member]!.community]!.symbol ?? scenario.community.symbol;
    rows.push([simulatedTime(scenario.startDate, scenario.blocksPerDay, e.block), members[e.member]!.name, members[e.payee!]!.name, e.amountUnits, symbol, "STANDARD"]);
  }
  return toCsv(TRANSACTION_COLUMNS, rows);
}

/** One line per account (every member who joined), in member order. */
export function accountsCsv(result: SimulationResult): string {
  const { scenario, members, ledger } = result;
  const activity = new Map<number, { made: number; received: number; paid: bigint; got: bigint }>();
  const of = (id: number) => activity.get(id) ?? activity.set(id, { made: 0, received: 0, paid: 0n, got: 0n }).get(id)!;
  for (const e of result.events) {
    if (e.kind !== "payment" || e.status !== "accepted") continue;
    of(e.member).made++;
    of(e.member).paid += e.cross?.debitUnits ?? e.amountUnits!;
    of(e.payee!).received++;
    of(e.payee!).got += e.cross?.receivedUnits ?? e.amountUnits!;
  }
  const rows: Cell[][] = [];
  for (const member of members) {
    const account = ledger.accounts.get(member.id);
    if (!account) continue;
    const a = of(member.id);
    const day = (block: number | null) => (block === null ? null : dayOf(block, scenario.blocksPerDay));
    rows.push([
      member.name,
      member.role.name,
      account.status,
      day(account.joinedBlock),
      day(account.closedBlock),
      account.balance,
      account.creditLimit,
      account.positiveCap,
      a.made,
      a.received,
      a.paid,
      a.got,
      day(account.lastActiveBlock),
      member.defaulter,
      result.accountOf.get(member.id),
      result.addressOf(member.id),
    ]);
  }
  return toCsv(ACCOUNT_COLUMNS, rows);
}
