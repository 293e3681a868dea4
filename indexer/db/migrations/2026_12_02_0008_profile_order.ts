/**
 * `profiles.position`: the place in its block of the transaction that set the profile. Two profile
 * changes of one account in one block are chained (the second spends the account box the first
 * made), so the block's order is the owner's order; ordering by (height, position) shows the one
 * set last, where (height, tx_id) picked by the transaction id. Rows from before get 0.
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profiles").addColumn("position", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profiles").dropColumn("position").execute();
}
