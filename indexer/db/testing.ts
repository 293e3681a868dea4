/** Test databases: embedded PGlite, and a fresh PostgreSQL database per test when DATABASE_URL is set. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll } from "vitest";
import { openDatabase } from "./connect.ts";
import type { Database } from "./schema.ts";

/** A database for one test and how to get rid of it. */
export interface TestDatabase {
  db: Kysely<Database>;
  /** The connection URL of a PostgreSQL test database (for another process to open it too). */
  url?: string;
  drop(): Promise<void>;
}

/** The backends every indexer test runs on. */
export const BACKENDS: { name: string; open: () => Promise<TestDatabase> }[] = [
  { name: "PGlite", open: async () => { const db = await openDatabase(); return { db, drop: () => db.destroy() }; } },
  ...(process.env.DATABASE_URL ? [{ name: "PostgreSQL", open: freshPostgres }] : []),
];

async function freshPostgres(): Promise<TestDatabase> {
  const admin = process.env.DATABASE_URL!;
  const name = `lets_test_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      await run(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** Every row of every LETS table in primary-key order, amounts as strings: for row-for-row comparison. */
export async function dump(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const order = {
    blocks: ["height"], communities: ["community_id"], community_boxes: ["box_id"], account_boxes: ["box_id"],
    events: ["tx_id", "seq"], payments: ["tx_id", "leg"], ignored_boxes: ["box_id"], compromises: ["box_id", "community_id", "kind"],
    pending_changes: ["tx_id", "seq"], lines: ["line_id"], line_boxes: ["box_id"], gateway_boxes: ["box_id"], line_events: ["line_id", "tx_id", "seq"],
    cross_payments: ["tx_id", "leg"], cross_payment_hops: ["tx_id", "leg", "hop"], economics_events: ["tx_id", "account_id"],
    batch_boxes: ["box_id"], batches: ["tx_id"], settled_orders: ["tx_id", "leg"], unconfirmed_settlements: ["tx_id", "leg"],
    desks: ["desk_id"], desk_states: ["box_id"], desk_trades: ["tx_id", "desk_id"], desk_events: ["tx_id", "desk_id", "seq"], desk_oracle_boxes: ["box_id"],
    escrows: ["escrow_id"], escrow_boxes: ["box_id"], escrow_orders: ["order_id"],
    underwriting_stakes: ["stake_id"], underwriting_boxes: ["box_id"], underwriting_events: ["tx_id", "stake_id"],
    loans: ["loan_id"], loan_boxes: ["box_id"], loan_bonds: ["box_id"], loan_events: ["loan_id", "tx_id", "seq"],
    governances: ["community_id"], governance_boxes: ["box_id"], proposals: ["proposal_id"], proposal_boxes: ["box_id"], vote_boxes: ["box_id"],
    votes: ["proposal_id", "voter_key"], proposal_events: ["proposal_id", "tx_id"],
  } as const;
  const out: Record<string, unknown[]> = {};
  for (const [table, keys] of Object.entries(order)) {
    let query = db.selectFrom(table as keyof Database).selectAll();
    for (const key of keys) query = query.orderBy(key as never);
    const rows = await query.execute();
    out[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])));
  }
  return out;
}

/**
 * For a `describe` block: opens a fresh database of a backend (`BACKENDS[i].open`) on each call and
 * drops every one it opened after the block.
 */
export function freshDatabases(open: () => Promise<TestDatabase>): () => Promise<Kysely<Database>> {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });
  return async () => {
    const database = await open();
    databases.push(database);
    return database.db;
  };
}
