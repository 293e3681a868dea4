/**
 * ERG loans (docs/loans.md): the loan market's list, one loan's schedule against what happened,
 * and a bank's record. Money is decimal strings; schedule heights too (Long registers a bank
 * chose, which may exceed what a JSON number holds exactly); block heights are numbers.
 *
 * Statuses are judged at `height`, the HEIGHT of the next block (the indexed tip + 1), as the
 * contract would judge a transaction now. Instalments are covered in order by the repayments and
 * bond claims, oldest first: an instalment is paid when what was repaid or claimed reaches the sum
 * of it and every earlier one.
 */
import { sql } from "kysely";
import type { LoanEventKind, LoanStateName, LoanRow } from "../loan-schema.ts";
import { countAll, type Db, type Page, type Paged } from "./common.ts";

/** A tranche and when it was drawn. */
export interface TrancheView {
  index: number;
  amountNanoErg: string;
  unlockHeight: string;
  drawnHeight: number | null;
  drawnTxId: string | null;
  /** Drawn before its unlock height, so with the bank's signature; null until drawn. */
  milestone: boolean | null;
}

export type InstalmentStatus = "upcoming" | "due" | "late" | "claimable" | "paid" | "paid-late" | "claimed" | "unpaid" | "open";

/** An instalment and when it was paid. */
export interface InstalmentView {
  index: number;
  amountNanoErg: string;
  dueHeight: string;
  /** The last HEIGHT of its grace: the investor may claim it from the bond from the next one. */
  graceEndHeight: string;
  /** What repayments and claims covered of it so far, and of that what claims did. */
  paidNanoErg: string;
  claimedNanoErg: string;
  /** The block whose repayment or claim covered it in full, or null. */
  paidHeight: number | null;
  paidTxId: string | null;
  status: InstalmentStatus;
}

export type LoanStatus = "open" | "current" | "due" | "late" | "claimable" | "repaid" | "cancelled" | "released";

/** A loan in the market's list: terms, state, and status at `height`. */
export interface LoanView {
  loanId: string;
  bank: string;
  business: string;
  investor: string | null;
  state: LoanStateName;
  status: LoanStatus;
  principalNanoErg: string;
  totalOwedNanoErg: string;
  trancheCount: number;
  instalmentCount: number;
  graceBlocks: string;
  firstDueHeight: string;
  lastDueHeight: string;
  drawn: number;
  repaidNanoErg: string;
  claimedNanoErg: string;
  /** Due by `height` and neither repaid nor claimed (grace or not). */
  dueNowNanoErg: string;
  /** What the investor may claim from the bond now (before the bond's own limit). */
  claimableNanoErg: string;
  outstandingNanoErg: string;
  nextDueHeight: string | null;
  bondPostedNanoErg: string;
  bondNanoErg: string;
  bondPaidOutNanoErg: string;
  bondReturnedNanoErg: string | null;
  boxId: string;
  valueNanoErg: string;
  offeredHeight: number;
  offeredTxId: string;
  offeredTimestamp: number;
  fundedHeight: number | null;
  endedHeight: number | null;
  endedTxId: string | null;
  /** The HEIGHT the status is judged at: the indexed tip + 1. */
  height: number;
}

/** One thing a transaction did to a loan. */
export interface LoanEventView {
  txId: string;
  height: number;
  timestamp: number;
  kind: LoanEventKind;
  tranche: number | null;
  amountNanoErg: string | null;
  bondNanoErg: string | null;
  milestone: boolean | null;
}

/** A loan with its schedule against what happened. */
export interface LoanDetailView extends LoanView {
  tranches: TrancheView[];
  instalments: InstalmentView[];
  events: LoanEventView[];
}

/** A bank's record across the loans it offered. */
export interface BankView {
  bank: string;
  height: number;
  loansMade: number;
  open: number;
  funded: number;
  active: number;
  repaidOnTime: number;
  repaidLate: number;
  late: number;
  defaulted: number;
  cancelled: number;
  principalLentNanoErg: string;
  bondPostedNanoErg: string;
  bondPaidOutNanoErg: string;
  firstOfferedHeight: number | null;
  lastOfferedHeight: number | null;
}

export interface LoanFilter {
  state?: LoanStateName;
  bank?: string;
  business?: string;
  investor?: string;
}

