/**
 * First-load JavaScript of a page, gzip: what its answer makes the browser load before it is
 * interactive (module preloads and the start-up script's imports), and, in Chromium, everything
 * the page loads until the network is idle (the charts and the graph load after hydration).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";

export interface PageWeight {
  path: string;
  status: number;
  /** Files the answer references (HTML and `link` header), and their gzip total. */
  htmlJsFiles: number;
  htmlJsGzipBytes: number;
  /** Everything Chromium loaded as script until network idle (null without a browser). */
  loadedJsFiles: number | null;
  loadedJsGzipBytes: number | null;
  /** WebAssembly loaded until network idle (the wallet's signing library, where a page needs it). */
  loadedWasmGzipBytes: number | null;
  cssGzipBytes: number;
}

const gzipSizes = new Map<string, number>();

/** gzip size (level 6, what servers usually send) of a built client file, by URL path. */
async function gzipSize(clientDir: string, pathname: string): Promise<number> {
  let size = gzipSizes.get(pathname);
  if (size === undefined) {
    size = gzipSync(await readFile(join(clientDir, decodeURIComponent(pathname)))).length;
    gzipSizes.set(pathname, size);
  }
  return size;
}

/** The JS and CSS files a page references in its HTML and its `link` header (SvelteKit sends module preloads there), as URL paths. */
export function referencedAssets(html: string, linkHeader: string, pageUrl: string): { js: string[]; css: string[] } {
  const resolve = (href: string) => new URL(href, pageUrl).pathname;
  const js = new Set<string>();
  for (const m of linkHeader.matchAll(/<([^>]+)>;\s*rel="modulepreload"/g)) js.add(resolve(m[1]!));
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) js.add(resolve(m[1]!));
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) js.add(resolve(m[1]!));
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) js.add(resolve(m[1]!));
  const css = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)) css.add(resolve(m[1]!));
  return { js: [...js], css: [...css] };
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** Weighs one page of the server at `baseUrl`. */
export async function weighPage(baseUrl: string, path: string, clientDir: string, browser: Browser | undefined): Promise<PageWeight> {
  const response = await fetch(baseUrl + path);
  const html = await response.text();
  const { js, css } = referencedAssets(html, response.headers.get("link") ?? "", baseUrl + path);
  const weight: PageWeight = {
    path,
    status: response.status,
    htmlJsFiles: js.length,
    htmlJsGzipBytes: sum(await Promise.all(js.map((p) => gzipSize(clientDir, p)))),
    loadedJsFiles: null,
    loadedJsGzipBytes: null,
    loadedWasmGzipBytes: null,
    cssGzipBytes: sum(await Promise.all(css.map((p) => gzipSize(clientDir, p)))),
  };
  if (!browser) return weight;
  const page = await browser.newPage();
  const scripts = new Set<string>();
  const wasm = new Set<string>();
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (url.origin !== new URL(baseUrl).origin) return;
    if (r.request().resourceType() === "script" || url.pathname.endsWith(".js")) scripts.add(url.pathname);
    if (url.pathname.endsWith(".wasm")) wasm.add(url.pathname);
  });
  await page.goto(baseUrl + path, { waitUntil: "networkidle" });
  await page.close();
  weight.loadedJsFiles = scripts.size;
  weight.loadedJsGzipBytes = sum(await Promise.all([...scripts].map((p) => gzipSize(clientDir, p))));
  weight.loadedWasmGzipBytes = sum(await Promise.all([...wasm].map((p) => gzipSize(clientDir, p))));
  return weight;
}
