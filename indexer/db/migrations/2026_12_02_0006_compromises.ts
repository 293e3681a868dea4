/**
 * Contract version 2: storage rent and compromises.
 * - `creation_height` on both box tables: the box's own declared creation height, the clock of
 *   storage rent and dormancy. Rows from before are backfilled with the height of the block that
 *   made them (the builders always declared that height, within MAX_AGE_BLOCKS of it).
 * - `community_boxes.metadata_problem`: why R6 was not valid metadata (the community is kept with
 *   a fallback), null when it was.
 * - `compromises`: what broke a community's guarantees, per transaction (rolled back by height).
 * - The partial indexes of closing events also cover the dormant `close`.
 * Migrations import no application code.
 */
import { sql, type Kysely } from "kysely";

async function closingIndexes(db: Kysely<any>, kinds: string[]): Promise<void> {
  await db.schema.dropIndex("events_closing_account").execute();
  await db.schema.dropIndex("events_closing").execute();
  await db.schema.createIndex("events_closing_account").on("events").columns(["account_id"]).where(sql.ref("kind"), "in", kinds).execute();
  await db.schema.createIndex("events_closing").on("events").columns(["community_id"]).where(sql.ref("kind"), "in", kinds).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["community_boxes", "account_boxes"]) {
    await db.schema.alterTable(table).addColumn("creation_height", "integer").execute();
    await db.updateTable(table).set({ creation_height: sql.ref("created_height") }).execute();
    await db.schema.alterTable(table).alterColumn("creation_height", (c) => c.setNotNull()).execute();
  }
  await db.schema.alterTable("community_boxes").addColumn("metadata_problem", "text").execute();

  await db.schema
    .createTable("compromises")
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("compromises_pk", ["box_id", "community_id", "kind"])
    .execute();
  await db.schema.createIndex("compromises_community").on("compromises").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("compromises_height").on("compromises").columns(["height"]).execute();
  await closingIndexes(db, ["leave", "default", "close"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await closingIndexes(db, ["leave", "default"]);
  await db.schema.dropTable("compromises").execute();
  await db.schema.alterTable("community_boxes").dropColumn("metadata_problem").execute();
  for (const table of ["account_boxes", "community_boxes"]) await db.schema.alterTable(table).dropColumn("creation_height").execute();
}
