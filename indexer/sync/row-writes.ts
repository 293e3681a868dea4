/** Writing helpers the sync's row writers share (desks, escrows, the batch writer). */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Multi-row inserts through kysely in slices of 1,000 (a busy desk's batch may hold thousands of rows). */
export async function insertSlices<T extends keyof Database>(db: Db, table: T, rows: readonly object[]): Promise<void> {
  for (let first = 0; first < rows.length; first += 1_000) {
    await db.insertInto(table).values(rows.slice(first, first + 1_000) as never).execute();
  }
}

/** Marks boxes from before the batch spent: one UPDATE joined to arrays of ids and heights. */
export async function markSpent(db: Db, table: keyof Database, spends: readonly { boxId: string; height: number }[]): Promise<void> {
  if (spends.length === 0) return;
  const ids = spends.map((s) => s.boxId);
  const heights = spends.map((s) => s.height);
  await sql`update ${sql.table(table)} as b set spent_height = s.height
    from unnest(${ids}::text[], ${heights}::integer[]) as s(box_id, height)
    where b.box_id = s.box_id`.execute(db);
}
