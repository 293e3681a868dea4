/**
 * The order of the mempool view: `position` is a pending transaction's place in the order the node
 * would apply them (a transaction spending another's unconfirmed output comes after it), so an
 * account's pending changes can be listed as they follow each other and the last one names the box
 * to build on. The rows are rewritten on every mempool pass, so existing rows may start at 0.
 * Migrations import no application code.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("pending_changes").addColumn("position", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("pending_changes").dropColumn("position").execute();
}
