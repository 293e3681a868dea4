/**
 * The loans' rows (migration 0019, docs/loans.md): planned from each block with the batch
 * (`planBatch`), written in the batch's transaction, undone with its blocks. `loans` holds each
 * loan's terms and offer, and its newest `loan_boxes` row, bond and events summed up, rebuilt
 * from them after a write or an undo, so undoing is exact.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { NewLoan, NewLoanBond, NewLoanBox, NewLoanEvent } from "../db/loan-schema.ts";
import type { Database } from "../db/schema.ts";
import { principalOf, totalOwed } from "../../contracts/loan/loan.ts";
import type { ChainBlock } from "./apply-block.ts";
import { applyLoanBlock, type LiveLoans } from "./loans.ts";
import { insertSlices, markSpent } from "./row-writes.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What a batch adds to the loan tables. */
export interface LoanRows {
  loans: NewLoan[];
  boxes: NewLoanBox[];
  bonds: NewLoanBond[];
  events: NewLoanEvent[];
  /** Boxes from before the batch that it spends. */
  boxSpends: { boxId: string; height: number }[];
  bondSpends: { boxId: string; height: number }[];
  /** The batch's own boxes by box id (a box made and spent in the batch is written spent). */
  madeBoxes: Map<string, NewLoanBox>;
  madeBonds: Map<string, NewLoanBond>;
}

export const emptyLoanRows = (): LoanRows => ({ loans: [], boxes: [], bonds: [], events: [], boxSpends: [], bondSpends: [], madeBoxes: new Map(), madeBonds: new Map() });

const scheduleJson = (items: { amountNanoErg: bigint; height: bigint }[], heightName: "unlockHeight" | "dueHeight"): string =>
  JSON.stringify(items.map((i) => ({ amountNanoErg: i.amountNanoErg.toString(), [heightName]: i.height.toString() })));

/** Applies `block` to `live` and adds the rows of what it did to loans. */
export function addLoanRows(rows: LoanRows, block: ChainBlock, live: LiveLoans): void {
  const { height } = block.header;
  const timestamp = BigInt(block.header.timestamp);
  const changes = applyLoanBlock(block, live);
  const spend = <R extends { spent_height?: number | null }>(made: Map<string, R>, before: { boxId: string; height: number }[], boxId: string) => {
    const row = made.get(boxId);
    if (row) row.spent_height = height;
    else before.push({ boxId, height });
  };
  for (const l of changes.loans) {
    const row: NewLoanBox = {
      box_id: l.boxId, loan_id: l.loanId, version: l.version, tx_id: l.txId, height, investor: l.investor, drawn: l.drawn, repaid_nano_erg: l.repaidNanoErg,
      claimed_nano_erg: l.claimedNanoErg, value_nano_erg: l.valueNanoErg, creation_height: l.creationHeight, spent_height: null,
    };
    rows.madeBoxes.set(l.boxId, row);
    rows.boxes.push(row);
  }
  for (const b of changes.bonds) {
    const row: NewLoanBond = { box_id: b.boxId, loan_id: b.loanId, version: b.version, tx_id: b.txId, height, value_nano_erg: b.valueNanoErg, creation_height: b.creationHeight, spent_height: null };
    rows.madeBonds.set(b.boxId, row);
    rows.bonds.push(row);
  }
  // After the boxes made: a box made and spent within the batch (this block too) is written spent.
  for (const boxId of changes.spentLoans) spend(rows.madeBoxes, rows.boxSpends, boxId);
  for (const boxId of changes.spentBonds) spend(rows.madeBonds, rows.bondSpends, boxId);
  for (const { loan, txId, bondNanoErg } of changes.offers) {
    const lastDue = loan.instalments.reduce((m, i) => (i.dueHeight > m ? i.dueHeight : m), 0n);
    rows.loans.push({
      loan_id: loan.loanId, bank: loan.bank, business: loan.business, investor: null,
      tranches: scheduleJson(loan.tranches.map((t) => ({ amountNanoErg: t.amountNanoErg, height: t.unlockHeight })), "unlockHeight"),
      instalments: scheduleJson(loan.instalments.map((i) => ({ amountNanoErg: i.amountNanoErg, height: i.dueHeight })), "dueHeight"),
      grace_blocks: loan.graceBlocks, principal_nano_erg: principalOf(loan), total_owed_nano_erg: totalOwed(loan), last_due_height: lastDue,
      offered_height: height, offered_tx_id: txId, offered_timestamp: timestamp, bond_posted_nano_erg: bondNanoErg, state: "offered", box_id: loan.boxId, version: 0,
      value_nano_erg: loan.valueNanoErg, drawn: 0, repaid_nano_erg: 0n, claimed_nano_erg: 0n, bond_nano_erg: bondNanoErg, bond_paid_out_nano_erg: 0n,
      bond_returned_nano_erg: null, funded_height: null, ended_height: null, ended_tx_id: null,
    });
  }
  const seq = new Map<string, number>();
  for (const a of changes.activities) {
    const key = `${a.loanId} ${a.txId}`;
    const n = seq.get(key) ?? 0;
    seq.set(key, n + 1);
    rows.events.push({
      loan_id: a.loanId, tx_id: a.txId, seq: n, height, timestamp, kind: a.kind, tranche: a.tranche ?? null, amount_nano_erg: a.amountNanoErg ?? null,
      bond_nano_erg: a.bondNanoErg ?? null, milestone: a.milestone ?? null,
    });
  }
}

