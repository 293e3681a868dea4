/**
 * Contract version 6, the exchange desk (docs/desk.md, issue 17): a member box of its community
 * that sells units for ERG at a governed rate and buys them back.
 * - `desks`: one row per desk, its live box as the newest `desk_states` row states it (rewritten by
 *   the sync as the desk moves, restored from `desk_states` when blocks are undone).
 * - `desk_states`: every desk box, one row per version (0 at the opening): balance, reserve, the
 *   terms in R4, the pending change, the committee, and the last price known at that version; the
 *   live box is the highest version. `spent_height` like the other box tables.
 * - `desk_trades`: one row per buy or sell, with the account, units, nanoERG and the price used.
 * - `desk_events`: openings, deposits, refreshes, withdrawals, announcements (with the terms and
 *   the height they take effect), cancellations, changes written into R4, committee changes.
 * - `desk_oracle_boxes`: the oracle pool boxes the sync saw made whose NFT a desk names, so a
 *   trade's data input (the node sends only its id) gives the price the desk used.
 * Terms and pending changes are JSON text with every number a decimal string; amounts are numeric.
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("desks")
    .addColumn("desk_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("opened_height", "integer", (c) => c.notNull())
    .addColumn("opened_tx_id", "text", (c) => c.notNull())
    .addColumn("terms", "text", (c) => c.notNull())
    .addColumn("pending", "text")
    .addColumn("balance", "numeric", (c) => c.notNull())
    .addColumn("reserve_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("committee", "text", (c) => c.notNull())
    .addColumn("last_price", "numeric")
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_height", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("desks_community").on("desks").column("community_id").execute();
  await db.schema.createIndex("desks_box").on("desks").column("box_id").execute();

  await db.schema
    .createTable("desk_states")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("terms", "text", (c) => c.notNull())
    .addColumn("pending", "text")
    .addColumn("balance", "numeric", (c) => c.notNull())
    .addColumn("reserve_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("committee", "text", (c) => c.notNull())
    .addColumn("last_price", "numeric")
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("desk_states_desk").on("desk_states").columns(["desk_id", "version"]).unique().execute();
  await db.schema.createIndex("desk_states_height").on("desk_states").column("height").execute();
  await db.schema.createIndex("desk_states_spent").on("desk_states").column("spent_height").execute();

  await db.schema
    .createTable("desk_trades")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("units", "numeric", (c) => c.notNull())
    .addColumn("nano_erg", "numeric", (c) => c.notNull())
    .addColumn("price", "numeric")
    .addColumn("oracle_box_id", "text")
    .addColumn("fee_nano_erg", "numeric")
    .addPrimaryKeyConstraint("desk_trades_pk", ["tx_id", "desk_id"])
    .execute();
  await db.schema.createIndex("desk_trades_community").on("desk_trades").columns(["community_id", "height", "position"]).execute();
  await db.schema.createIndex("desk_trades_account").on("desk_trades").columns(["account_id", "height", "position"]).execute();
  await db.schema.createIndex("desk_trades_height").on("desk_trades").column("height").execute();

  await db.schema
    .createTable("desk_events")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("nano_erg", "numeric")
    .addColumn("terms", "text")
    .addColumn("effective_height", "bigint")
    .addColumn("committee", "text")
    .addPrimaryKeyConstraint("desk_events_pk", ["tx_id", "desk_id", "seq"])
    .execute();
  await db.schema.createIndex("desk_events_community").on("desk_events").columns(["community_id", "height", "position"]).execute();
  await db.schema.createIndex("desk_events_height").on("desk_events").column("height").execute();

  await db.schema
    .createTable("desk_oracle_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("nft", "text", (c) => c.notNull())
    .addColumn("nano_erg_per_usd", "numeric", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("desk_oracle_boxes_height").on("desk_oracle_boxes").column("height").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["desk_oracle_boxes", "desk_events", "desk_trades", "desk_states", "desks"]) await db.schema.dropTable(table).execute();
}
