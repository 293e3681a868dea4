import { DEFAULT_CONFIG, WebConfigError, checkConfig, type WebConfig } from "../../web/lib/server/settings.ts";
import type { NetworkName } from "../../ergo/network.ts";
import { startWeb } from "../../web/start.ts";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";

function portOption(value: string | undefined): number {
  if (value === undefined) return 5173;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new CliError("--port must be an integer from 0 to 65535", ExitCode.usage);
  return port;
}

/** The settings from flags, else the environment, else the defaults; a bad one is a usage error naming the flag. */
function settings(values: { indexer?: string; node?: string; network?: string }): WebConfig {
  const config = {
    indexerUrl: values.indexer ?? (process.env.INDEXER_URL || DEFAULT_CONFIG.indexerUrl),
    nodeUrl: values.node ?? (process.env.ERGO_NODE_URL || DEFAULT_CONFIG.nodeUrl),
    network: (values.network ?? (process.env.LETS_NETWORK || DEFAULT_CONFIG.network)) as NetworkName,
    mapTiles: process.env.LETS_MAP_TILES || DEFAULT_CONFIG.mapTiles,
  };
  try {
    return checkConfig(config, { indexerUrl: "--indexer", nodeUrl: "--node", network: "--network", mapTiles: "LETS_MAP_TILES" });
  } catch (error) {
    if (error instanceof WebConfigError) throw new CliError(error.message, ExitCode.usage, { cause: error });
    throw error;
  }
}

/** `lets web`: the web app (wallet, create form, explorer), built if needed, until Ctrl-C. */
export const webCommand: Command = {
  summary: "serve the web app: member wallet, create-a-LETS form and explorer",
  usage: `lets web [--port 5173] [--host 127.0.0.1] [--indexer URL] [--node URL] [--network devnet]

  --port      port to serve on (default 5173; 0 picks a free one)
  --host      address to bind (default 127.0.0.1)
  --indexer   the indexer REST API to read from (default $INDEXER_URL, else http://127.0.0.1:8080)
  --node      the Ergo node wallets submit to (default $ERGO_NODE_URL, else http://127.0.0.1:9052)
  --network   devnet, testnet or mainnet (default $LETS_NETWORK, else devnet)

  The shop map's tiles come from $LETS_MAP_TILES, a {z}/{x}/{y} URL template (default OpenStreetMap's).

  Builds the app first (vite build into build/) when build/ is missing or older than its sources.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        indexer: { type: "string" },
        node: { type: "string" },
        network: { type: "string" },
      },
    });
    if (positionals.length > 0) throw new CliError(`unknown argument '${positionals[0]}'`, ExitCode.usage);
    const config = settings(values);
    const web = await startWeb({ port: portOption(values.port), host: values.host ?? "127.0.0.1", ...config });
    console.log(`web      ${web.url}   (${config.network}; indexer ${config.indexerUrl}; node ${config.nodeUrl})`);
    console.log("Ctrl-C to stop.");
    await untilStopped();
    await web.close();
    console.log("stopped");
    return ExitCode.ok;
  },
};
