/**
 * The LETS mirror. Box tables are append-only with `created_height` and `spent_height`: the live
 * state is `spent_height IS NULL`, and undoing blocks from height h is deleting rows created at or
 * above h and clearing spends at or above h. Amounts are bigint (64-bit, like Ergo's Long).
 * Migrations import no application code.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("blocks")
    .addColumn("height", "integer", (c) => c.primaryKey())
    .addColumn("block_id", "text", (c) => c.notNull().unique())
    .addColumn("parent_id", "text", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("communities")
    .addColumn("community_id", "text", (c) => c.primaryKey())
    .addColumn("genesis_tx_id", "text", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("community_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("credit_limit", "bigint", (c) => c.notNull())
    .addColumn("positive_cap", "bigint", (c) => c.notNull())
    .addColumn("join_fee_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("collateral_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("max_members", "bigint", (c) => c.notNull())
    .addColumn("inactivity_blocks", "bigint", (c) => c.notNull())
    .addColumn("committee", "text", (c) => c.notNull())
    .addColumn("metadata", "text", (c) => c.notNull())
    .addColumn("members_joined", "bigint", (c) => c.notNull())
    .addColumn("community_balance", "bigint", (c) => c.notNull())
    .addColumn("seats_left", "bigint", (c) => c.notNull())
    .addColumn("treasury_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("community_boxes_live").on("community_boxes").columns(["community_id", "spent_height"]).execute();

  await db.schema
    .createTable("account_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("balance", "bigint", (c) => c.notNull())
    .addColumn("credit_limit", "bigint", (c) => c.notNull())
    .addColumn("positive_cap", "bigint", (c) => c.notNull())
    .addColumn("collateral_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("inactivity_blocks", "bigint", (c) => c.notNull())
    .addColumn("joined_height", "bigint", (c) => c.notNull())
    .addColumn("last_active_height", "bigint", (c) => c.notNull())
    .addColumn("value_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("account_boxes_account").on("account_boxes").columns(["account_id", "spent_height"]).execute();
  await db.schema.createIndex("account_boxes_community").on("account_boxes").columns(["community_id", "spent_height"]).execute();
  await db.schema.createIndex("account_boxes_owner").on("account_boxes").columns(["owner"]).execute();

  await db.schema
    .createTable("events")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("amount", "bigint")
    .addPrimaryKeyConstraint("events_pk", ["tx_id", "seq"])
    .execute();
  await db.schema.createIndex("events_community").on("events").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("events_height").on("events").columns(["height"]).execute();

  await db.schema
    .createTable("payments")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("leg", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("payments_pk", ["tx_id", "leg"])
    .execute();
  await db.schema.createIndex("payments_community").on("payments").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("payments_payer").on("payments").columns(["payer", "height"]).execute();
  await db.schema.createIndex("payments_payee").on("payments").columns(["payee", "height"]).execute();

  await db.schema
    .createTable("ignored_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["ignored_boxes", "payments", "events", "account_boxes", "community_boxes", "communities", "blocks"]) {
    await db.schema.dropTable(table).execute();
  }
}