interface Schedule {
  tranches: { amountNanoErg: bigint; unlockHeight: bigint }[];
  instalments: { amountNanoErg: bigint; dueHeight: bigint }[];
}

const scheduleOf = (row: Pick<LoanRow, "tranches" | "instalments">): Schedule => ({
  tranches: (JSON.parse(row.tranches) as { amountNanoErg: string; unlockHeight: string }[]).map((t) => ({ amountNanoErg: BigInt(t.amountNanoErg), unlockHeight: BigInt(t.unlockHeight) })),
  instalments: (JSON.parse(row.instalments) as { amountNanoErg: string; dueHeight: string }[]).map((i) => ({ amountNanoErg: BigInt(i.amountNanoErg), dueHeight: BigInt(i.dueHeight) })),
});

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

/** The indexed tip + 1: the HEIGHT a transaction now goes in at. */
export async function nextHeight(db: Db): Promise<number> {
  const row = await db.selectFrom("blocks").select(sql<number | null>`max(height)`.as("h")).executeTakeFirst();
  return (row?.h ?? 0) + 1;
}

/** Each instalment against the repayments and claims in `events` (in chain order), judged at `height`. */
function instalmentsOf(row: LoanRow, schedule: Schedule, events: readonly LoanEventView[], height: number): InstalmentView[] {
  const grace = BigInt(row.grace_blocks);
  const at = BigInt(height);
  const ended = row.ended_height !== null;
  const funded = row.investor !== null || row.funded_height !== null;
  const payments = events.filter((e) => (e.kind === "repay" || e.kind === "claim") && e.amountNanoErg !== null);
  let floor = 0n;
  return schedule.instalments.map((inst, index) => {
    const top = floor + inst.amountNanoErg;
    let cum = 0n;
    let paid = 0n;
    let claimed = 0n;
    let paidAt: LoanEventView | null = null;
    for (const e of payments) {
      const before = cum;
      cum += BigInt(e.amountNanoErg!);
      const overlap = max(0n, min(cum, top) - max(before, floor));
      paid += overlap;
      if (e.kind === "claim") claimed += overlap;
      if (paidAt === null && before < top && cum >= top) paidAt = e;
    }
    floor = top;
    const graceEnd = inst.dueHeight + grace;
    let status: InstalmentStatus;
    if (paidAt) status = claimed > 0n ? "claimed" : BigInt(paidAt.height) <= inst.dueHeight ? "paid" : "paid-late";
    else if (!funded) status = "open";
    else if (ended) status = "unpaid";
    else if (at < inst.dueHeight) status = "upcoming";
    else if (at === inst.dueHeight) status = "due";
    else if (at <= graceEnd) status = "late";
    else status = "claimable";
    return {
      index, amountNanoErg: inst.amountNanoErg.toString(), dueHeight: inst.dueHeight.toString(), graceEndHeight: graceEnd.toString(), paidNanoErg: paid.toString(),
      claimedNanoErg: claimed.toString(), paidHeight: paidAt?.height ?? null, paidTxId: paidAt?.txId ?? null, status,
    };
  });
}

const RANK: Record<string, number> = { due: 1, late: 2, claimable: 3 };

