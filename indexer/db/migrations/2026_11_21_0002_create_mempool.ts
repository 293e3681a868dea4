/**
 * The mempool view: what the node's unconfirmed LETS transactions would change, decoded against
 * the confirmed state like a block. One row per account (or community) a transaction touches;
 * the whole table is replaced on every pass, so it never needs undoing. Migrations import no
 * application code.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pending_changes")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("balance_delta", "bigint", (c) => c.notNull())
    .addColumn("new_box_id", "text")
    .addColumn("base_height", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("pending_changes_pk", ["tx_id", "seq"])
    .execute();
  await db.schema.createIndex("pending_changes_account").on("pending_changes").columns(["account_id"]).execute();
  await db.schema.createIndex("pending_changes_community").on("pending_changes").columns(["community_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pending_changes").execute();
}
