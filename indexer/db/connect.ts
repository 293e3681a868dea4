/**
 * Opens the database: PostgreSQL when `databaseUrl` is given (`DATABASE_URL`), otherwise embedded
 * PGlite (in a directory, or in memory), and migrates it to the latest schema.
 */
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from "kysely";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "./schema.ts";
import * as createLetsTables from "./migrations/2026_11_21_0001_create_lets_tables.ts";
import * as createMempool from "./migrations/2026_11_21_0002_create_mempool.ts";
import * as queryIndexes from "./migrations/2026_11_22_0003_query_indexes.ts";
import * as pendingOrder from "./migrations/2026_11_22_0004_pending_order.ts";
import * as liveOwnerAndClosingIndexes from "./migrations/2026_12_02_0005_live_owner_and_closing_indexes.ts";
import * as compromises from "./migrations/2026_12_02_0006_compromises.ts";
import * as notesAndProfiles from "./migrations/2026_12_02_0007_notes_and_profiles.ts";
import * as profileOrder from "./migrations/2026_12_02_0008_profile_order.ts";
import * as tradeLines from "./migrations/2026_12_09_0009_trade_lines.ts";
import * as lineEventShard from "./migrations/2026_12_09_0010_line_event_shard.ts";
import * as economics from "./migrations/2026_12_16_0011_economics.ts";
import * as accountNextSeq from "./migrations/2026_12_23_0012_account_next_seq.ts";
import * as batchSettlement from "./migrations/2026_12_23_0013_batch_settlement.ts";
import * as marketplace from "./migrations/2026_12_30_0014_marketplace.ts";
import * as paymentErg from "./migrations/2027_01_06_0015_payment_erg.ts";
import * as exchangeDesk from "./migrations/2027_01_13_0016_exchange_desk.ts";
import * as escrows from "./migrations/2027_01_20_0017_escrows.ts";
import * as underwriting from "./migrations/2027_01_27_0018_underwriting.ts";
import * as loans from "./migrations/2027_02_03_0019_loans.ts";
import * as communityGovernanceId from "./migrations/2027_02_10_0020_community_governance_id.ts";
import * as governance from "./migrations/2027_02_17_0021_governance.ts";

/** Every migration, in order; a new one is one more line. */
const MIGRATIONS: Record<string, Migration> = {
  "2026_11_21_0001_create_lets_tables": createLetsTables,
  "2026_11_21_0002_create_mempool": createMempool,
  "2026_11_22_0003_query_indexes": queryIndexes,
  "2026_11_22_0004_pending_order": pendingOrder,
  "2026_12_02_0005_live_owner_and_closing_indexes": liveOwnerAndClosingIndexes,
  "2026_12_02_0006_compromises": compromises,
  "2026_12_02_0007_notes_and_profiles": notesAndProfiles,
  "2026_12_02_0008_profile_order": profileOrder,
  "2026_12_09_0009_trade_lines": tradeLines,
  "2026_12_09_0010_line_event_shard": lineEventShard,
  "2026_12_16_0011_economics": economics,
  "2026_12_23_0012_account_next_seq": accountNextSeq,
  "2026_12_23_0013_batch_settlement": batchSettlement,
  "2026_12_30_0014_marketplace": marketplace,
  "2027_01_06_0015_payment_erg": paymentErg,
  "2027_01_13_0016_exchange_desk": exchangeDesk,
  "2027_01_20_0017_escrows": escrows,
  "2027_01_27_0018_underwriting": underwriting,
  "2027_02_03_0019_loans": loans,
  "2027_02_10_0020_community_governance_id": communityGovernanceId,
  "2027_02_17_0021_governance": governance,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface DatabaseOptions {
  /** `postgres://...`; without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; without it PGlite runs in memory. */
  dataDir?: string;
}

/**
 * A pool whose broken connections fail their next query instead of the process: a connection the
 * server closes (restart, `pg_terminate_backend`) emits 'error' on its client, and on the pool if
 * it was idle; with no listener, Node would throw it. The pool drops such a client; a checked-out
 * one (the writer lock's) fails its next query, and the sync loop reports that.
 */
function postgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const ignore = () => undefined;
  pool.on("error", ignore);
  pool.on("connect", (client) => client.on("error", ignore));
  return pool;
}

/** Opens and migrates the database. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Kysely<Database>> {
  const dialect = options.databaseUrl ? new PostgresDialect({ pool: postgresPool(options.databaseUrl) }) : new PGliteDialect(new PGlite(options.dataDir));
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Runs every migration not yet applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Undoes the last `steps` migrations, by default all of them (tests of `down`). */
export async function migrateDown(db: Kysely<Database>, steps = Object.keys(MIGRATIONS).length): Promise<void> {
  const migrator = new Migrator({ db, provider });
  for (let i = 0; i < steps; i++) {
    const { error } = await migrator.migrateDown();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }
}