/** The loan's list view at `height`. */
function viewOf(row: LoanRow, schedule: Schedule, instalments: InstalmentView[], height: number): LoanView {
  const at = BigInt(height);
  const grace = BigInt(row.grace_blocks);
  const repaid = BigInt(row.repaid_nano_erg);
  const claimed = BigInt(row.claimed_nano_erg);
  const total = BigInt(row.total_owed_nano_erg);
  const covered = repaid + claimed;
  const funded = row.investor !== null;
  const sumWhere = (keep: (i: Schedule["instalments"][number]) => boolean) => schedule.instalments.filter(keep).reduce((s, i) => s + i.amountNanoErg, 0n);
  const live = row.ended_height === null;
  const dueNow = funded && live ? max(0n, sumWhere((i) => i.dueHeight <= at) - covered) : 0n;
  const claimable = funded && live ? max(0n, sumWhere((i) => at > i.dueHeight + grace) - covered) : 0n;
  const worst = instalments.reduce((w, i) => ((RANK[i.status] ?? 0) > (RANK[w] ?? 0) ? i.status : w), "current" as string);
  const status: LoanStatus = row.state === "cancelled" || row.state === "released" ? row.state : !funded ? "open" : covered >= total ? "repaid" : (worst as LoanStatus);
  const next = schedule.instalments.find((i, k) => instalments[k] && instalments[k].paidHeight === null);
  return {
    loanId: row.loan_id, bank: row.bank, business: row.business, investor: row.investor, state: row.state, status, principalNanoErg: row.principal_nano_erg,
    totalOwedNanoErg: row.total_owed_nano_erg, trancheCount: schedule.tranches.length, instalmentCount: schedule.instalments.length, graceBlocks: String(row.grace_blocks),
    firstDueHeight: (schedule.instalments[0]?.dueHeight ?? 0n).toString(), lastDueHeight: String(row.last_due_height), drawn: row.drawn, repaidNanoErg: row.repaid_nano_erg,
    claimedNanoErg: row.claimed_nano_erg, dueNowNanoErg: dueNow.toString(), claimableNanoErg: claimable.toString(), outstandingNanoErg: max(0n, total - covered).toString(),
    nextDueHeight: live && next ? next.dueHeight.toString() : null, bondPostedNanoErg: row.bond_posted_nano_erg, bondNanoErg: row.bond_nano_erg,
    bondPaidOutNanoErg: row.bond_paid_out_nano_erg, bondReturnedNanoErg: row.bond_returned_nano_erg, boxId: row.box_id, valueNanoErg: row.value_nano_erg,
    offeredHeight: row.offered_height, offeredTxId: row.offered_tx_id, offeredTimestamp: Number(row.offered_timestamp), fundedHeight: row.funded_height,
    endedHeight: row.ended_height, endedTxId: row.ended_tx_id, height,
  };
}

/** Loan rows with every numeric and Long column as decimal text. */
const loanRows = (db: Db) =>
  db.selectFrom("loans").select([
    "loan_id", "bank", "business", "investor", "tranches", "instalments", sql<string>`grace_blocks::text`.as("grace_blocks"), sql<string>`principal_nano_erg::text`.as("principal_nano_erg"),
    sql<string>`total_owed_nano_erg::text`.as("total_owed_nano_erg"), sql<string>`last_due_height::text`.as("last_due_height"), "offered_height", "offered_tx_id",
    sql<string>`offered_timestamp::text`.as("offered_timestamp"), sql<string>`bond_posted_nano_erg::text`.as("bond_posted_nano_erg"), "state", "box_id", "version",
    sql<string>`value_nano_erg::text`.as("value_nano_erg"), "drawn", sql<string>`repaid_nano_erg::text`.as("repaid_nano_erg"), sql<string>`claimed_nano_erg::text`.as("claimed_nano_erg"),
    sql<string>`bond_nano_erg::text`.as("bond_nano_erg"), sql<string>`bond_paid_out_nano_erg::text`.as("bond_paid_out_nano_erg"),
    sql<string | null>`bond_returned_nano_erg::text`.as("bond_returned_nano_erg"), "funded_height", "ended_height", "ended_tx_id",
  ]);

/** The events of `loanIds` in chain order, by loan. */
async function eventsOf(db: Db, loanIds: readonly string[]): Promise<Map<string, LoanEventView[]>> {
  const out = new Map<string, LoanEventView[]>();
  if (loanIds.length === 0) return out;
  const rows = await db.selectFrom("loan_events").select([
    "loan_id", "tx_id", "seq", "height", sql<string>`timestamp::text`.as("ts"), "kind", "tranche", sql<string | null>`amount_nano_erg::text`.as("amount"),
    sql<string | null>`bond_nano_erg::text`.as("bond"), "milestone",
  ]).where(sql<boolean>`loan_id = any(${loanIds}::text[])`).orderBy("height").orderBy("tx_id").orderBy("seq").execute();
  for (const r of rows) {
    const list = out.get(r.loan_id) ?? out.set(r.loan_id, []).get(r.loan_id)!;
    list.push({ txId: r.tx_id, height: r.height, timestamp: Number(r.ts), kind: r.kind, tranche: r.tranche, amountNanoErg: r.amount, bondNanoErg: r.bond, milestone: r.milestone });
  }
  return out;
}

