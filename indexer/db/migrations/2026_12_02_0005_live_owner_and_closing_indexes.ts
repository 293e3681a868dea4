/**
 * What was once edited into 0003 after it had shipped, now a migration of its own (0003 is back to
 * what it first was, and committed migrations never change: migrations.spec checks their hashes):
 * - `events_account` becomes `events_closing_account`, partial on leaves and defaults: a closed
 *   account is found by its closing event, and payments and joins then cost no index upkeep.
 * - `account_boxes_owner` becomes `account_boxes_owner_live`, live boxes only: an owner's open
 *   accounts are its live boxes; indexing every box ever made by owner cost a fifth of the
 *   database's time while catching up.
 * A database migrated with the edited 0003 already has the new indexes and none of the old ones,
 * so every step here tolerates both histories.
 * Migrations import no application code.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("events_account").ifExists().execute();
  await db.schema.createIndex("events_closing_account").ifNotExists().on("events").columns(["account_id"]).where(sql.ref("kind"), "in", ["leave", "default"]).execute();
  await db.schema.dropIndex("account_boxes_owner").ifExists().execute();
  await db.schema.createIndex("account_boxes_owner_live").ifNotExists().on("account_boxes").columns(["owner"]).where(sql.ref("spent_height"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("account_boxes_owner_live").execute();
  await db.schema.createIndex("account_boxes_owner").on("account_boxes").columns(["owner"]).execute();
  await db.schema.dropIndex("events_closing_account").execute();
  await db.schema.createIndex("events_account").on("events").columns(["account_id"]).execute();
}
