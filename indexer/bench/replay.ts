/**
 * The catch-up measurement: the real sync loop (`startSync`, as `lets index` runs it) from an empty
 * database to the node's tip, then the reference: the very rows it wrote, inserted into a fresh
 * database of the same kind (same schema and indexes) with plain multi-row INSERTs.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { silentLogger } from "../log.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { startSync } from "../sync/loop.ts";
import { waitForHeight } from "../wait.ts";
import { BackendCpu, ownCpuMs, processCpuMs } from "./cpu.ts";
import type { BenchDatabase } from "./processes.ts";

/** The mirror's tables in an order that inserts cleanly. */
const TABLES = ["blocks", "communities", "community_boxes", "account_boxes", "events", "payments", "ignored_boxes"] as const;
type Table = (typeof TABLES)[number];
/** Rows per INSERT of the reference (at most 17 columns: far below PostgreSQL's 65,535 parameters). */
const REFERENCE_ROWS_PER_INSERT = 1_000;

/** CPU seconds of the parts: this process (the indexer; with PGlite, its database too), the PostgreSQL backends, the node. */
export interface CpuSeconds {
  indexer: number;
  postgres: number | null;
  node: number | null;
}

export interface SyncMeasure {
  seconds: number;
  cpu: CpuSeconds;
  blocks: number;
  letsTransactions: number;
  payments: number;
  rows: number;
  rowsByTable: Record<Table, number>;
}

const count = async (db: Kysely<Database>, table: Table) =>
  Number((await db.selectFrom(table).select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);

/** Syncs `target` from empty to `tipHeight` through the sync loop; the time is start to cursor at the tip. */
export async function measureSync(target: BenchDatabase, nodeUrl: string, nodePid: number, tipHeight: number): Promise<SyncMeasure> {
  const backends = target.kind === "postgresql" ? new BackendCpu(target.db) : undefined;
  await backends?.start();
  const [ownBefore, nodeBefore] = [ownCpuMs(), processCpuMs(nodePid)];
  const started = performance.now();
  const loop = startSync({ db: target.db, node: new NodeClient(nodeUrl), pollMs: 20, logger: silentLogger });
  try {
    await waitForHeight(loop, tipHeight, 3_600_000, 5);
  } finally {
    await loop.stop();
  }
  const seconds = (performance.now() - started) / 1_000;
  const nodeAfter = processCpuMs(nodePid);
  const cpu = {
    indexer: (ownCpuMs() - ownBefore) / 1_000,
    postgres: (await backends?.stop()) ?? null,
    node: nodeBefore === null || nodeAfter === null ? null : (nodeAfter - nodeBefore) / 1_000,
  };
  const rowsByTable = {} as Record<Table, number>;
  for (const table of TABLES) rowsByTable[table] = await count(target.db, table);
  const letsTransactions = Number(
    (await target.db.selectFrom("events").select(sql<string>`count(distinct tx_id)`.as("n")).executeTakeFirstOrThrow()).n,
  );
  const payments = Number(
    (await target.db.selectFrom("events").select(sql<string>`count(*)`.as("n")).where("kind", "=", "payment").executeTakeFirstOrThrow()).n,
  );
  const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
  return { seconds, cpu, blocks: rowsByTable.blocks, letsTransactions, payments, rows, rowsByTable };
}

/** Every row of the mirror, as the database returns them. */
export async function readRows(db: Kysely<Database>): Promise<Record<Table, Record<string, unknown>[]>> {
  const rows = {} as Record<Table, Record<string, unknown>[]>;
  for (const table of TABLES) rows[table] = await db.selectFrom(table).selectAll().execute();
  return rows;
}

/** Inserts `rows` into `target` with multi-row INSERTs, one table after another; returns the seconds taken and the CPU used. */
export async function referenceInsert(target: BenchDatabase, rows: Record<Table, Record<string, unknown>[]>): Promise<{ seconds: number; cpu: CpuSeconds }> {
  const backends = target.kind === "postgresql" ? new BackendCpu(target.db) : undefined;
  await backends?.start();
  const ownBefore = ownCpuMs();
  const started = performance.now();
  for (const table of TABLES) {
    const all = rows[table];
    for (let i = 0; i < all.length; i += REFERENCE_ROWS_PER_INSERT) {
      await target.db.insertInto(table).values(all.slice(i, i + REFERENCE_ROWS_PER_INSERT) as never).execute();
    }
  }
  const seconds = (performance.now() - started) / 1_000;
  return { seconds, cpu: { indexer: (ownCpuMs() - ownBefore) / 1_000, postgres: (await backends?.stop()) ?? null, node: null } };
}

/** The node side alone: every block fetched and parsed the way the sync loop does it, written nowhere; returns the seconds taken. */
export async function measureFetch(nodeUrl: string, tipHeight: number): Promise<number> {
  const node = new NodeClient(nodeUrl);
  const started = performance.now();
  for (let height = 1; height <= tipHeight; height++) {
    const [id] = await node.request<string[]>("GET", `/blocks/at/${height}`);
    await node.request("GET", `/blocks/${id}`);
  }
  return (performance.now() - started) / 1_000;
}
