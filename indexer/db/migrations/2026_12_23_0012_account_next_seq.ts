/**
 * Contract version 5, batch settlement of signed payment orders (docs/batches.md):
 * `account_boxes.next_seq`, a plain account's R9, the sequence number of its owner's next payment
 * order (0 at join; a batch raises it past the orders it settles, the owner raises it to revoke
 * unsettled ones; never lowered). Null on an economics account (its R9 is the economics state)
 * and on rows from before it (plain boxes of version 4 and earlier had no R9; a resync fills it).
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account_boxes").addColumn("next_seq", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account_boxes").dropColumn("next_seq").execute();
}
