/**
 * `npm run bench:indexer`: how fast the indexer catches up on a year of a busy community, and how
 * closely it follows a live devnet. Prints one JSON document.
 *
 *   npm run bench:indexer -- [--members 10000] [--payments 200000] [--payments-per-block 200]
 *                            [--targets postgresql,pglite] [--follow-blocks 60] [--poll-ms 500]
 *
 * 1. A chain is generated once per parameter set and cached in `bench-results/indexer-chain/`
 *    (see `chain-gen.ts`: real builders, ids and ledger; not signed or validated).
 * 2. A node process serves it through the devnet's REST routes (`serve-chain.ts`).
 * 3. Per target database: the sync loop from empty to the tip (blocks/s, LETS transactions/s,
 *    payments/s, rows/s), then the reference: the same rows with plain multi-row INSERTs into a
 *    fresh database of the same kind, and the ratio. PostgreSQL needs DATABASE_URL (default
 *    postgres://postgres@127.0.0.1:5432/postgres); the benchmark creates and drops its databases.
 * 4. Follow lag on a live devnet with real signed payments (PostgreSQL).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { generateChain, type ChainPlan, type ChainSummary } from "./chain-gen.ts";
import { measureFollowLag } from "./follow-lag.ts";
import { freshPglite, freshPostgres, startChild, type BenchDatabase } from "./processes.ts";
import { measureFetch, measureSync, readRows, referenceInsert } from "./replay.ts";

const CACHE = resolve("bench-results/indexer-chain");
/** Bump when the generator's output changes, so old caches are not reused. */
const GENERATOR_VERSION = 1;

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "10000" },
    payments: { type: "string", default: "200000" },
    "payments-per-block": { type: "string", default: "200" },
    targets: { type: "string", default: "postgresql,pglite" },
    "follow-blocks": { type: "string", default: "60" },
    "poll-ms": { type: "string", default: "500" },
  },
});
const integer = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The cached chain for `plan`, generated first if missing. */
async function chainFor(plan: ChainPlan): Promise<{ file: string; summary: ChainSummary; generatedSeconds: number | null }> {
  const dir = join(CACHE, `v${GENERATOR_VERSION}-m${plan.members}-p${plan.payments}-b${plan.paymentsPerBlock}-j${plan.joinsPerBlock}-s${plan.seed}`);
  const file = join(dir, "blocks.jsonl");
  if (existsSync(join(dir, "summary.json"))) return { file, summary: JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as ChainSummary, generatedSeconds: null };
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const started = performance.now();
  let told = 0;
  const summary = await generateChain(plan, join(partial, "blocks.jsonl"), (height, total) => {
    if (height - told >= 100 || height === total) log(`generating the chain: block ${(told = height)} of ${total}`);
  });
  await writeFile(join(partial, "summary.json"), JSON.stringify(summary, null, 2));
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return { file, summary, generatedSeconds: (performance.now() - started) / 1_000 };
}

async function postgresVersion(): Promise<string> {
  const database = await freshPostgres(adminUrl);
  try {
    return (await sql<{ v: string }>`show server_version`.execute(database.db)).rows[0]!.v;
  } finally {
    await database.drop();
  }
}

/** Sync, then reference, on fresh databases of one kind. */
async function measureTarget(kind: string, nodeUrl: string, nodePid: number, tip: number) {
  const fresh = (): Promise<BenchDatabase> => (kind === "postgresql" ? freshPostgres(adminUrl) : freshPglite());
  const target = await fresh();
  let sync;
  let rows;
  try {
    log(`${kind}: syncing ${tip} blocks`);
    sync = await measureSync(target, nodeUrl, nodePid, tip);
    rows = await readRows(target.db);
  } finally {
    await target.drop();
  }
  const second = await fresh();
  let reference;
  try {
    log(`${kind}: reference insert of ${sync.rows} rows`);
    reference = await referenceInsert(second, rows);
  } finally {
    await second.drop();
  }
  const cpu = (c: typeof sync.cpu) => ({ indexer: round(c.indexer, 2), postgres: c.postgres === null ? null : round(c.postgres, 2), node: c.node === null ? null : round(c.node, 2) });
  return {
    target: kind,
    sync: {
      seconds: round(sync.seconds, 2), blocksPerSecond: round(sync.blocks / sync.seconds), letsTransactionsPerSecond: round(sync.letsTransactions / sync.seconds),
      paymentsPerSecond: round(sync.payments / sync.seconds), rowsPerSecond: round(sync.rows / sync.seconds), rows: sync.rows, rowsByTable: sync.rowsByTable,
      cpuSeconds: cpu(sync.cpu),
    },
    reference: {
      method: "the same rows, multi-row INSERT of 1,000 rows per statement, into a fresh database with the same schema and indexes",
      seconds: round(reference.seconds, 2), rowsPerSecond: round(sync.rows / reference.seconds), cpuSeconds: cpu(reference.cpu),
    },
    syncOverReference: round(sync.seconds / reference.seconds, 2),
  };
}

async function main(): Promise<void> {
  const plan: ChainPlan = { members: integer("members"), payments: integer("payments"), paymentsPerBlock: integer("payments-per-block"), joinsPerBlock: 500, seed: 1 };
  const { file, summary, generatedSeconds } = await chainFor(plan);
  log(`serving ${summary.blocks} blocks`);
  const node = await startChild("indexer/bench/serve-chain.ts", [file], /node (http:\/\/\S+) (\d+)/, ["--max-old-space-size=8192"]);
  const [, nodeUrl, tipText] = node.ready;
  const tip = Number(tipText);
  const results = [];
  let fetchSeconds;
  try {
    log("fetching every block without writing (node + parsing alone)");
    fetchSeconds = await measureFetch(nodeUrl!, tip);
    const targets = values.targets!.split(",").filter(Boolean);
    const unknown = targets.find((t) => t !== "postgresql" && t !== "pglite");
    if (unknown) throw new Error(`--targets: unknown target '${unknown}' (postgresql, pglite)`);
    for (const kind of targets) results.push(await measureTarget(kind, nodeUrl!, node.child.pid!, tip));
  } finally {
    await node.close();
  }
  const followBlocks = integer("follow-blocks");
  log(`follow lag over ${followBlocks} blocks`);
  const followLag = followBlocks > 0 ? await measureFollowLag({ adminUrl, blocks: followBlocks, blockTimeMs: 1_000, paymentsPerBlock: 3, pollMs: integer("poll-ms") }) : null;
  const output = {
    benchmark: "indexer",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, postgresql: await postgresVersion() },
    chain: {
      ...summary,
      cached: generatedSeconds === null,
      generatedSeconds: generatedSeconds === null ? null : round(generatedSeconds),
      note: "generated with the real builders (real boxes, ids, ledger), not signed or validated; served by the devnet's REST routes",
    },
    node: { fetchOnlySeconds: round(fetchSeconds, 2), blocksPerSecond: round(tip / fetchSeconds) },
    results,
    followLag,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

await main();
