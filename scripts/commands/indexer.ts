/** `lets index`: follow an Ergo node into the LETS database and serve the indexer REST API. */
import { resolve } from "node:path";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";

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

    // The indexer (database drivers, fastify, the contracts) loads when the command runs, so other commands start fast.
    const { startIndexer, IndexerStartError } = await import("../../indexer/start.ts");
    const { streamLogger } = await import("../../indexer/log.ts");
    const indexer = await startIndexer({
      nodeUrl, port, host, pollMs, logger: streamLogger(undefined, "sync: "),
      ...(databaseUrl ? { databaseUrl: databaseUrl.toString() } : { dataDir }),
    }).catch((error: unknown) => {
      if (error instanceof IndexerStartError) throw new CliError(error.message, ExitCode.failure, { cause: error });
      throw error;
    });
    try {
      console.log(`indexer  ${indexer.url}   (REST API; ${indexer.url}/status, ${indexer.url}/docs)`);
      console.log(`node     ${nodeUrl}`);
      console.log(`database ${databaseUrl ? `PostgreSQL ${withoutPassword(databaseUrl)}` : `PGlite in ${dataDir}`}`);
      console.log("Ctrl-C to stop.");
      const outcome = await Promise.race([untilStopped().then(() => undefined), indexer.sync.done]);
      if (outcome) {
        console.error(`lets index: the sync halted: ${outcome.message}`);
        return ExitCode.failure;
      }
      return ExitCode.ok;
    } finally {
      await indexer.close();
    }
  },
};
