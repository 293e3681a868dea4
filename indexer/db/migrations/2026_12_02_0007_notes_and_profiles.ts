/**
 * Notes a member's own transaction carries (contracts/notes.ts):
 * - `payment_notes`: a payment's memo and the payment request it paid, one row per payment
 *   transaction that carried either, found by request id for "already paid".
 * - `profiles`: every profile an account's owner set, newest by height; the current one is the last.
 * - `refused_notes`: notes the indexer did not take, with the reason (a profile on an input its
 *   owner did not sign for, a malformed variable).
 * All three are rolled back with their block by `height`. Migrations import no application code.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("payment_notes")
    .addColumn("tx_id", "text", (c) => c.primaryKey())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("memo", "text")
    .addColumn("request_id", "text")
    .execute();
  await db.schema.createIndex("payment_notes_request").on("payment_notes").columns(["request_id"]).where(sql.ref("request_id"), "is not", null).execute();
  await db.schema.createIndex("payment_notes_height").on("payment_notes").columns(["height"]).execute();

  await db.schema
    .createTable("profiles")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("about", "text")
    .addColumn("link", "text")
    .addPrimaryKeyConstraint("profiles_pk", ["account_id", "tx_id"])
    .execute();
  await db.schema.createIndex("profiles_account").on("profiles").columns(["account_id", "height"]).execute();
  await db.schema.createIndex("profiles_height").on("profiles").columns(["height"]).execute();
  await db.schema.createIndex("profiles_name").on("profiles").expression(sql`lower(name)`).execute();

  await db.schema
    .createTable("refused_notes")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("refused_notes_height").on("refused_notes").columns(["height"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["refused_notes", "profiles", "payment_notes"]) await db.schema.dropTable(table).execute();
}
