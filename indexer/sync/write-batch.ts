/**
 * Writes a batch of blocks (`planBatch`'s rows), and undoes blocks for reorgs. Callers run each
 * inside one database transaction, so the cursor (the highest block) and the LETS state always
 * agree, whatever moment a crash comes. Inserts are multi-row; spends of boxes from before the
 * batch are one UPDATE per table, joined to arrays of ids and heights.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";
import type { BatchRows, LiveTotals } from "./batch.ts";
import type { Database } from "../db/schema.ts";
import { deskBalances, rollbackDesks, writeDeskRows } from "./desk-rows.ts";
import { escrowBalances, rollbackEscrows, writeEscrowRows } from "./escrow-rows.ts";
import { rollbackUnderwriting, writeUnderwritingRows } from "./underwriting-rows.ts";
import { rollbackLoans, writeLoanRows } from "./loan-rows.ts";
import { rollbackGovernance, writeGovernanceRows } from "./governance-rows.ts";
import { rollbackMarket, writeMarketNotes } from "./market-write.ts";
import { markSpent } from "./row-writes.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Parameters per INSERT, below PostgreSQL's limit of 65,535. */
const MAX_PARAMETERS = 30_000;

/**
 * Multi-row INSERTs of `rows` (all with the same keys, the columns), as plain SQL text: building
 * kysely's query tree for tens of thousands of values costs more than the insert's own work here.
 * Table and column names come from this module's callers, never from outside.
 */
async function insertAll<T extends keyof Database>(db: Db, table: T, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const into = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values `;
  for (let first = 0; first < rows.length; first += perInsert) {
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(first, first + perInsert) as Record<string, unknown>[]) {
      const placeholders = columns.map((column) => `$${parameters.push(row[column])}`);
      tuples.push(`(${placeholders.join(",")})`);
    }
    await db.executeQuery(CompiledQuery.raw(into + tuples.join(","), parameters));
  }
}


/** Inserts the batch's blocks and everything they changed. */
export async function writeBatch(db: Db, rows: BatchRows): Promise<void> {
  await insertAll(db, "blocks", rows.blocks);
  await markSpent(db, "account_boxes", rows.accountSpends);
  await markSpent(db, "community_boxes", rows.communitySpends);
  await insertAll(db, "communities", rows.communities);
  await insertAll(db, "community_boxes", rows.communityBoxes);
  await insertAll(db, "account_boxes", rows.accountBoxes);
  await insertAll(db, "events", rows.events);
  await insertAll(db, "payments", rows.payments);
  await insertAll(db, "ignored_boxes", rows.ignored);
  await insertAll(db, "compromises", rows.compromises);
  await insertAll(db, "payment_notes", rows.paymentNotes);
  await insertAll(db, "profiles", rows.profiles);
  await insertAll(db, "refused_notes", rows.refusedNotes);
  await markSpent(db, "line_boxes", rows.lineSpends);
  await markSpent(db, "gateway_boxes", rows.gatewaySpends);
  await insertAll(db, "lines", rows.lines);
  await insertAll(db, "line_boxes", rows.lineBoxes);
  await insertAll(db, "gateway_boxes", rows.gatewayBoxes);
  await insertAll(db, "line_events", rows.lineEvents);
  await insertAll(db, "cross_payments", rows.crossPayments);
  await insertAll(db, "cross_payment_hops", rows.crossHops);
  await insertAll(db, "economics_events", rows.economics);
  await markSpent(db, "batch_boxes", rows.batchBoxSpends);
  await insertAll(db, "batch_boxes", rows.batchBoxes);
  await insertAll(db, "batches", rows.settlements);
  await insertAll(db, "settled_orders", rows.settledOrders);
  await writeDeskRows(db, rows.desk);
  await writeEscrowRows(db, rows.escrow);
  await writeUnderwritingRows(db, rows.underwriting);
  await writeLoanRows(db, rows.loan);
  await writeGovernanceRows(db, rows.governance);
  await writeMarketNotes(db, rows.market, rows.positions);
}

/**
 * The live totals of `communityIds` as the database holds them: sum of live balances (accounts and
 * gateways; an economics account counts its worth, balance + accrued + unused allowance) and communityBalance.
 */
export async function liveTotals(db: Db, communityIds: readonly string[]): Promise<Map<string, LiveTotals>> {
  const totals = new Map<string, LiveTotals>();
  if (communityIds.length === 0) return totals;
  const balances = await db.selectFrom("account_boxes").select(["community_id", sql<string>`sum(balance + coalesce(accrued, 0) + coalesce(allowance, 0))::text`.as("sum")])
    .where("spent_height", "is", null).where("community_id", "in", communityIds).groupBy("community_id").execute();
  const communities = await db.selectFrom("community_boxes").select(["community_id", sql<string>`community_balance::text`.as("balance")])
    .where("spent_height", "is", null).where("community_id", "in", communityIds).execute();
  for (const id of communityIds) totals.set(id, { balances: 0n, communityBalance: 0n });
  const gateways = await db.selectFrom("gateway_boxes").select(["community_id", sql<string>`sum(balance)::text`.as("sum")])
    .where("spent_height", "is", null).where("community_id", "in", communityIds).groupBy("community_id").execute();
  for (const row of balances) totals.get(row.community_id)!.balances = BigInt(row.sum);
  for (const row of gateways) totals.get(row.community_id)!.balances += BigInt(row.sum);
  for (const row of communities) totals.get(row.community_id)!.communityBalance = BigInt(row.balance);
  for (const [id, balance] of await deskBalances(db, communityIds)) totals.get(id)!.balances += balance;
  for (const [id, balance] of await escrowBalances(db, communityIds)) totals.get(id)!.balances += balance;
  return totals;
}

/** Which of `communityIds` carry a compromise flag in the database. */
export async function flaggedCommunities(db: Db, communityIds: readonly string[]): Promise<Set<string>> {
  if (communityIds.length === 0) return new Set();
  const rows = await db.selectFrom("compromises").select("community_id").distinct().where(sql<boolean>`community_id = any(${communityIds}::text[])`).execute();
  return new Set(rows.map((r) => r.community_id));
}

/** Undoes every block at `height` and above. */
export async function rollbackFrom(db: Db, height: number): Promise<void> {
  await rollbackMarket(db, height);
  await rollbackDesks(db, height);
  await rollbackEscrows(db, height);
  await rollbackUnderwriting(db, height);
  await rollbackLoans(db, height);
  await rollbackGovernance(db, height);
  for (const table of ["account_boxes", "community_boxes", "line_boxes", "gateway_boxes", "batch_boxes"] as const) {
    await db.deleteFrom(table).where("created_height", ">=", height).execute();
    await db.updateTable(table).set({ spent_height: null }).where("spent_height", ">=", height).execute();
  }
  for (const table of ["events", "payments", "ignored_boxes", "compromises", "payment_notes", "profiles", "refused_notes",
    "line_events", "cross_payments", "cross_payment_hops", "economics_events", "batches", "settled_orders", "blocks"] as const) {
    await db.deleteFrom(table).where("height", ">=", height).execute();
  }
  await db.deleteFrom("communities").where("created_height", ">=", height).execute();
  await db.deleteFrom("lines").where("created_height", ">=", height).execute();
}
