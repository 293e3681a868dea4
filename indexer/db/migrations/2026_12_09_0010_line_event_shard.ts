/**
 * `line_events.shard`: the shard whose ends a `shard-refreshed` event recreated (both ends, or A's
 * alone when it has no B end; docs/inter-lets.md, the refresh path), null for every other event.
 * Before it such a refresh recorded no line event; rows from before get null, and a database synced
 * before it lists the shard refreshes of later blocks only (a resync lists them all).
 * Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("line_events").addColumn("shard", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("line_events").dropColumn("shard").execute();
}
