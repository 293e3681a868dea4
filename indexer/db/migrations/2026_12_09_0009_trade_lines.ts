/**
 * Contract version 3, trade lines (docs/inter-lets.md):
 * - `lines`: one row per line, fixed at propose (its communities, the community tree hash).
 * - `line_boxes`: every line box, append-only like the other box tables (terms, state, pending
 *   change); a line's current state is its live box.
 * - `gateway_boxes`: every gateway box (one end of one shard, in one community), append-only;
 *   its balance counts in its community's books.
 * - `line_events`: what each transaction did to a line, with the line's terms and state after it.
 * - `cross_payments`: one row per cross payment with both legs; `cross_payment_hops` its hops.
 * Amounts are bigint (64-bit, like the registers). Rows are undone by height.
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

const terms = ["rate_num", "rate_den", "cap_a", "cap_b", "fee_a", "fee_b", "shards"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lines")
    .addColumn("line_id", "text", (c) => c.primaryKey())
    .addColumn("community_a", "text", (c) => c.notNull())
    .addColumn("community_b", "text", (c) => c.notNull())
    .addColumn("community_tree_hash", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lines_community_a").on("lines").column("community_a").execute();
  await db.schema.createIndex("lines_community_b").on("lines").column("community_b").execute();

  let lineBoxes = db.schema
    .createTable("line_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("line_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull());
  for (const t of terms) lineBoxes = lineBoxes.addColumn(t, "bigint", (c) => c.notNull());
  await lineBoxes
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("paused_a", "boolean", (c) => c.notNull())
    .addColumn("paused_b", "boolean", (c) => c.notNull())
    .addColumn("pending", "text")
    .addColumn("value_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("line_boxes_line").on("line_boxes").columns(["line_id", "created_height"]).execute();
  await db.schema.createIndex("line_boxes_spent").on("line_boxes").column("spent_height").execute();

  await db.schema
    .createTable("gateway_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("gateway_id", "text", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("side", "integer", (c) => c.notNull())
    .addColumn("shard", "integer", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("balance", "bigint", (c) => c.notNull())
    .addColumn("fees_held", "bigint", (c) => c.notNull())
    .addColumn("position", "bigint", (c) => c.notNull())
    .addColumn("max_units", "bigint", (c) => c.notNull())
    .addColumn("value_nano_erg", "bigint", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("created_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("gateway_boxes_line").on("gateway_boxes").columns(["line_id", "created_height"]).execute();
  await db.schema.createIndex("gateway_boxes_community").on("gateway_boxes").columns(["community_id", "spent_height"]).execute();
  await db.schema.createIndex("gateway_boxes_spent").on("gateway_boxes").column("spent_height").execute();

  let events = db.schema
    .createTable("line_events")
    .addColumn("line_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("side", "integer")
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("paused_a", "boolean", (c) => c.notNull())
    .addColumn("paused_b", "boolean", (c) => c.notNull())
    .addColumn("pending", "text");
  for (const t of terms) events = events.addColumn(t, "bigint", (c) => c.notNull());
  await events.addPrimaryKeyConstraint("line_events_pk", ["line_id", "tx_id", "seq"]).execute();
  await db.schema.createIndex("line_events_height").on("line_events").column("height").execute();

  await db.schema
    .createTable("cross_payments")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("leg", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("payer_community", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("debit", "bigint", (c) => c.notNull())
    .addColumn("payee_community", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("received", "bigint", (c) => c.notNull())
    .addColumn("line_ids", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cross_payments_pk", ["tx_id", "leg"])
    .execute();
  for (const column of ["payer_community", "payee_community", "payer", "payee"]) {
    await db.schema.createIndex(`cross_payments_${column}`).on("cross_payments").columns([column, "height"]).execute();
  }
  await db.schema.createIndex("cross_payments_height").on("cross_payments").column("height").execute();

  await db.schema
    .createTable("cross_payment_hops")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("leg", "integer", (c) => c.notNull())
    .addColumn("hop", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull())
    .addColumn("shard", "integer", (c) => c.notNull())
    .addColumn("from_side", "integer", (c) => c.notNull())
    .addColumn("from_community", "text", (c) => c.notNull())
    .addColumn("to_community", "text", (c) => c.notNull())
    .addColumn("sent", "bigint", (c) => c.notNull())
    .addColumn("sender_fee", "bigint", (c) => c.notNull())
    .addColumn("converted", "bigint", (c) => c.notNull())
    .addColumn("receiver_fee", "bigint", (c) => c.notNull())
    .addColumn("delivered", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("cross_payment_hops_pk", ["tx_id", "leg", "hop"])
    .execute();
  await db.schema.createIndex("cross_payment_hops_line").on("cross_payment_hops").columns(["line_id", "height"]).execute();
  await db.schema.createIndex("cross_payment_hops_height").on("cross_payment_hops").column("height").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["cross_payment_hops", "cross_payments", "line_events", "gateway_boxes", "line_boxes", "lines"]) await db.schema.dropTable(table).execute();
}
