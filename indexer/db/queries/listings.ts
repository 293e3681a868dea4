/**
 * Listings (docs/marketplace.md, "Search"): text search on the stored `search` tsvector
 * (`websearch_to_tsquery('simple', q)`, GIN index), filters, and a search near a place (a bounding
 * box on `(lat, lon)`, then the great-circle distance). A listing is active while it is not
 * withdrawn, the indexed height is at most its `expiryHeight`, and its author's account is open.
 * Each listing carries its author's name and reputation (reputation.ts).
 */
import { sql, type RawBuilder } from "kysely";
import { accountExists, type Db, type Page, type Paged } from "./common.ts";
import { reputations, type ReputationView } from "./reputation.ts";

export type ListingStatus = "active" | "expired" | "withdrawn" | "author-left";

/** A listing as the API shows it. */
export interface ListingView {
  id: string;
  communityId: string;
  accountId: string;
  authorName: string | null;
  kind: string;
  title: string;
  description: string | null;
  category: string;
  price: { type: string; units: string | null };
  location: { lat: number; lon: number; place: string | null } | null;
  contact: string | null;
  expiryHeight: number;
  status: ListingStatus;
  publishedTxId: string;
  publishedHeight: number;
  updatedTxId: string;
  updatedHeight: number;
  /** The block time of its publication (ms). */
  timestamp: number;
  /** From the `near` point, when searched near one. */
  distanceKm: number | null;
  reputation: Omit<ReputationView, "reviewers">;
}

/** What a listing search asks for. */
export interface ListingSearch {
  q?: string;
  communityId?: string;
  category?: string;
  kind?: string;
  author?: string;
  near?: { lat: number; lon: number; radiusKm: number };
  status: "active" | "all";
}

/** Mean radius of the Earth, km. */
const EARTH_KM = 6371.0088;
/** Km per degree of latitude. */
const KM_PER_DEGREE = (Math.PI * EARTH_KM) / 180;

/** The indexed height (0 before the first block). */
export async function indexedHeight(db: Db): Promise<number> {
  const row = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
  return row?.height ?? 0;
}

const authorOpen = sql<boolean>`exists (select 1 from account_boxes b where b.account_id = l.account_id and b.spent_height is null)`;

/** SQL: whether listing `l` is active at `tip`. */
export const isActive = (tip: number, alias = "l") =>
  sql<boolean>`(${sql.ref(`${alias}.withdrawn_height`)} is null and ${sql.ref(`${alias}.expiry_height`)} >= ${tip}
    and exists (select 1 from account_boxes b where b.account_id = ${sql.ref(`${alias}.account_id`)} and b.spent_height is null))`;

/** SQL: the great-circle distance in km from listing `l` to a point. */
const distance = (lat: number, lon: number) =>
  sql<number>`(${EARTH_KM}::float8 * 2 * asin(sqrt(power(sin(radians(l.lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(l.lat)) * power(sin(radians(l.lon - ${lon}::float8) / 2), 2))))`;

