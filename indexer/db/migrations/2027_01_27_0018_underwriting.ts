/**
 * Contract version 8, underwriting (docs/underwriting.md): an underwriter's ERG stake that raises one
 * plain account's credit limit. A stake is named by the box id of its offer, which is also the id
 * of the token its acceptance mints.
 * - `underwriting_stakes`: one row per offer: the deal (account, underwriter as a SigmaProp hex,
 *   raise, premium, premium account, stake), its live box (or last one), and its state as the
 *   newest `underwriting_events` row states it (rewritten by the sync, restored from the events
 *   when blocks are undone): offer, active, cancelled, withdrawn, returned or settled (an exit that
 *   paid the committee part of the stake), with the heights of the offer, the acceptance and the
 *   end, and at an exit what the committee and the underwriter received (outputs tagged R4 = stake box id).
 * - `underwriting_boxes`: every underwriting box the sync follows, one row per version (0: the
 *   offer, 1: the accepted stake, then one per refresh). `spent_height` like the other box tables.
 * - `underwriting_events`: what each transaction did to a stake (offered, accepted, refreshed,
 *   cancelled, withdrawn, exited), one row per (transaction, stake).
 * - `account_boxes.backed`, `account_boxes.stake_keys`: a backed account's backing as its terms
 *   state it (the units raised by stakes, and the 16-byte keys of its stakes, comma-separated);
 *   null on an unbacked account. Its base credit limit is credit_limit - backed.
 * Units and nanoERG are numeric. Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("underwriting_stakes")
    .addColumn("stake_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("underwriter", "text", (c) => c.notNull())
    .addColumn("raise", "numeric", (c) => c.notNull())
    .addColumn("premium", "numeric", (c) => c.notNull())
    .addColumn("premium_account_id", "text")
    .addColumn("stake_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("offered_height", "integer", (c) => c.notNull())
    .addColumn("offered_tx_id", "text", (c) => c.notNull())
    .addColumn("offered_timestamp", "bigint", (c) => c.notNull())
    .addColumn("accepted_height", "integer")
    .addColumn("accepted_tx_id", "text")
    .addColumn("ended_height", "integer")
    .addColumn("ended_tx_id", "text")
    .addColumn("exit_kind", "text")
    .addColumn("lost_nano_erg", "numeric")
    .addColumn("returned_nano_erg", "numeric")
    .execute();
  await db.schema.createIndex("underwriting_stakes_community").on("underwriting_stakes").columns(["community_id", "offered_height"]).execute();
  await db.schema.createIndex("underwriting_stakes_account").on("underwriting_stakes").columns(["account_id", "offered_height"]).execute();
  await db.schema.createIndex("underwriting_stakes_underwriter").on("underwriting_stakes").columns(["underwriter", "offered_height"]).execute();

  await db.schema
    .createTable("underwriting_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("stake_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("stake_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("underwriting_boxes_stake").on("underwriting_boxes").columns(["stake_id", "version"]).unique().execute();
  await db.schema.createIndex("underwriting_boxes_height").on("underwriting_boxes").column("height").execute();
  await db.schema.createIndex("underwriting_boxes_spent").on("underwriting_boxes").column("spent_height").execute();

  await db.schema
    .createTable("underwriting_events")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("stake_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("box_id", "text")
    .addColumn("stake_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("exit_kind", "text")
    .addColumn("lost_nano_erg", "numeric")
    .addColumn("returned_nano_erg", "numeric")
    .addPrimaryKeyConstraint("underwriting_events_pk", ["tx_id", "stake_id"])
    .execute();
  await db.schema.createIndex("underwriting_events_stake").on("underwriting_events").columns(["stake_id", "height"]).execute();
  await db.schema.createIndex("underwriting_events_height").on("underwriting_events").column("height").execute();

  await db.schema.alterTable("account_boxes").addColumn("backed", "numeric").execute();
  await db.schema.alterTable("account_boxes").addColumn("stake_keys", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account_boxes").dropColumn("stake_keys").execute();
  await db.schema.alterTable("account_boxes").dropColumn("backed").execute();
  for (const table of ["underwriting_events", "underwriting_boxes", "underwriting_stakes"]) await db.schema.dropTable(table).execute();
}