/** Rewrites the live columns of `loans` for `loanIds` (all when undefined) from their newest box, bond and events. */
async function refreshLoans(db: Db, loanIds?: readonly string[]): Promise<void> {
  const which = loanIds === undefined ? sql`true` : sql`loan_id = any(${loanIds}::text[])`;
  await sql`update loans as l set box_id = b.box_id, version = b.version, investor = b.investor, drawn = b.drawn, repaid_nano_erg = b.repaid_nano_erg,
      claimed_nano_erg = b.claimed_nano_erg, value_nano_erg = b.value_nano_erg, ended_height = b.spent_height,
      state = case when b.spent_height is not null then (case when b.investor is null then 'cancelled' else 'released' end)
        when b.claimed_nano_erg > 0 then 'defaulted' when b.repaid_nano_erg >= l.total_owed_nano_erg then 'repaid'
        when b.investor is not null then 'funded' else 'offered' end
    from (select distinct on (loan_id) * from loan_boxes where ${which} order by loan_id, version desc) as b
    where l.loan_id = b.loan_id`.execute(db);
  await sql`update loans as l set
      bond_nano_erg = coalesce((select d.value_nano_erg from loan_bonds d where d.loan_id = l.loan_id and d.spent_height is null order by d.version desc limit 1), 0),
      bond_paid_out_nano_erg = coalesce((select sum(e.bond_nano_erg) from loan_events e where e.loan_id = l.loan_id and e.kind = 'claim'), 0),
      bond_returned_nano_erg = (select e.bond_nano_erg from loan_events e where e.loan_id = l.loan_id and e.kind in ('release', 'cancel') limit 1),
      funded_height = (select min(e.height) from loan_events e where e.loan_id = l.loan_id and e.kind = 'fund'),
      ended_tx_id = (select e.tx_id from loan_events e where e.loan_id = l.loan_id and e.height = l.ended_height and e.kind in ('release', 'cancel', 'rent') order by e.seq desc limit 1)
    where ${which}`.execute(db);
}

/** Writes a batch's loan rows, then brings `loans` up to date. */
export async function writeLoanRows(db: Db, rows: LoanRows): Promise<void> {
  await markSpent(db, "loan_boxes", rows.boxSpends);
  await markSpent(db, "loan_bonds", rows.bondSpends);
  await insertSlices(db, "loans", rows.loans);
  await insertSlices(db, "loan_boxes", rows.boxes);
  await insertSlices(db, "loan_bonds", rows.bonds);
  await insertSlices(db, "loan_events", rows.events);
  const touched = [...new Set([...rows.boxes.map((b) => b.loan_id), ...rows.bonds.map((b) => b.loan_id), ...rows.events.map((e) => e.loan_id)])];
  // A spend of a box from before the batch touches its loan too (a release has no successor).
  if (rows.boxSpends.length > 0) {
    const spent = await db.selectFrom("loan_boxes").select("loan_id").where(sql<boolean>`box_id = any(${rows.boxSpends.map((s) => s.boxId)}::text[])`).execute();
    touched.push(...spent.map((r) => r.loan_id));
  }
  if (touched.length > 0) await refreshLoans(db, [...new Set(touched)]);
}

/** Undoes the loan rows of every block at `height` and above. */
export async function rollbackLoans(db: Db, height: number): Promise<void> {
  for (const table of ["loan_boxes", "loan_bonds", "loan_events"] as const) await db.deleteFrom(table).where("height", ">=", height).execute();
  for (const table of ["loan_boxes", "loan_bonds"] as const) await db.updateTable(table).set({ spent_height: null }).where("spent_height", ">=", height).execute();
  await db.deleteFrom("loans").where("offered_height", ">=", height).execute();
  await refreshLoans(db);
}

/** Loads into `live` the live loan and bond boxes among `inputIds`, each loan with its terms. */
export async function loadLoanView(db: Db, live: LiveLoans, inputIds: readonly string[]): Promise<void> {
  const ids = inputIds.filter((id) => !live.has(id));
  if (ids.length === 0) return;
  const boxes = await db.selectFrom("loan_boxes as b").innerJoin("loans as l", "l.loan_id", "b.loan_id")
    .select(["b.box_id", "b.loan_id", "b.version", "b.investor", "b.drawn", "b.repaid_nano_erg", "b.claimed_nano_erg", "b.value_nano_erg", "b.creation_height",
      "l.bank", "l.business", "l.tranches", "l.instalments", "l.grace_blocks"])
    .where(sql<boolean>`b.box_id = any(${ids}::text[])`).where("b.spent_height", "is", null).execute();
  for (const r of boxes) {
    const tranches = (JSON.parse(r.tranches) as { amountNanoErg: string; unlockHeight: string }[]).map((t) => ({ amountNanoErg: BigInt(t.amountNanoErg), unlockHeight: BigInt(t.unlockHeight) }));
    const instalments = (JSON.parse(r.instalments) as { amountNanoErg: string; dueHeight: string }[]).map((i) => ({ amountNanoErg: BigInt(i.amountNanoErg), dueHeight: BigInt(i.dueHeight) }));
    live.loans.set(r.box_id, {
      boxId: r.box_id, loanId: r.loan_id, version: r.version, tranches, instalments, graceBlocks: BigInt(r.grace_blocks), bank: r.bank, business: r.business,
      drawn: r.drawn, repaidNanoErg: BigInt(r.repaid_nano_erg), claimedNanoErg: BigInt(r.claimed_nano_erg), investor: r.investor,
      valueNanoErg: BigInt(r.value_nano_erg), creationHeight: r.creation_height,
    });
  }
  const bonds = await db.selectFrom("loan_bonds").selectAll().where(sql<boolean>`box_id = any(${ids}::text[])`).where("spent_height", "is", null).execute();
  for (const r of bonds) live.bonds.set(r.box_id, { boxId: r.box_id, loanId: r.loan_id, valueNanoErg: BigInt(r.value_nano_erg), creationHeight: r.creation_height, version: r.version });
}
