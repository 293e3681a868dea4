/**
 * Contract version 4, community economics (docs/economics.md):
 * - `community_boxes`: the levers of an economics community's policy (R4 values 6..16), null in a
 *   plain community: demurrage_ppm, demurrage_period, fee_bps, fee_min, turnover_ppm, step_units,
 *   step_blocks, max_credit_limit, newcomer_blocks, allowance, sweep_min.
 * - `account_boxes`: the levers an economics account fixed at join (R6 values 5..13) and its R9
 *   state (accrued, charged_height, received, allowance, carry), null on a plain account.
 * - `economics_events`: what each transaction charged an economics account or moved between it
 *   and its community (fee, demurrage, allowance used, issued, returned, charges collected into
 *   the community balance), one row per account and transaction; rolled back by height.
 * Every amount is bigint (64-bit, like the registers). Migrations import no application code.
 */
import { type Kysely } from "kysely";

const communityLevers = [
  "demurrage_ppm", "demurrage_period", "fee_bps", "fee_min", "turnover_ppm", "step_units", "step_blocks", "max_credit_limit",
  "newcomer_blocks", "allowance", "sweep_min",
];
const accountColumns = [
  "demurrage_ppm", "demurrage_period", "fee_bps", "fee_min", "turnover_ppm", "step_units", "step_blocks", "max_credit_limit",
  "newcomer_blocks", "accrued", "charged_height", "received", "allowance", "carry",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of communityLevers) await db.schema.alterTable("community_boxes").addColumn(column, "bigint").execute();
  for (const column of accountColumns) await db.schema.alterTable("account_boxes").addColumn(column, "bigint").execute();

  let events = db.schema
    .createTable("economics_events")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull());
  for (const column of ["fee", "demurrage", "allowance_used", "allowance_issued", "allowance_returned", "collected"]) {
    events = events.addColumn(column, "bigint", (c) => c.notNull());
  }
  await events.addPrimaryKeyConstraint("economics_events_pk", ["tx_id", "account_id"]).execute();
  await db.schema.createIndex("economics_events_community").on("economics_events").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("economics_events_account").on("economics_events").columns(["account_id", "height"]).execute();
  await db.schema.createIndex("economics_events_height").on("economics_events").column("height").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("economics_events").execute();
  for (const column of accountColumns) await db.schema.alterTable("account_boxes").dropColumn(column).execute();
  for (const column of communityLevers) await db.schema.alterTable("community_boxes").dropColumn(column).execute();
}
