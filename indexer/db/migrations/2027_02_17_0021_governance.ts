/**
 * Member governance (contract version 9, docs/governance.md): the switch, proposals, votes, tallies
 * and outcomes, beside the LETS books (no community unit moves in them).
 * - `governances`: one row per switched community: its governance token, the switch, how many units
 *   it minted and how many of them went anywhere but the governance box (`misplaced`: a committee
 *   that kept a unit could govern alone; the API flags it).
 * - `governance_boxes`: every governance box, one row per version (0 at the switch, one unit fewer at
 *   each proposal).
 * - `proposals`: one row per proposal, named by its token (the governance box it spent): what it
 *   proposes (`change`, JSON with decimal strings), the rules copied when it opened, the proposer
 *   (serialized SigmaProp, hex) and deposit, and its live (or last) state as its newest
 *   `proposal_boxes` row, its votes and its events state it (rewritten by the sync, restored when
 *   blocks are undone): counts, cursor, votes cast and counted, and the outcome once closed
 *   (executed, refunded, vetoed, forfeited, or lost to storage rent).
 * - `proposal_boxes`: every proposal box, one row per version (one more at each tally step).
 * - `vote_boxes`: every box of a proposal's vote list (the head, key -1, and one per vote), one row
 *   per version (a box is remade when a vote splits its gap).
 * - `votes`: one row per vote cast, by the voter's key (the first 24 bytes of the accountId, hex),
 *   with the account it matched, its choice, and the tally step that counted it.
 * - `proposal_events`: what each transaction did to a proposal: propose, tally (with the votes it
 *   counted), execute, refund, veto, forfeit, rent.
 * Money and vote units are numeric; keys and the cursor (up to 2^192) too. Migrations import no application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("governances")
    .addColumn("community_id", "text", (c) => c.primaryKey())
    .addColumn("governance_id", "text", (c) => c.notNull().unique())
    .addColumn("switch_tx_id", "text", (c) => c.notNull())
    .addColumn("switch_height", "integer", (c) => c.notNull())
    .addColumn("switch_timestamp", "bigint", (c) => c.notNull())
    .addColumn("minted", "numeric", (c) => c.notNull())
    .addColumn("misplaced", "numeric", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("governances_height").on("governances").column("switch_height").execute();

  await db.schema
    .createTable("governance_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("governance_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("remaining", "numeric", (c) => c.notNull())
    .addColumn("quorum_ppm", "bigint", (c) => c.notNull())
    .addColumn("majority_ppm", "bigint", (c) => c.notNull())
    .addColumn("deposit_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("min_window_blocks", "bigint", (c) => c.notNull())
    .addColumn("max_window_blocks", "bigint", (c) => c.notNull())
    .addColumn("veto_blocks", "bigint", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("governance_boxes_community").on("governance_boxes").columns(["community_id", "height"]).execute();
  await db.schema.createIndex("governance_boxes_height").on("governance_boxes").column("height").execute();
  await db.schema.createIndex("governance_boxes_spent").on("governance_boxes").column("spent_height").execute();

  await db.schema
    .createTable("proposals")
    .addColumn("proposal_id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("governance_id", "text", (c) => c.notNull())
    .addColumn("proposer", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("opened_height", "bigint", (c) => c.notNull())
    .addColumn("end_height", "bigint", (c) => c.notNull())
    .addColumn("seats", "bigint", (c) => c.notNull())
    .addColumn("quorum_ppm", "bigint", (c) => c.notNull())
    .addColumn("majority_ppm", "bigint", (c) => c.notNull())
    .addColumn("veto_blocks", "bigint", (c) => c.notNull())
    .addColumn("deposit_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("proposed_tx_id", "text", (c) => c.notNull())
    .addColumn("proposed_height", "integer", (c) => c.notNull())
    .addColumn("proposed_timestamp", "bigint", (c) => c.notNull())
    .addColumn("box_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("votes_for", "numeric", (c) => c.notNull())
    .addColumn("votes_against", "numeric", (c) => c.notNull())
    .addColumn("votes_abstain", "numeric", (c) => c.notNull())
    .addColumn("cursor", "numeric", (c) => c.notNull())
    .addColumn("votes_cast", "integer", (c) => c.notNull())
    .addColumn("votes_counted", "integer", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("outcome_tx_id", "text")
    .addColumn("outcome_height", "integer")
    .execute();
  await db.schema.createIndex("proposals_community").on("proposals").columns(["community_id", "proposed_height"]).execute();
  await db.schema.createIndex("proposals_height").on("proposals").column("proposed_height").execute();

  await db.schema
    .createTable("proposal_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("votes_for", "numeric", (c) => c.notNull())
    .addColumn("votes_against", "numeric", (c) => c.notNull())
    .addColumn("votes_abstain", "numeric", (c) => c.notNull())
    .addColumn("cursor", "numeric", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("proposal_boxes_proposal").on("proposal_boxes").columns(["proposal_id", "version"]).unique().execute();
  await db.schema.createIndex("proposal_boxes_height").on("proposal_boxes").column("height").execute();
  await db.schema.createIndex("proposal_boxes_spent").on("proposal_boxes").column("spent_height").execute();

  await db.schema
    .createTable("vote_boxes")
    .addColumn("box_id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull())
    .addColumn("vote_key", "numeric", (c) => c.notNull())
    .addColumn("next_key", "numeric", (c) => c.notNull())
    .addColumn("choice", "text")
    .addColumn("units", "numeric", (c) => c.notNull())
    .addColumn("value_nano_erg", "numeric", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("creation_height", "integer", (c) => c.notNull())
    .addColumn("spent_height", "integer")
    .execute();
  await db.schema.createIndex("vote_boxes_proposal").on("vote_boxes").columns(["proposal_id", "vote_key"]).execute();
  await db.schema.createIndex("vote_boxes_height").on("vote_boxes").column("height").execute();
  await db.schema.createIndex("vote_boxes_spent").on("vote_boxes").column("spent_height").execute();

  await db.schema
    .createTable("votes")
    .addColumn("proposal_id", "text", (c) => c.notNull())
    .addColumn("voter_key", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("counted_tx_id", "text")
    .addColumn("counted_height", "integer")
    .addPrimaryKeyConstraint("votes_pk", ["proposal_id", "voter_key"])
    .execute();
  await db.schema.createIndex("votes_height").on("votes").column("height").execute();
  await db.schema.createIndex("votes_account").on("votes").columns(["account_id", "height"]).execute();

  await db.schema
    .createTable("proposal_events")
    .addColumn("proposal_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("votes_counted", "integer")
    .addColumn("amount_nano_erg", "numeric")
    .addPrimaryKeyConstraint("proposal_events_pk", ["proposal_id", "tx_id"])
    .execute();
  await db.schema.createIndex("proposal_events_height").on("proposal_events").column("height").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["proposal_events", "votes", "vote_boxes", "proposal_boxes", "proposals", "governance_boxes", "governances"]) await db.schema.dropTable(table).execute();
}
