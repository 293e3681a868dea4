import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { RunningSync } from "../../indexer/sync/run.ts";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";

/** The indexer itself (database drivers, fastify, the contracts): loaded when the command runs, so other commands start fast. */
async function loadIndexer() {
  const [api, connect, dirLock, log, client, run] = await Promise.all([
    import("../../indexer/api/app.ts"),
    import("../../indexer/db/connect.ts"),
    import("../../indexer/db/dir-lock.ts"),
    import("../../indexer/log.ts"),
    import("../../indexer/node/client.ts"),
    import("../../indexer/sync/run.ts"),
  ]);
  return {
    buildIndexerApi: api.buildIndexerApi, openDatabase: connect.openDatabase, lockDataDir: dirLock.lockDataDir,
    streamLogger: log.streamLogger, NodeClient: client.NodeClient, startSync: run.startSync,
  };
}

const DEFAULT_NODE = "http://127.0.0.1:9052";

function integerOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) throw new CliError(`--${name} must be an integer from ${min} to ${max}`, ExitCode.usage);
  return parsed;
}

function urlOption(name: string, value: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--${name} is not a URL: '${value}'`, ExitCode.usage);
  }
  if (!protocols.includes(url.protocol)) throw new CliError(`--${name} must be a ${protocols.join(" or ")} URL, not '${value}'`, ExitCode.usage);
  return url;
}

/** A database URL fit to print: without its password. */
function withoutPassword(url: URL): string {
  const shown = new URL(url);
  if (shown.password) shown.password = "***";
  return shown.toString();
}

/** `lets index`: the sync loop and the REST API over one database, until Ctrl-C. */
export const indexCommand: Command = {
  summary: "follow an Ergo node into the LETS database and serve the indexer REST API",
  usage: `lets index [--node URL] [--port 8080] [--host 127.0.0.1] [--database-url URL] [--data .lets/indexer] [--poll-ms 500]

  --node          the Ergo node to follow (default $ERGO_NODE_URL, else ${DEFAULT_NODE})
  --port          port of the REST API (default 8080; 0 picks a free one)
  --host          address to bind (default 127.0.0.1)
  --database-url  PostgreSQL to write to (default $DATABASE_URL); without one, embedded PGlite
  --data          PGlite data directory (default .lets/indexer)
  --poll-ms       wait between polls of the node once caught up (default 500)

  One indexer writes to a database at a time: a second one waits for the first to stop.
  Ctrl-C stops the sync, closes the API and the database. Exits 1 if the sync halts.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: {
        node: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        "database-url": { type: "string" },
        data: { type: "string" },
        "poll-ms": { type: "string" },
      },
    });
    if (positionals.length > 0) throw new CliError(`unknown argument '${positionals[0]}'`, ExitCode.usage);
    const nodeUrl = urlOption("node", values.node ?? (process.env.ERGO_NODE_URL || DEFAULT_NODE), ["http:", "https:"]).toString();
    const port = integerOption("port", values.port, 8080, 0, 65_535);
    const pollMs = integerOption("poll-ms", values["poll-ms"], 500, 1, 3_600_000);
    const host = values.host ?? "127.0.0.1";
    const databaseUrlText = values["database-url"] ?? (process.env.DATABASE_URL || undefined);
    const databaseUrl = databaseUrlText === undefined ? undefined : urlOption("database-url", databaseUrlText, ["postgres:", "postgresql:"]);
    const dataDir = resolve(values.data ?? ".lets/indexer");

    const { buildIndexerApi, openDatabase, lockDataDir, streamLogger, NodeClient, startSync } = await loadIndexer();
    let dirLock: Awaited<ReturnType<typeof lockDataDir>> | undefined;
    if (!databaseUrl) {
      await mkdir(dataDir, { recursive: true });
      let told = false;
      const onBusy = (pidFile: string) => {
        if (!told) console.error(`another lets index uses ${dataDir} (${pidFile}); waiting for it to stop`);
        told = true;
      };
      dirLock = await lockDataDir(dataDir, { pollMs, onBusy });
    }
    const db = await openDatabase(databaseUrl ? { databaseUrl: databaseUrl.toString() } : { dataDir }).catch(async (error: unknown) => {
      await dirLock?.release();
      throw new CliError(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`, ExitCode.failure, { cause: error });
    });
    let sync: RunningSync | undefined;
    let api: FastifyInstance | undefined;
    try {
      sync = startSync({ db, node: new NodeClient(nodeUrl), pollMs, logger: streamLogger(undefined, "sync: ") });
      api = await buildIndexerApi({ db, nodeUrl });
      const address = await api.listen({ port, host }).catch((error: unknown) => {
        throw new CliError(`cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`, ExitCode.failure, { cause: error });
      });
      console.log(`indexer  ${address}   (REST API; ${address}/status, ${address}/docs)`);
      console.log(`node     ${nodeUrl}`);
      console.log(`database ${databaseUrl ? `PostgreSQL ${withoutPassword(databaseUrl)}` : `PGlite in ${dataDir}`}`);
      console.log("Ctrl-C to stop.");
      const outcome = await Promise.race([untilStopped().then(() => undefined), sync.done]);
      if (outcome) {
        console.error(`lets index: the sync halted: ${outcome.message}`);
        return ExitCode.failure;
      }
      return ExitCode.ok;
    } finally {
      await sync?.stop();
      await api?.close();
      await db.destroy();
      await dirLock?.release();
    }
  },
};
