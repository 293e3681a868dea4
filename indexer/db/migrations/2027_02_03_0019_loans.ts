/**
 * ERG loans between an investor, a business and a bank (docs/loans.md): no community token moves,
 * so these tables stand beside the LETS books, outside them.
 * - `loans`: one row per loan, named by its loan token (the offer's first input's id): the
 *   parties (serialized SigmaProps, hex), the terms (tranches and instalments as JSON arrays of
 *   decimal strings, the grace), the offer, and its live (or last) state as the newest
 *   `loan_boxes` row and its events state it (rewritten by the sync, restored when blocks are undone):
 *   `state` offered, funded, repaid, defaulted, cancelled or released.
 * - `loan_boxes`: every loan box, one row per version (0 at the offer).
 * - `loan_bonds`: every bond box of a loan, one row per version (0 at the offer, one more at each claim).
 * - `loan_events`: what each transaction did to a loan: offer, fund, draw (a tranche), repay,
 *   claim (with what the bond paid), release, cancel, rent (a storage-rent spend).
 * Money is numeric; schedule heights are bigint (Long registers). Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("loans")
    .addColumn("loan_id", "text", (c) => c.primaryKey())
    .addColumn("bank", "text", (c) => c.notNull())
    .addColumn("business", "text", (c) => c.notNull())
    .addColumn("investor", "text")
    .addColumn("tranches", "text", (c) => c.notNull())
    .addColumn("instalments", "text", (c) => c.notNull())
    .addColumn("grace_blocks", "bigint", (c) => c.notNull())
    .addColumn("principal_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("total_owed_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("last_due_height", "bigint", (c) => c.notNull())
    .addColumn("offered_height", "integer", (c) => c.notNull())
    .addColumn("offered_tx_id", "text", (c) => c.notNull())
    .addColumn("offered_timestamp", "bigint", (c) => c.notNull())
    .addColumn("bond_posted_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("drawn", "integer", (c) => c.notNull())
    .addColumn("repaid_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("claimed_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("bond_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("bond_paid_out_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("bond_returned_nano_erg", "numeric")
    .addColumn("funded_height", "integer")
    .addColumn("ended_height", "integer")
    .addColumn("ended_tx_id", "text")
    .execute();
  await db.schema.createIndex("loans_bank").on("loans").columns(["bank", "offered_height"]).execute();
  await db.schema.createIndex("loans_business").on("loans").columns(["business", "offered_height"]).execute();
  await db.schema.createIndex("loans_investor").on("loans").columns(["investor", "offered_height"]).execute();
  await db.schema.createIndex("loans_state").on("loans").columns(["state", "offered_height"]).execute();

  await db.schema
    .createTable("loan_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("loan_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("investor", "text")
    .addColumn("drawn", "integer", (c) => c.notNull())
    .addColumn("repaid_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("claimed_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("loan_boxes_loan").on("loan_boxes").columns(["loan_id", "version"]).unique().execute();
  await db.schema.createIndex("loan_boxes_height").on("loan_boxes").column("height").execute();
  await db.schema.createIndex("loan_boxes_spent").on("loan_boxes").column("spent_height").execute();

  await db.schema
    .createTable("loan_bonds")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("loan_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("loan_bonds_loan").on("loan_bonds").columns(["loan_id", "version"]).execute();
  await db.schema.createIndex("loan_bonds_height").on("loan_bonds").column("height").execute();
  await db.schema.createIndex("loan_bonds_spent").on("loan_bonds").column("spent_height").execute();

  await db.schema
    .createTable("loan_events")
    .addColumn("loan_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tranche", "integer")
    .addColumn("amount_nano_erg", "numeric")
    .addColumn("bond_nano_erg", "numeric")
    .addColumn("milestone", "boolean")
    .addPrimaryKeyConstraint("loan_events_pk", ["loan_id", "tx_id", "seq"])
    .execute();
  await db.schema.createIndex("loan_events_height").on("loan_events").column("height").execute();
  await db.schema.createIndex("loan_events_loan").on("loan_events").columns(["loan_id", "height"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["loan_events", "loan_bonds", "loan_boxes", "loans"]) await db.schema.dropTable(table).execute();
}
