/**
 * Contract version 7, escrows for post-factum payments (docs/escrow.md): a member box of its
 * community that holds an order's units between the payer's commit and the settlement.
 * - `escrows`: one row per escrow: its owner (SigmaProp hex), the account that opened it, the
 *   opening and the closing (null while open), and its live box (or last one once closed) as the
 *   newest `escrow_boxes` row states it (rewritten by the sync, restored from it when blocks are undone).
 * - `escrow_boxes`: every escrow box, one row per version (0 at the opening): balance, deposit and
 *   the order it holds. `spent_height` like the other box tables.
 * - `escrow_orders`: one row per order, its id the box id of the open escrow box its commit made:
 *   the parties, max, minimum, deadline and reference, the commit, and once settled the
 *   settlement: units released to the payee and returned to the payer, and the outcome
 *   (`released`, `refunded`, `claimed`).
 * Units are numeric; a deadline is a bigint (a Long register). Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("escrows")
    .addColumn("escrow_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("opened_height", "integer", (c) => c.notNull())
    .addColumn("opened_tx_id", "text", (c) => c.notNull())
    .addColumn("opened_timestamp", "bigint", (c) => c.notNull())
    .addColumn("closed_height", "integer")
    .addColumn("closed_tx_id", "text")
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("balance", "numeric", (c) => c.notNull())
    .addColumn("deposit_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("order_id", "text")
    .execute();
  await db.schema.createIndex("escrows_community").on("escrows").columns(["community_id", "opened_height"]).execute();
  await db.schema.createIndex("escrows_closed").on("escrows").column("closed_height").execute();

  await db.schema
    .createTable("escrow_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("escrow_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("balance", "numeric", (c) => c.notNull())
    .addColumn("deposit_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("order_id", "text")
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("escrow_boxes_escrow").on("escrow_boxes").columns(["escrow_id", "version"]).unique().execute();
  await db.schema.createIndex("escrow_boxes_height").on("escrow_boxes").column("height").execute();
  await db.schema.createIndex("escrow_boxes_spent").on("escrow_boxes").column("spent_height").execute();

  await db.schema
    .createTable("escrow_orders")
    .addColumn("order_id", "text", (c) => c.primaryKey())
    .addColumn("escrow_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("payer_id", "text", (c) => c.notNull())
    .addColumn("payee_id", "text", (c) => c.notNull())
    .addColumn("max_units", "numeric", (c) => c.notNull())
    .addColumn("minimum_units", "numeric", (c) => c.notNull())
    .addColumn("deadline", "bigint", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("committed_height", "integer", (c) => c.notNull())
    .addColumn("committed_tx_id", "text", (c) => c.notNull())
    .addColumn("committed_timestamp", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("settled_height", "integer")
    .addColumn("settled_tx_id", "text")
    .addColumn("settled_timestamp", "bigint")
    .addColumn("released_units", "numeric")
    .addColumn("returned_units", "numeric")
    .addColumn("outcome", "text")
    .execute();
  await db.schema.createIndex("escrow_orders_community").on("escrow_orders").columns(["community_id", "committed_height"]).execute();
  await db.schema.createIndex("escrow_orders_payer").on("escrow_orders").columns(["payer_id", "committed_height"]).execute();
  await db.schema.createIndex("escrow_orders_payee").on("escrow_orders").columns(["payee_id", "committed_height"]).execute();
  await db.schema.createIndex("escrow_orders_settled").on("escrow_orders").column("settled_height").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["escrow_orders", "escrow_boxes", "escrows"]) await db.schema.dropTable(table).execute();
}
