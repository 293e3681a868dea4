/**
 * Contract version 9, member governance (docs/governance.md): `community_boxes.governance_id`, the
 * community box's R8, the governance token id once the committee has switched the community to
 * member governance (the community box id at the switch). Null before the switch, and on rows
 * from before it (a resync fills it). Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("community_boxes").addColumn("governance_id", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("community_boxes").dropColumn("governance_id").execute();
}
