/**
 * `npm run bench:indexer`: how fast the indexer catches up on a year of a busy community, and how
 * closely it follows a live devnet. Prints one JSON document.
 *
 *   npm run bench:indexer -- [--members 10000] [--payments 200000] [--payments-per-block 200]
 *                            [--targets postgresql,pglite] [--runs 1] [--follow-blocks 60] [--poll-ms 500]
 *                            [--sections sync,follow,search] [--search-listings 100000]
 *
 * 1. A chain is generated once per parameter set and cached in `bench-results/indexer-chain/`
 *    (see `chain-gen.ts`: real builders, ids and ledger; not signed or validated).
 * 2. A node process serves it through the devnet's REST routes (`serve-chain.ts`).
 * 3. Per target database: the sync loop from empty to the tip (blocks/s, LETS transactions/s,
 *    payments/s, rows/s), then the reference: the same rows with plain multi-row INSERTs into a
 *    fresh database of the same kind, and the ratio; `--runs` repeats both, medians reported. PostgreSQL needs DATABASE_URL (default
 *    postgres://postgres@127.0.0.1:5432/postgres); the benchmark creates and drops its databases.
 * 4. Follow lag on a live devnet with real signed payments (PostgreSQL).
 * 5. Marketplace search over 100,000 listings through the API, per target, with GET /status as
 *    the reference in the same run (`search.ts`). `--sections search` runs this alone.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { ACCOUNT_TEMPLATE_HASH, COMMUNITY_TEMPLATE_HASH } from "../../contracts/scripts.ts";
import { generateChain, type ChainPlan, type ChainSummary } from "./chain-gen.ts";
import { measureFollowLag, quantile } from "./follow-lag.ts";
import { freshPglite, freshPostgres, startChild, type BenchDatabase } from "./processes.ts";
import { measureFetch, measureSync, readRows, referenceInsert, type CpuSeconds } from "./replay.ts";
import { measureSearch } from "./search.ts";

const CACHE = resolve("bench-results/indexer-chain");
/** Bump when the generator's output changes, so old caches are not reused. */
const GENERATOR_VERSION = 2;
/** The contract trees the chain is made of: a chain of other trees (an earlier version) would be ignored as superseded. */
const TREES = `${ACCOUNT_TEMPLATE_HASH.slice(0, 8)}${COMMUNITY_TEMPLATE_HASH.slice(0, 8)}`;

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "10000" },
    payments: { type: "string", default: "200000" },
    "payments-per-block": { type: "string", default: "200" },
    targets: { type: "string", default: "postgresql,pglite" },
    "follow-blocks": { type: "string", default: "60" },
    "poll-ms": { type: "string", default: "500" },
    runs: { type: "string", default: "1" },
    sections: { type: "string", default: "sync,follow,search" },
    "search-listings": { type: "string", default: "100000" },
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
  const dir = join(CACHE, `v${GENERATOR_VERSION}-t${TREES}-m${plan.members}-p${plan.payments}-b${plan.paymentsPerBlock}-j${plan.joinsPerBlock}-s${plan.seed}`);
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
    return (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]!.v;
  } finally {
    await database.drop();
  }
}

/** One run on fresh databases of one kind: the sync, then the reference insert of the rows it wrote. */
async function oneRun(kind: string, nodeUrl: string, nodePid: number, tip: number) {
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
  try {
    log(`${kind}: reference insert of ${sync.rows} rows`);
    return { sync, reference: await referenceInsert(second, rows) };
  } finally {
    await second.drop();
  }
}

const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const cpuOf = (c: CpuSeconds) => ({ indexer: round(c.indexer, 2), postgres: c.postgres === null ? null : round(c.postgres, 2), node: c.node === null ? null : round(c.node, 2) });

