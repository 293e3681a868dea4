/**
 * Serves the built web app in this process with node:http: what `lets web`, `lets up` and the
 * browser tests use. Each server carries its own settings (indexer, node, network) on every
 * request it hands to SvelteKit, so several can run side by side in one process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { CONFIG_KEY, DEFAULT_CONFIG, checkConfig, type WebConfig } from "./lib/server/settings.ts";
import type { NetworkName } from "../ergo/network.ts";
import { HANDLER_FILE, ensureWebBuild } from "./build.ts";

export interface StartWebOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  indexerUrl?: string;
  nodeUrl?: string;
  network?: NetworkName;
  /** The shop map's tile URL template (default OpenStreetMap's). */
  mapTiles?: string;
  /** Build even when build/ looks fresh. */
  rebuild?: boolean;
}

export interface WebServer {
  url: string;
  config: WebConfig;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** adapter-node's handler, built first when needed; imported once per process. */
async function loadHandler(rebuild: boolean): Promise<Handler> {
  await ensureWebBuild(rebuild);
  // The file URL keeps bundlers and test runners from resolving the build at their own compile time.
  // We serve plain http ourselves: adapter-node must not assume https, or SvelteKit's CSRF check
  // (origin vs. url) refuses every form post. The header is set on each request below.
  process.env.PROTOCOL_HEADER = "x-forwarded-proto";
  const module = (await import(/* @vite-ignore */ pathToFileURL(HANDLER_FILE).href)) as { handler: Handler };
  return module.handler;
}

/**
 * Starts a web server on `host:port` (127.0.0.1 unless told otherwise), building the app first if
 * build/ is missing or older than its sources.
 */
export async function startWeb(options: StartWebOptions = {}): Promise<WebServer> {
  const config = checkConfig({
    indexerUrl: options.indexerUrl ?? DEFAULT_CONFIG.indexerUrl,
    nodeUrl: options.nodeUrl ?? DEFAULT_CONFIG.nodeUrl,
    network: options.network ?? DEFAULT_CONFIG.network,
    mapTiles: options.mapTiles ?? DEFAULT_CONFIG.mapTiles,
  });
  const handler = await loadHandler(options.rebuild ?? false);
  const server = createServer((req, res) => {
    (req as unknown as Record<symbol, WebConfig>)[CONFIG_KEY] = config;
    req.headers["x-forwarded-proto"] = "http";
    handler(req, res, () => {
      res.statusCode = 404;
      res.end("Not found");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    config,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}