/** Loans matching `filter`, newest offered first, with their status at the next HEIGHT. */
export async function listLoans(db: Db, filter: LoanFilter, page: Page): Promise<Paged<LoanView>> {
  let q = db.selectFrom("loans");
  if (filter.state) q = q.where("state", "=", filter.state);
  if (filter.bank) q = q.where("bank", "=", filter.bank);
  if (filter.business) q = q.where("business", "=", filter.business);
  if (filter.investor) q = q.where("investor", "=", filter.investor);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  let rq = loanRows(db);
  if (filter.state) rq = rq.where("state", "=", filter.state);
  if (filter.bank) rq = rq.where("bank", "=", filter.bank);
  if (filter.business) rq = rq.where("business", "=", filter.business);
  if (filter.investor) rq = rq.where("investor", "=", filter.investor);
  const rows = (await rq.orderBy("offered_height", "desc").orderBy("loan_id").limit(page.limit).offset(page.offset).execute()) as LoanRow[];
  const height = await nextHeight(db);
  const events = await eventsOf(db, rows.map((r) => r.loan_id));
  return {
    total,
    items: rows.map((r) => {
      const schedule = scheduleOf(r);
      return viewOf(r, schedule, instalmentsOf(r, schedule, events.get(r.loan_id) ?? [], height), height);
    }),
  };
}

/** The loan `loanId` with its schedule against what happened, or undefined. */
export async function getLoan(db: Db, loanId: string): Promise<LoanDetailView | undefined> {
  const row = (await loanRows(db).where("loan_id", "=", loanId).executeTakeFirst()) as LoanRow | undefined;
  if (!row) return undefined;
  const height = await nextHeight(db);
  const events = (await eventsOf(db, [loanId])).get(loanId) ?? [];
  const schedule = scheduleOf(row);
  const instalments = instalmentsOf(row, schedule, events, height);
  const tranches = schedule.tranches.map((t, index): TrancheView => {
    const draw = events.find((e) => e.kind === "draw" && e.tranche === index);
    return {
      index, amountNanoErg: t.amountNanoErg.toString(), unlockHeight: t.unlockHeight.toString(), drawnHeight: draw?.height ?? null, drawnTxId: draw?.txId ?? null,
      milestone: draw ? (draw.milestone ?? false) : null,
    };
  });
  return { ...viewOf(row, schedule, instalments, height), tranches, instalments, events };
}

/** The record of the bank whose key is `bank` across every loan it offered; undefined when it offered none. */
export async function getBank(db: Db, bank: string): Promise<BankView | undefined> {
  const rows = (await loanRows(db).where("bank", "=", bank).orderBy("offered_height").execute()) as LoanRow[];
  if (rows.length === 0) return undefined;
  const height = await nextHeight(db);
  const events = await eventsOf(db, rows.map((r) => r.loan_id));
  const record: BankView = {
    bank, height, loansMade: rows.length, open: 0, funded: 0, active: 0, repaidOnTime: 0, repaidLate: 0, late: 0, defaulted: 0, cancelled: 0,
    principalLentNanoErg: "0", bondPostedNanoErg: "0", bondPaidOutNanoErg: "0", firstOfferedHeight: rows[0]!.offered_height, lastOfferedHeight: rows.at(-1)!.offered_height,
  };
  let lent = 0n;
  let posted = 0n;
  let paidOut = 0n;
  for (const row of rows) {
    const schedule = scheduleOf(row);
    const instalments = instalmentsOf(row, schedule, events.get(row.loan_id) ?? [], height);
    const view = viewOf(row, schedule, instalments, height);
    posted += BigInt(row.bond_posted_nano_erg);
    paidOut += BigInt(row.bond_paid_out_nano_erg);
    if (row.state === "offered") record.open += 1;
    if (row.state === "cancelled") record.cancelled += 1;
    if (row.funded_height === null) continue;
    record.funded += 1;
    lent += BigInt(row.principal_nano_erg);
    if (row.ended_height === null) record.active += 1;
    const claimed = BigInt(row.claimed_nano_erg) > 0n;
    const covered = BigInt(row.repaid_nano_erg) + BigInt(row.claimed_nano_erg) >= BigInt(row.total_owed_nano_erg);
    if (claimed || (row.ended_height !== null && !covered)) record.defaulted += 1;
    else if (covered) {
      if (instalments.every((i) => i.status === "paid")) record.repaidOnTime += 1;
      else record.repaidLate += 1;
    } else if (view.status === "late" || view.status === "claimable") record.late += 1;
  }
  return { ...record, principalLentNanoErg: lent.toString(), bondPostedNanoErg: posted.toString(), bondPaidOutNanoErg: paidOut.toString() };
}
