/**
 * The web server's settings: where it reads state and which network it serves. Pure, so the
 * `lets web` runner (outside SvelteKit) checks them with the same code before starting; for the
 * same reason its imports are relative, not `$ergo/...` (no Vite alias resolves there).
 */
import { NETWORKS, isNetworkName, type NetworkName } from "../../../ergo/network.ts";
import { WebError } from "../errors.ts";

/** The settings of one web server; all public (they are shown to the browser). */
export interface WebConfig {
  indexerUrl: string;
  nodeUrl: string;
  network: NetworkName;
  /** The shop map's tile server: a URL template with `{z}`, `{x}` and `{y}` (and `{s}` for a subdomain). */
  mapTiles: string;
}

/** OpenStreetMap's own tiles (their usage policy asks for light use and the attribution the map shows). */
export const DEFAULT_MAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

export const DEFAULT_CONFIG: WebConfig = {
  indexerUrl: "http://127.0.0.1:8080",
  nodeUrl: "http://127.0.0.1:9052",
  network: "devnet",
  mapTiles: DEFAULT_MAP_TILES,
};

/** The key under which `startWeb` puts a server's settings on each request it hands to SvelteKit. */
export const CONFIG_KEY = Symbol.for("lets.web.config");

/** A configuration error, thrown when the server starts or serves its first request. */
export class WebConfigError extends WebError {}

/** How the settings are named where they come from: environment variables unless told otherwise. */
export const ENV_NAMES: Record<keyof WebConfig, string> = { indexerUrl: "INDEXER_URL", nodeUrl: "ERGO_NODE_URL", network: "LETS_NETWORK", mapTiles: "LETS_MAP_TILES" };

/** Settings as given: the map's tiles may be left out (OpenStreetMap's). */
export type WebSettings = Omit<WebConfig, "mapTiles"> & { mapTiles?: string };

/** The origin a tile template loads images from, for the Content-Security-Policy: `{s}` in the host allows its subdomains. */
export function tileOrigin(template: string): string {
  const url = new URL(template.replace(/\{s\}\./, "").replace(/\{[a-z]+\}/g, "0"));
  return `${url.protocol}//${template.includes("{s}.") ? "*." : ""}${url.host}`;
}

/** A tile template: an http(s) URL naming {z}, {x} and {y}; refused otherwise, naming `name`. */
function checkTiles(name: string, template: string): string {
  let ok = ["{z}", "{x}", "{y}"].every((part) => template.includes(part));
  try {
    ok &&= /^https?:$/.test(new URL(tileOrigin(template).replace("*.", "")).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new WebConfigError(`${name} must be an http(s) URL template with {z}, {x} and {y}: ${template}`);
  return template;
}

/** Checks a settings object: http(s) URLs without a trailing slash, a known network, a tile template. */
export function checkConfig(config: WebSettings, names: Record<keyof WebConfig, string> = ENV_NAMES): WebConfig {
  const url = (name: string, value: string) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new WebConfigError(`${name} is not a URL: ${value}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new WebConfigError(`${name} must be http or https: ${value}`);
    return value.replace(/\/+$/, "");
  };
  if (!isNetworkName(config.network)) {
    throw new WebConfigError(`${names.network} must be one of ${NETWORKS.join(", ")}: ${config.network}`);
  }
  return {
    indexerUrl: url(names.indexerUrl, config.indexerUrl),
    nodeUrl: url(names.nodeUrl, config.nodeUrl),
    network: config.network,
    mapTiles: checkTiles(names.mapTiles, config.mapTiles ?? DEFAULT_MAP_TILES),
  };
}

