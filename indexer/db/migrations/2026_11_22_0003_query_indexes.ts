/**
 * Indexes the query plans asked for, on a mirror of 10,000 accounts and 200,000 payments:
 * - `events (account_id)`: a closed account (`/accounts/{id}`, by-owner, a community's accounts)
 *   is its closing event, found by account id; without it every lookup scanned all events.
 * - `events_closing`: a community's leaves and defaults (its accounts list), a handful among all
 *   its payments and joins.
 * - `account_boxes_live`: the live accounts of a community with their balances (community totals,
 *   the conservation check on every block), read from a small partial index instead of one heap
 *   page per account among all the boxes ever made. Spent boxes leave it, so it stays small.
 * - `created_height` / `spent_height` / `payments (height)`: undoing a block (`rollbackFrom`)
 *   finds its rows by height instead of scanning every table once per undone block.
 * Migrations import no application code.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("events_account").on("events").columns(["account_id"]).execute();
  await db.schema.createIndex("events_closing").on("events").columns(["community_id"]).where(sql.ref("kind"), "in", ["leave", "default"]).execute();
  await sql`create index account_boxes_live on account_boxes (community_id) include (balance) where spent_height is null`.execute(db);
  await db.schema.createIndex("account_boxes_created").on("account_boxes").columns(["created_height"]).execute();
  await db.schema.createIndex("account_boxes_spent").on("account_boxes").columns(["spent_height"]).where("spent_height", "is not", null).execute();
  await db.schema.createIndex("community_boxes_created").on("community_boxes").columns(["created_height"]).execute();
  await db.schema.createIndex("community_boxes_spent").on("community_boxes").columns(["spent_height"]).where("spent_height", "is not", null).execute();
  await db.schema.createIndex("payments_height").on("payments").columns(["height"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    "payments_height", "community_boxes_spent", "community_boxes_created", "account_boxes_spent", "account_boxes_created",
    "account_boxes_live", "events_closing", "events_account",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
}
