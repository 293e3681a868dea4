/**
 * The marketplace search benchmark: 100,000 listings written into the sync's own tables (one
 * community, 2,000 open author accounts, payments and reviews so every author has a reputation),
 * then `GET /listings` through the indexer API listening on a port, timed with a text query, a
 * category filter and a search near a place, and `GET /status` in the same run as the reference.
 * The listings are made by SQL (`generate_series`), deterministically: titles and descriptions from
 * a word list, categories in turn, places spread over a 4 by 8 degree box around London.
 */
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { CATEGORIES } from "../../contracts/market/listing.ts";
import { buildIndexerApi } from "../api/app.ts";
import { quantile } from "./follow-lag.ts";
import type { BenchDatabase } from "./processes.ts";

const WORDS = ["bread", "bike", "repair", "garden", "lessons", "eggs", "honey", "sofa", "lift", "care", "cake", "tools", "room", "guitar", "tutor",
  "apples", "paint", "soap", "shoes", "laptop", "wool", "jam", "plumbing", "yoga", "dog", "walks", "cleaning", "massage", "books", "coffee"];

const COMMUNITY = "c".repeat(64);
const TIP = 100_000;

/** A deterministic pick of `WORDS` for listing number `expr` and a salt, as SQL. */
const word = (salt: number) => sql.raw(`(array[${WORDS.map((w) => `'${w}'`).join(",")}])[1 + ((i * ${salt} + ${salt * 7}) % ${WORDS.length})]`);

/** Writes `listings` listings, their authors and some payments and reviews into a migrated database. */
export async function seedListings(database: BenchDatabase, listings: number, authors = 2_000): Promise<void> {
  const { db } = database;
  const id = (prefix: string) => sql.raw(`lpad(to_hex(i), 62, '0') || '${prefix}'`);
  await sql`insert into blocks (height, block_id, parent_id, timestamp) values (${TIP}, ${"b".repeat(64)}, ${"a".repeat(64)}, 1700000000000)`.execute(db);
  await sql`insert into communities (community_id, genesis_tx_id, created_height) values (${COMMUNITY}, ${"d".repeat(64)}, 1)`.execute(db);
  await sql`insert into account_boxes (box_id, account_id, community_id, tx_id, owner, balance, credit_limit, positive_cap, collateral_nano_erg,
      inactivity_blocks, joined_height, last_active_height, value_nano_erg, created_height, spent_height, creation_height)
    select ${id("b0")}, ${id("a0")}, ${COMMUNITY}, ${id("t0")}, '08cd' || ${id("o0")}, 0, 1000, 0, 0, 100000, 1, 1, 1000000, 1, null, 1
    from generate_series(1, ${authors}::int) i`.execute(db);
  const categories = sql.raw(`(array[${CATEGORIES.map((c) => `'${c}'`).join(",")}])[1 + (i % ${CATEGORIES.length})]`);
  await sql`insert into listings (id, community_id, account_id, kind, title, description, category, price_type, price_units, lat, lon, place, contact,
      expiry_height, published_tx_id, published_height, published_position, published_timestamp, updated_tx_id, updated_height, withdrawn_height)
    select ${id("11")}, ${COMMUNITY}, lpad(to_hex(1 + i % ${authors}::int), 62, '0') || 'a0', case when i % 4 = 0 then 'want' else 'offer' end,
      initcap(${word(7)}) || ' ' || ${word(13)} || ' ' || ${word(29)}, 'Ask about ' || ${word(31)} || ' and ' || ${word(37)} || ', any day',
      ${categories}, 'fixed', 1 + i % 500, 49.5 + (i * 7919 % 40000) / 10000.0, -4 + (i * 104729 % 80000) / 10000.0, null, null,
      ${TIP}::int + 1000 - (i % 1500), ${id("22")}, 1 + i / 10, i % 10, 1700000000000, ${id("22")}, 1 + i / 10, case when i % 50 = 0 then ${TIP}::int else null end
    from generate_series(1::bigint, ${listings}::int) i`.execute(db);
  await sql`insert into payments (tx_id, leg, height, timestamp, community_id, payer, payee, amount)
    select ${id("33")}, 0, 1 + i / 10, 1700000000000, ${COMMUNITY}, lpad(to_hex(1 + i % ${authors}::int), 62, '0') || 'a0',
      lpad(to_hex(1 + (i * 31) % ${authors}::int), 62, '0') || 'a0', 5
    from generate_series(1, ${authors * 10}::int) i`.execute(db);
  await sql`insert into reviews (payment_tx_id, reviewer, payee, community_id, rating, text, tx_id, height, position, timestamp)
    select p.tx_id, p.payer, p.payee, p.community_id, 1 + (p.height % 5), null, p.tx_id, p.height + 1, 0, 1700000000000
    from payments p where p.leg = 0 and p.payer <> p.payee and p.height % 2 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

/** Median and p90 ms of `runs` GETs of `url` (after `warmups`), and the answer's total. */
async function time(url: string, runs: number, warmups: number): Promise<{ medianMs: number; p90Ms: number; total: number | null }> {
  let total: number | null = null;
  const ms: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const started = performance.now();
    const response = await fetch(url);
    const body = (await response.json()) as { total?: number };
    if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    if (i >= warmups) ms.push(performance.now() - started);
    total = body.total ?? null;
  }
  ms.sort((a, b) => a - b);
  return { medianMs: Number(quantile(ms, 0.5).toFixed(2)), p90Ms: Number(quantile(ms, 0.9).toFixed(2)), total };
}

/** The queries timed, by name: what a member's search page asks. */
export const SEARCHES = {
  text: "/listings?q=bread&limit=50",
  category: "/listings?category=food&limit=50",
  near: "/listings?near=51.5,-0.1&radiusKm=10&limit=50",
  textInCommunityNearby: `/listings?q=bike&community=${COMMUNITY}&near=51.5,-0.1&radiusKm=25&limit=50`,
} as const;

/** Seeds `listings` listings into `database`, then times each search and GET /status through the API on a port. */
export async function measureSearch(database: BenchDatabase, listings: number, runs = 50, warmups = 5) {
  const seedStarted = performance.now();
  await seedListings(database, listings);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const app = buildIndexerApi({ db: database.db });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const searches: Record<string, { url: string; medianMs: number; p90Ms: number; total: number | null }> = {};
    for (const [name, path] of Object.entries(SEARCHES)) searches[name] = { url: path, ...(await time(base + path, runs, warmups)) };
    const reference = { url: "/status", ...(await time(`${base}/status`, runs, warmups)) };
    return { target: database.kind, listings, seedSeconds: Number(seedSeconds.toFixed(1)), runs, searches, reference, goalMedianMs: 50 };
  } finally {
    await app.close();
  }
}