/** The bounding box of a circle, as conditions on `(lat, lon)` (no longitude bound where it would wrap or near a pole). */
function boundingBox(lat: number, lon: number, radiusKm: number): RawBuilder<boolean>[] {
  const dLat = radiusKm / KM_PER_DEGREE;
  const conditions = [sql<boolean>`l.lat between ${lat - dLat}::float8 and ${lat + dLat}::float8`];
  const cos = Math.cos((Math.min(90, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLon = cos > 1e-9 ? radiusKm / (KM_PER_DEGREE * cos) : Infinity;
  if (lon - dLon >= -180 && lon + dLon <= 180) conditions.push(sql<boolean>`l.lon between ${lon - dLon}::float8 and ${lon + dLon}::float8`);
  return conditions;
}

type Row = {
  id: string; community_id: string; account_id: string; author_name: string | null; kind: string; title: string; description: string | null;
  category: string; price_type: string; price_units: string | null; lat: number | null; lon: number | null; place: string | null; contact: string | null;
  expiry_height: number; status: ListingStatus; published_tx_id: string; published_height: number; updated_tx_id: string; updated_height: number;
  timestamp: string; distance_km: number | null;
};

/** The select list of a listing row at `tip`, with the distance expression (or null). */
const columns = (tip: number, distanceKm: RawBuilder<number | null>) => sql`l.id, l.community_id, l.account_id, l.kind, l.title, l.description, l.category,
  l.price_type, l.price_units::text as price_units, l.lat, l.lon, l.place, l.contact, l.expiry_height, l.published_tx_id, l.published_height,
  l.updated_tx_id, l.updated_height, l.published_timestamp::text as timestamp, ${distanceKm} as distance_km,
  (select p.name from profiles p where p.account_id = l.account_id order by p.height desc, p.position desc, p.tx_id desc limit 1) as author_name,
  case when l.withdrawn_height is not null then 'withdrawn' when not ${authorOpen} then 'author-left'
    when l.expiry_height < ${tip} then 'expired' else 'active' end as status`;

/** Listing views of `rows`, each with its author's reputation. */
async function views(db: Db, rows: Row[]): Promise<ListingView[]> {
  const reputation = await reputations(db, rows.map((r) => r.account_id));
  return rows.map((r) => {
    const { score, mean, count } = reputation.get(r.account_id)!;
    return {
      id: r.id, communityId: r.community_id, accountId: r.account_id, authorName: r.author_name, kind: r.kind, title: r.title, description: r.description,
      category: r.category, price: { type: r.price_type, units: r.price_units }, location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon, place: r.place },
      contact: r.contact, expiryHeight: r.expiry_height, status: r.status, publishedTxId: r.published_tx_id, publishedHeight: r.published_height,
      updatedTxId: r.updated_tx_id, updatedHeight: r.updated_height, timestamp: Number(r.timestamp),
      distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 1000) / 1000, reputation: { score, mean, count },
    };
  });
}

/** The order of a page's rows, by the columns `page` selects (`p.` before each outside it). */
function pageOrder(by: "rank" | "distance" | "newest", p = ""): RawBuilder<unknown> {
  const newest = `${p}published_height desc, ${p}published_position desc, ${p}id`;
  return sql.raw(by === "rank" ? `${p}rank desc, ${newest}` : by === "distance" ? `${p}distance_km, ${newest}` : newest);
}

/**
 * Listings matching `search`: by rank with `q`, else nearest first with `near`, else newest first.
 * The page's ids are chosen first and only its rows get their author's name and status, so a
 * query matching thousands of listings does not compute them for every match.
 */
export async function searchListings(db: Db, search: ListingSearch, page: Page): Promise<Paged<ListingView>> {
  const tip = await indexedHeight(db);
  const where: RawBuilder<boolean>[] = [];
  const tsQuery = search.q === undefined ? undefined : sql`websearch_to_tsquery('simple', ${search.q})`;
  if (tsQuery) where.push(sql<boolean>`l.search @@ ${tsQuery}`);
  if (search.communityId) where.push(sql<boolean>`l.community_id = ${search.communityId}`);
  if (search.category) where.push(sql<boolean>`l.category = ${search.category}`);
  if (search.kind) where.push(sql<boolean>`l.kind = ${search.kind}`);
  if (search.author) where.push(sql<boolean>`l.account_id = ${search.author}`);
  if (search.status === "active") where.push(isActive(tip));
  const { near } = search;
  const distanceKm = near ? distance(near.lat, near.lon) : sql<null>`null::float8`;
  if (near) where.push(...boundingBox(near.lat, near.lon, near.radiusKm), sql<boolean>`${distanceKm} <= ${near.radiusKm}::float8`);
  const condition = where.length === 0 ? sql`true` : sql.join(where, sql` and `);
  const by = tsQuery ? "rank" : near ? "distance" : "newest";
  const rank = tsQuery ? sql`ts_rank(l.search, ${tsQuery})` : sql`0::real`;
  // Ranked or by distance, every match is read anyway and the window counts them on the way; newest
  // first, an index in that order stops at the page, and the count is a query of its own.
  const counting = by === "newest" ? sql`null::int` : sql`count(*) over ()`;
  const { rows } = await sql<Row & { total: number | null }>`with page as (
      select l.id, ${rank} as rank, ${distanceKm} as distance_km, l.published_height, l.published_position, ${counting} as total
      from listings l where ${condition} order by ${pageOrder(by)} limit ${page.limit} offset ${page.offset})
    select ${columns(tip, sql`p.distance_km`)}, p.total::int as total from page p join listings l on l.id = p.id order by ${pageOrder(by, "p.")}`.execute(db);
  const counted = rows[0]?.total ?? (by !== "newest" && page.offset === 0 ? 0 : undefined);
  const total = counted ?? (await sql<{ n: number }>`select count(*)::int as n from listings l where ${condition}`.execute(db)).rows[0]!.n;
  return { total, items: await views(db, rows) };
}

/** One listing, whatever its status; undefined when unknown. */
export async function getListing(db: Db, id: string): Promise<ListingView | undefined> {
  const tip = await indexedHeight(db);
  const { rows } = await sql<Row>`select ${columns(tip, sql`null::float8`)} from listings l where l.id = ${id}`.execute(db);
  return rows.length === 0 ? undefined : (await views(db, rows))[0];
}

/** Every listing of an account, newest first; undefined when the account is unknown. */
export async function accountListings(db: Db, accountId: string, page: Page): Promise<Paged<ListingView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  return searchListings(db, { author: accountId, status: "all" }, page);
}

/** Listing views by id, in the order given. */
export async function listingsById(db: Db, ids: readonly string[]): Promise<Map<string, ListingView>> {
  if (ids.length === 0) return new Map();
  const tip = await indexedHeight(db);
  const { rows } = await sql<Row>`select ${columns(tip, sql`null::float8`)} from listings l where l.id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return new Map((await views(db, rows)).map((v) => [v.id, v]));
}

/** A payment leg that said it pays for a listing. */
export interface ListingPaymentView {
  txId: string;
  leg: number;
  payer: string;
  payee: string;
  amount: string;
  height: number;
  timestamp: number;
}

/** The payment legs whose payer said they pay for listing `id`, newest first; undefined when the listing is unknown. */
export async function listingPayments(db: Db, id: string, page: Page): Promise<Paged<ListingPaymentView> | undefined> {
  if (!(await db.selectFrom("listings").select("id").where("id", "=", id).executeTakeFirst())) return undefined;
  const legs = db.selectFrom("payment_listings as pl").innerJoin("payments as p", (j) => j.onRef("p.tx_id", "=", "pl.tx_id").onRef("p.payer", "=", "pl.payer"))
    .where("pl.listing_id", "=", id);
  const { total } = await legs.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  const rows = await legs.select(["p.tx_id", "p.leg", "p.payer", "p.payee", sql<string>`p.amount::text`.as("amount"), "p.height", sql<string>`p.timestamp::text`.as("timestamp")])
    .orderBy("p.height", "desc").orderBy("p.tx_id").orderBy("p.leg").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => ({ txId: r.tx_id, leg: r.leg, payer: r.payer, payee: r.payee, amount: r.amount, height: r.height, timestamp: Number(r.timestamp) })) };
}
