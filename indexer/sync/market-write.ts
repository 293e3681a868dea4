/**
 * Writes the marketplace notes of a batch (docs/marketplace.md, "What the indexer takes"): each
 * note is checked against what the database holds before it (listings, payments, reviews), in
 * (height, position, input) order, inside the batch's own database transaction, after the batch's
 * payments are written; so a review of a payment earlier in the same block is taken, and one in
 * the payment's own transaction or before it is not. A note not taken is a `refused_notes` row
 * with its reason. `rollbackMarket` undoes blocks: every row goes with its height, and a listing
 * edited or withdrawn in an undone block is restored from its last event left.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Listing } from "../../contracts/market/listing.ts";
import type { ListingNote, ShopNote } from "../../contracts/market/market-notes.ts";
import type { Review } from "../../contracts/market/review.ts";
import type { Database, ListingColumns, ListingEventRow } from "../db/schema.ts";
import type { MarketNoteEvent } from "./lets-events.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The columns of a listing as written. */
export function listingColumns(l: Listing): ListingColumns {
  return {
    kind: l.kind, title: l.title, description: l.description ?? null, category: l.category, price_type: l.price.type,
    price_units: l.price.type === "negotiable" ? null : l.price.units, lat: l.location?.lat ?? null, lon: l.location?.lon ?? null,
    place: l.location?.place ?? null, contact: l.contact ?? null, expiry_height: l.expiryHeight,
  };
}

const LISTING_FIELDS = ["kind", "title", "description", "category", "price_type", "price_units", "lat", "lon", "place", "contact", "expiry_height"] as const;

/** The listing fields of an event row. */
const fieldsOf = (e: ListingColumns): ListingColumns => Object.fromEntries(LISTING_FIELDS.map((f) => [f, e[f]])) as unknown as ListingColumns;

const EXPIRED = "already expired: its expiryHeight is below the height of the block that carries it";

/** Writes one listing note, or says why not. */
async function writeListing(db: Db, m: MarketNoteEvent, note: ListingNote): Promise<string | undefined> {
  const { site, position } = m;
  const event = { tx_id: site.txId, height: site.height, position, timestamp: BigInt(site.timestamp) };
  if (note.op === "publish") {
    if (note.listing.expiryHeight < site.height) return EXPIRED; // one wording, so /market/refusals counts them together
    const columns = listingColumns(note.listing);
    await db.insertInto("listings").values({
      id: m.boxId, community_id: m.communityId, account_id: m.accountId, ...columns, published_tx_id: site.txId, published_height: site.height,
      published_position: position, published_timestamp: BigInt(site.timestamp), updated_tx_id: site.txId, updated_height: site.height, withdrawn_height: null,
    }).execute();
    await db.insertInto("listing_events").values({ listing_id: m.boxId, ...event, op: "publish", ...columns }).execute();
    return undefined;
  }
  const listing = await db.selectFrom("listings").selectAll().where("id", "=", note.id).executeTakeFirst();
  if (!listing) return "no such listing";
  if (listing.account_id !== m.accountId) return "not the author's listing";
  if (listing.withdrawn_height !== null) return "withdrawn";
  if (note.op === "withdraw") {
    await db.updateTable("listings").set({ withdrawn_height: site.height }).where("id", "=", note.id).execute();
    await db.insertInto("listing_events").values({ listing_id: note.id, ...event, op: "withdraw", ...fieldsOf(listing) }).execute();
    return undefined;
  }
  const columns = listingColumns(note.listing);
  await db.updateTable("listings").set({ ...columns, updated_tx_id: site.txId, updated_height: site.height }).where("id", "=", note.id).execute();
  await db.insertInto("listing_events").values({ listing_id: note.id, ...event, op: "edit", ...columns }).execute();
  return undefined;
}

/** Writes one review, or says why not: the payment must be earlier and have a leg from the reviewer to the payee. */
async function writeReview(db: Db, m: MarketNoteEvent, review: Review, positions: ReadonlyMap<string, number>): Promise<string | undefined> {
  // Only legs that credit their payee (amount > 0): a transaction two members pay in lists the
  // smaller payer as a payee with a negative amount, and a co-payer was paid nothing to review.
  const legs = await db.selectFrom("payments").select(["payer", "payee", "height", "community_id"]).where("tx_id", "=", review.payment).where(sql<boolean>`amount > 0`).execute();
  const earlier = legs.filter((l) => l.height < m.site.height || (l.height === m.site.height && (positions.get(review.payment) ?? Infinity) < m.position));
  if (earlier.length === 0) return "no such payment";
  const leg = earlier.find((l) => l.payer === m.accountId && l.payee === review.payee);
  if (!leg) return "the reviewer did not pay that payee in that payment";
  const taken = await db.selectFrom("reviews").select("tx_id")
    .where("payment_tx_id", "=", review.payment).where("reviewer", "=", m.accountId).where("payee", "=", review.payee).executeTakeFirst();
  if (taken) return "already reviewed";
  await db.insertInto("reviews").values({
    payment_tx_id: review.payment, reviewer: m.accountId, payee: review.payee, community_id: leg.community_id, rating: review.rating, text: review.text ?? null,
    tx_id: m.site.txId, height: m.site.height, position: m.position, timestamp: BigInt(m.site.timestamp),
  }).execute();
  return undefined;
}

