/**
 * Security headers of every answer. The Content-Security-Policy allows scripts only from this
 * origin and SvelteKit's own inline start-up script (by a per-request nonce), WebAssembly for the
 * wallet's signing library, connections to this origin, the node and the indexer, and images
 * from this origin and the map's tile server.
 */
import { tileOrigin, type WebConfig } from "./settings.ts";

/** Headers that do not depend on the request. */
export const STATIC_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** The CSP for a page whose inline scripts carry `nonce`. */
export function contentSecurityPolicy(nonce: string, config: WebConfig): string {
  const origins = [...new Set([config.nodeUrl, config.indexerUrl].map((url) => new URL(url).origin))];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    // Svelte and uPlot set style attributes; no script can run from a style.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tileOrigin(config.mapTiles)}`,
    "font-src 'self'",
    `connect-src 'self' ${origins.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Gives SvelteKit's inline `<script>` tags the nonce (only SvelteKit writes bare `<script>`: page text is escaped). */
export const addNonce = (html: string, nonce: string): string => html.replaceAll("<script>", `<script nonce="${nonce}">`);
