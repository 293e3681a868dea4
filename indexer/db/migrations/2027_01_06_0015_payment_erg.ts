/**
 * Mixed payments (units and ERG to the same payee in one transaction): `payments.erg_nano_erg`,
 * the nanoERG a payee's owner received beside the units (numeric, exact). Written 0 when none and
 * on a batch settlement's legs; null on rows from before it (a resync fills them). It goes back
 * with its row, which goes back with its block by height. Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payments").addColumn("erg_nano_erg", "numeric").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payments").dropColumn("erg_nano_erg").execute();
}
