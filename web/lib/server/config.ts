/**
 * The settings of a request. They come from the environment (INDEXER_URL, ERGO_NODE_URL,
 * LETS_NETWORK, LETS_MAP_TILES), or per server from `startWeb`, which tags each request with its own settings so
 * several servers can run in one process (tests do).
 */
import type { IncomingMessage } from "node:http";
import { env } from "$env/dynamic/private";
import { CONFIG_KEY, DEFAULT_CONFIG, checkConfig, type WebConfig } from "./settings.ts";
import type { NetworkName } from "$ergo/network.ts";

let fromEnv: WebConfig | undefined;

/** The settings for a request: those `startWeb` attached to it, else the environment's. */
export function configFor(req: IncomingMessage | undefined): WebConfig {
  const attached = req && (req as unknown as Record<symbol, WebConfig | undefined>)[CONFIG_KEY];
  if (attached) return attached;
  fromEnv ??= checkConfig({
    indexerUrl: env.INDEXER_URL || DEFAULT_CONFIG.indexerUrl,
    nodeUrl: env.ERGO_NODE_URL || DEFAULT_CONFIG.nodeUrl,
    network: (env.LETS_NETWORK || DEFAULT_CONFIG.network) as NetworkName,
    mapTiles: env.LETS_MAP_TILES || DEFAULT_CONFIG.mapTiles,
  });
  return fromEnv;
}