/** Writes one shop note (a close is a row too: the newest row per account holds). */
async function writeShop(db: Db, m: MarketNoteEvent, note: ShopNote): Promise<undefined> {
  const shop = note.op === "set" ? note.shop : undefined;
  await db.insertInto("shops").values({
    account_id: m.accountId, tx_id: m.site.txId, height: m.site.height, position: m.position, community_id: m.communityId, closed: shop === undefined,
    name: shop?.name ?? null, address: shop?.address ?? null, lat: shop?.lat ?? null, lon: shop?.lon ?? null, hours: shop?.hours ?? null,
    accepts: (shop?.accepts ?? []).join(","),
  }).execute();
  return undefined;
}

/** Records the listing a payment is for, or says why not: the listing exists, is of the payment's community, and its author is paid. */
async function writeListingRef(db: Db, m: MarketNoteEvent, listingId: string): Promise<string | undefined> {
  // Credited legs only (amount > 0): a co-payer listed with a negative amount is not paid for its listing.
  const legs = await db.selectFrom("payments").select(["payee", "community_id"]).where("tx_id", "=", m.site.txId).where("payer", "=", m.accountId)
    .where(sql<boolean>`amount > 0`).execute();
  if (legs.length === 0) return "a listing reference on a transaction in which this account pays nobody";
  const listing = await db.selectFrom("listings").select(["account_id", "community_id"]).where("id", "=", listingId).executeTakeFirst();
  if (!listing) return "no such listing";
  if (listing.community_id !== legs[0]!.community_id) return "the listing is of another community than the payment";
  if (!legs.some((l) => l.payee === listing.account_id)) return "the listing's author is not paid in this payment";
  await db.insertInto("payment_listings").values({ tx_id: m.site.txId, payer: m.accountId, listing_id: listingId, community_id: listing.community_id, height: m.site.height }).execute();
  return undefined;
}

/** Writes `notes` in order, each checked against the rows before it; `positions` places a block's transactions. */
export async function writeMarketNotes(db: Db, notes: readonly MarketNoteEvent[], positions: ReadonlyMap<string, number>): Promise<void> {
  for (const m of notes) {
    const { body } = m;
    const reason =
      body.kind === "listing" ? await writeListing(db, m, body.listing)
      : body.kind === "review" ? await writeReview(db, m, body.review, positions)
      : body.kind === "shop" ? await writeShop(db, m, body.shop)
      : await writeListingRef(db, m, body.listingId);
    if (reason !== undefined) {
      await db.insertInto("refused_notes").values({ tx_id: m.site.txId, box_id: m.boxId, height: m.site.height, account_id: m.accountId, reason, note: body.kind }).execute();
    }
  }
}

/** A listing's current columns from its events in order (the newest publish or edit; a withdrawal's height). */
function restored(events: readonly ListingEventRow[]) {
  const last = events.filter((e) => e.op !== "withdraw").at(-1)!;
  const withdrawn = events.find((e) => e.op === "withdraw");
  return { ...fieldsOf(last), updated_tx_id: last.tx_id, updated_height: last.height, withdrawn_height: withdrawn?.height ?? null };
}

/** Undoes the marketplace rows of every block at `height` and above. */
export async function rollbackMarket(db: Db, height: number): Promise<void> {
  const touched = await db.selectFrom("listing_events").select("listing_id").distinct().where("height", ">=", height).execute();
  for (const table of ["listing_events", "reviews", "shops", "payment_listings"] as const) await db.deleteFrom(table).where("height", ">=", height).execute();
  await db.deleteFrom("listings").where("published_height", ">=", height).execute();
  for (const { listing_id } of touched) {
    const events = await db.selectFrom("listing_events").selectAll().where("listing_id", "=", listing_id)
      .orderBy("height").orderBy("position").execute();
    if (events.length === 0) continue;
    await db.updateTable("listings").set(restored(events)).where("id", "=", listing_id).execute();
  }
}
