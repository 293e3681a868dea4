/**
 * Contract version 5, batch settlement of signed payment orders (docs/batches.md):
 * - `batch_boxes`: every box of the batch tree, append-only like the other box tables (created and
 *   spent heights), so the sync knows a transaction whose first input is one for a settlement.
 * - `batches`: one row per settlement: community, number of orders, total units, the settler.
 * - `settled_orders`: every order a settlement carried, rebuilt from its legs (order id = hash of
 *   the signed message), one row per leg; its account changes are `payments` rows as before.
 * - `unconfirmed_settlements`: the orders of settlements waiting in the node's mempool, replaced
 *   wholesale with the mempool view (never undone).
 * - `payment_orders`: orders posted to the API and not known settled yet when they came; what
 *   became of each is read from the chain tables at query time, so undoing blocks needs nothing
 *   here. The settlement service notes the transaction it submitted and why it left one out.
 * Amounts, sequence numbers and expiries are bigint; a signature's response (below 2^255) is text.
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("batch_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("value_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("batch_boxes_created").on("batch_boxes").column("created_height").execute();
  await db.schema.createIndex("batch_boxes_spent").on("batch_boxes").column("spent_height").execute();

  await db.schema
    .createTable("batches")
    .addColumn("tx_id", "text", (c) => c.primaryKey())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("batch_box_id", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("settler", "text")
    .execute();
  await db.schema.createIndex("batches_community").on("batches").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("batches_height").on("batches").column("height").execute();

  await db.schema
    .createTable("settled_orders")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("leg", "integer", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("expiry", "bigint", (c) => c.notNull())
    .addColumn("commitment", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("settled_orders_pk", ["tx_id", "leg"])
    .execute();
  await db.schema.createIndex("settled_orders_order").on("settled_orders").column("order_id").execute();
  await db.schema.createIndex("settled_orders_payer").on("settled_orders").columns(["payer", "height"]).execute();
  await db.schema.createIndex("settled_orders_payee").on("settled_orders").columns(["payee", "height"]).execute();
  await db.schema.createIndex("settled_orders_community").on("settled_orders").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("settled_orders_height").on("settled_orders").column("height").execute();

  await db.schema
    .createTable("unconfirmed_settlements")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("leg", "integer", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("base_height", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("unconfirmed_settlements_pk", ["tx_id", "leg"])
    .execute();
  await db.schema.createIndex("unconfirmed_settlements_order").on("unconfirmed_settlements").column("order_id").execute();

  await db.schema
    .createTable("payment_orders")
    .addColumn("order_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("expiry", "bigint", (c) => c.notNull())
    .addColumn("commitment", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addColumn("received_height", "integer", (c) => c.notNull())
    .addColumn("submitted_tx_id", "text")
    .addColumn("submitted_height", "integer")
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("payment_orders_payer").on("payment_orders").columns(["payer", "seq"]).execute();
  await db.schema.createIndex("payment_orders_payee").on("payment_orders").column("payee").execute();
  await db.schema.createIndex("payment_orders_community").on("payment_orders").column("community_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["payment_orders", "unconfirmed_settlements", "settled_orders", "batches", "batch_boxes"]) await db.schema.dropTable(table).execute();
}
