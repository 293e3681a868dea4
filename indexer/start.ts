/**
 * The indexer in-process: one database (PGlite in a directory or in memory, or PostgreSQL), the
 * sync loop following a node, the REST API listening, and, given a settler's key, the settlement
 * service of payment orders. `lets index`, `lets up`, the simulator
 * and the browser tests all start it through `startIndexer`, and stop it with `close()`.
 *
 * One writer per database: a PGlite directory is locked with a pid file (`db/dir-lock.ts`); on
 * PostgreSQL the sync loop takes an advisory lock (`sync/loop.ts`), so a second indexer waits.
 */
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { buildIndexerApi } from "./api/app.ts";
import { openDatabase } from "./db/connect.ts";
import { lockDataDir, type DirLock } from "./db/dir-lock.ts";
import type { Database } from "./db/schema.ts";
import { streamLogger, type Logger } from "./log.ts";
import { NodeClient } from "../ergo/node-client.ts";
import { startSync, type RunningSync } from "./sync/loop.ts";
import { settlerOf, startSettler, type RunningSettler } from "./settle/loop.ts";
import { IndexerError } from "./errors.ts";

export interface IndexerOptions {
  /** The Ergo node to follow. */
  nodeUrl: string;
  /** Port of the REST API (default 8080; 0 picks a free one). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** PostgreSQL to write to; without it, embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (created if missing); without it and without `databaseUrl`, PGlite in memory. */
  dataDir?: string;
  /** Wait between polls of the node once caught up (default 500 ms). */
  pollMs?: number;
  /** Where the sync loop (and the settlement service) report (default: stderr, prefixed `sync: ` and `settle: `). */
  logger?: Logger;
  /**
   * With a secret key (32 bytes, hex) the indexer also runs the settlement service (`settle/loop.ts`,
   * docs/batches.md): it settles the payment orders posted to `POST /orders`, its wallet paying.
   */
  settlerSecretKey?: string;
}

export interface RunningIndexer {
  /** The REST API's base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  api: FastifyInstance;
  db: Kysely<Database>;
  sync: RunningSync;
  /** The settlement service, when started with `settlerSecretKey`. */
  settler?: RunningSettler;
  /** Stops the sync (releasing the writer lock), closes the API and the database, unlocks the directory. Idempotent. */
  close(): Promise<void>;
}

/** The indexer could not start: the database would not open, or the port would not bind. */
export class IndexerStartError extends IndexerError {
  readonly stage: "database" | "listen";

  constructor(stage: "database" | "listen", message: string, options?: ErrorOptions) {
    super(message, options);
    this.stage = stage;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Locks a PGlite directory, telling the logger once if another indexer holds it. */
async function lockDirectory(dataDir: string, pollMs: number, logger: Logger): Promise<DirLock> {
  await mkdir(dataDir, { recursive: true });
  let told = false;
  return lockDataDir(dataDir, {
    pollMs,
    onBusy: (pidFile) => {
      if (!told) logger.warn(`another indexer uses ${dataDir} (${pidFile}); waiting for it to stop`);
      told = true;
    },
  });
}

/** Opens the database, starts the sync loop and the API; resolves once the API listens. */
export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const { nodeUrl, port = 8080, host = "127.0.0.1", databaseUrl, pollMs = 500 } = options;
  // A bad key is refused before anything is opened.
  if (options.settlerSecretKey !== undefined) settlerOf(options.settlerSecretKey);
  const logger = options.logger ?? streamLogger(undefined, "sync: ");
  const dataDir = databaseUrl === undefined && options.dataDir !== undefined ? resolve(options.dataDir) : undefined;
  const dirLock = dataDir === undefined ? undefined : await lockDirectory(dataDir, pollMs, logger);
  let db: Kysely<Database>;
  try {
    db = await openDatabase(databaseUrl !== undefined ? { databaseUrl } : { dataDir });
  } catch (error) {
    await dirLock?.release();
    throw new IndexerStartError("database", `cannot open the database: ${messageOf(error)}`, { cause: error });
  }
  const node = new NodeClient(nodeUrl);
  const sync = startSync({ db, node, pollMs, logger });
  const settler = options.settlerSecretKey === undefined ? undefined
    : startSettler({ db, node, secretKey: options.settlerSecretKey, pollMs, logger: options.logger ?? streamLogger(undefined, "settle: ") });
  const api = buildIndexerApi({ db, nodeUrl, syncStatus: () => sync.status(), onOrders: () => settler?.wake() });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await settler?.stop();
      await sync.stop();
      await api.close();
      await db.destroy();
      await dirLock?.release();
    })());
  try {
    await api.listen({ port, host });
  } catch (error) {
    await close();
    throw new IndexerStartError("listen", `cannot listen on ${host}:${port}: ${messageOf(error)}`, { cause: error });
  }
  const address = api.server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`, api, db, sync, ...(settler ? { settler } : {}), close };
}
