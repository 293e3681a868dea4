/**
 * The marketplace (docs/marketplace.md): notes members write on their own signed account inputs.
 * - `listings`: every listing published, as it stands now (the newest publish or edit, withdrawn or
 *   not), with a stored `search` tsvector ('simple' config: no stemming) over title and
 *   description, a GIN index on it, and `(lat, lon)` for the bounding box of a search near a place.
 * - `listing_events`: every publish, edit and withdrawal, each with the whole listing after it, so
 *   undoing a block restores a listing from its last event left.
 * - `reviews`: the first review of each payment leg (payment, reviewer, payee).
 * - `shops`: every shop note per account (set or close); the newest by (height, position) holds.
 * - `payment_listings`: the listing a payer said its payment is for.
 * - `refused_notes.note`: which marketplace note a refusal is of (listing, review, shop,
 *   listing-ref), null for memos and profiles.
 * Everything goes back with its block by height. Migrations import no application code.
 */
import { sql, type CreateTableBuilder, type Kysely } from "kysely";

const listingColumns = (table: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> => table
  .addColumn("kind", "text", (c) => c.notNull())
  .addColumn("title", "text", (c) => c.notNull())
  .addColumn("description", "text")
  .addColumn("category", "text", (c) => c.notNull())
  .addColumn("price_type", "text", (c) => c.notNull())
  .addColumn("price_units", "numeric")
  .addColumn("lat", "double precision")
  .addColumn("lon", "double precision")
  .addColumn("place", "text")
  .addColumn("contact", "text")
  .addColumn("expiry_height", "integer", (c) => c.notNull());

export async function up(db: Kysely<any>): Promise<void> {
  await listingColumns(db.schema.createTable("listings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull()))
    .addColumn("published_tx_id", "text", (c) => c.notNull())
    .addColumn("published_height", "integer", (c) => c.notNull())
    .addColumn("published_position", "integer", (c) => c.notNull())
    .addColumn("published_timestamp", "bigint", (c) => c.notNull())
    .addColumn("updated_tx_id", "text", (c) => c.notNull())
    .addColumn("updated_height", "integer", (c) => c.notNull())
    .addColumn("withdrawn_height", "integer")
    .addColumn("search", sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, title || ' ' || coalesce(description, ''))`).stored())
    .execute();
  await sql`create index listings_search on listings using gin (search)`.execute(db);
  await db.schema.createIndex("listings_place").on("listings").columns(["lat", "lon"]).execute();
  await db.schema.createIndex("listings_newest").on("listings").columns(["published_height", "published_position"]).execute();
  await db.schema.createIndex("listings_community").on("listings").columns(["community_id", "category"]).execute();
  await db.schema.createIndex("listings_category").on("listings").columns(["category", "published_height"]).execute();
  await db.schema.createIndex("listings_account").on("listings").columns(["account_id"]).execute();
  await db.schema.createIndex("listings_updated").on("listings").columns(["updated_height"]).execute();

  await listingColumns(db.schema.createTable("listing_events")
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("op", "text", (c) => c.notNull()))
    .addPrimaryKeyConstraint("listing_events_pk", ["listing_id", "tx_id"])
    .execute();
  await db.schema.createIndex("listing_events_height").on("listing_events").column("height").execute();

  await db.schema
    .createTable("reviews")
    .addColumn("payment_tx_id", "text", (c) => c.notNull())
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("text", "text")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reviews_pk", ["payment_tx_id", "reviewer", "payee"])
    .execute();
  await db.schema.createIndex("reviews_payee").on("reviews").columns(["payee", "height"]).execute();
  await db.schema.createIndex("reviews_height").on("reviews").column("height").execute();

  await db.schema
    .createTable("shops")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("closed", "boolean", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("address", "text")
    .addColumn("lat", "double precision")
    .addColumn("lon", "double precision")
    .addColumn("hours", "text")
    .addColumn("accepts", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("shops_pk", ["account_id", "tx_id"])
    .execute();
  await db.schema.createIndex("shops_height").on("shops").column("height").execute();

  await db.schema
    .createTable("payment_listings")
    .addColumn("tx_id", "text", (c) => c.notNull())
    .addColumn("payer", "text", (c) => c.notNull())
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("payment_listings_pk", ["tx_id", "payer"])
    .execute();
  await db.schema.createIndex("payment_listings_listing").on("payment_listings").column("listing_id").execute();
  await db.schema.createIndex("payment_listings_height").on("payment_listings").column("height").execute();

  await db.schema.alterTable("refused_notes").addColumn("note", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("refused_notes").dropColumn("note").execute();
  for (const table of ["payment_listings", "shops", "reviews", "listing_events", "listings"]) await db.schema.dropTable(table).execute();
}