/** `runs` runs on one kind of database: median times, the rates at the median, the CPU of the median run. */
async function measureTarget(kind: string, nodeUrl: string, nodePid: number, tip: number, runs: number) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await oneRun(kind, nodeUrl, nodePid, tip));
  const syncSeconds = median(all.map((r) => r.sync.seconds));
  const referenceSeconds = median(all.map((r) => r.reference.seconds));
  const typical = all.find((r) => r.sync.seconds === syncSeconds)!;
  const { sync } = typical;
  return {
    target: kind,
    runs,
    sync: {
      seconds: round(syncSeconds, 2), blocksPerSecond: round(sync.blocks / syncSeconds), letsTransactionsPerSecond: round(sync.letsTransactions / syncSeconds),
      paymentsPerSecond: round(sync.payments / syncSeconds), rowsPerSecond: round(sync.rows / syncSeconds), rows: sync.rows, rowsByTable: sync.rowsByTable,
      cpuSeconds: cpuOf(sync.cpu), secondsPerRun: all.map((r) => round(r.sync.seconds, 2)),
    },
    reference: {
      method: "the same rows, multi-row INSERT of 1,000 rows per statement, into a fresh database with the same schema and indexes",
      seconds: round(referenceSeconds, 2), rowsPerSecond: round(sync.rows / referenceSeconds), cpuSeconds: cpuOf(typical.reference.cpu),
      secondsPerRun: all.map((r) => round(r.reference.seconds, 2)),
    },
    syncOverReference: round(syncSeconds / referenceSeconds, 2),
  };
}

/** The sync of the cached chain on each target (sections 1 to 3). */
async function measureChain(plan: ChainPlan, targets: string[]) {
  const { file, summary, generatedSeconds } = await chainFor(plan);
  log(`serving ${summary.blocks} blocks`);
  const node = await startChild("indexer/bench/serve-chain.ts", [file], /node (http:\/\/\S+) (\d+)/, ["--max-old-space-size=8192"]);
  const [, nodeUrl, tipText] = node.ready;
  const tip = Number(tipText);
  const results = [];
  try {
    log("fetching every block without writing (node + parsing alone)");
    const fetchSeconds = await measureFetch(nodeUrl!, tip);
    for (const kind of targets) results.push(await measureTarget(kind, nodeUrl!, node.child.pid!, tip, Math.max(1, integer("runs"))));
    return { summary, generatedSeconds, fetchSeconds, tip, results };
  } finally {
    await node.close();
  }
}

/** The search benchmark on each target, each on a fresh database. */
async function measureSearches(targets: string[], listings: number) {
  const results = [];
  for (const kind of targets) {
    const database = kind === "postgresql" ? await freshPostgres(adminUrl) : await freshPglite();
    try {
      log(`${kind}: search over ${listings} listings`);
      results.push(await measureSearch(database, listings));
    } finally {
      await database.drop();
    }
  }
  return results;
}

async function main(): Promise<void> {
  const plan: ChainPlan = { members: integer("members"), payments: integer("payments"), paymentsPerBlock: integer("payments-per-block"), joinsPerBlock: 500, seed: 1 };
  const loadBefore = loadavg()[0]!;
  const sections = values.sections!.split(",").filter(Boolean);
  const badSection = sections.find((s) => !["sync", "follow", "search"].includes(s));
  if (badSection) throw new Error(`--sections: unknown section '${badSection}' (sync, follow, search)`);
  const targets = values.targets!.split(",").filter(Boolean);
  const unknown = targets.find((t) => t !== "postgresql" && t !== "pglite");
  if (unknown) throw new Error(`--targets: unknown target '${unknown}' (postgresql, pglite)`);
  const chain = sections.includes("sync") ? await measureChain(plan, targets) : null;
  const followBlocks = sections.includes("follow") ? integer("follow-blocks") : 0;
  if (followBlocks > 0) log(`follow lag over ${followBlocks} blocks`);
  const followLag = followBlocks > 0 ? await measureFollowLag({ adminUrl, blocks: followBlocks, blockTimeMs: 1_000, paymentsPerBlock: 3, pollMs: integer("poll-ms") }) : null;
  const search = sections.includes("search") ? await measureSearches(targets, integer("search-listings")) : null;
  const output = {
    benchmark: "indexer",
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, postgresql: await postgresVersion(),
      // The 1-minute load average at the start and the end: a shared machine's neighbours show here.
      loadAverage: { start: round(loadBefore, 2), end: round(loadavg()[0]!, 2) },
    },
    chain: chain && {
      ...chain.summary,
      cached: chain.generatedSeconds === null,
      generatedSeconds: chain.generatedSeconds === null ? null : round(chain.generatedSeconds),
      note: "generated with the real builders (real boxes, ids, ledger), not signed or validated; served by the devnet's REST routes",
    },
    node: chain && { fetchOnlySeconds: round(chain.fetchSeconds, 2), blocksPerSecond: round(chain.tip / chain.fetchSeconds) },
    results: chain?.results ?? [],
    followLag,
    search,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

await main();
