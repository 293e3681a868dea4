// startWeb serves the built app in-process: pages render on the server with the security headers,
// unknown ids are 404 pages, a silent indexer is a 503 (never a 500), and two servers in one
// process each read their own indexer.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet } from "../devnet/start.ts";
import { startIndexer } from "../indexer/start.ts";
import { buildIsStale } from "./build.ts";
import { startWeb, type WebServer } from "./start.ts";

let web: WebServer;
let silent: WebServer;
let broken: WebServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  const indexer = await startIndexer({ nodeUrl: devnet.url, port: 0, logger: { info() {}, warn() {}, error() {} } });
  web = await startWeb({ indexerUrl: indexer.url, nodeUrl: devnet.url, network: "testnet" });
  silent = await startWeb({ indexerUrl: "http://127.0.0.1:1", nodeUrl: "http://127.0.0.1:1" });
  // An indexer that answers, but with a server error on every route (a bug, not an outage).
  const failing = createServer((_, response) => response.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom"}'));
  await new Promise<void>((listening) => failing.listen(0, "127.0.0.1", listening));
  broken = await startWeb({ indexerUrl: `http://127.0.0.1:${(failing.address() as AddressInfo).port}`, nodeUrl: devnet.url });
  close = async () => {
    await web.close();
    await silent.close();
    await broken.close();
    await new Promise((closed) => failing.close(closed));
    await indexer.close();
    await devnet.close();
  };
}, 300_000);
afterAll(() => close?.());

describe("startWeb", () => {
  it("builds first, then serves on 127.0.0.1 with a fresh build", async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await buildIsStale()).toBe(false);
  });

  it("renders the communities page on the server with CSP and the security headers", async () => {
    const response = await fetch(`${web.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The shop map's tiles (default OpenStreetMap's) are the only images from elsewhere.
    expect(csp).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('data-testid="no-communities"');
    expect(html).toContain('data-network="testnet"');
    // Every inline script carries this response's nonce; none runs without it.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts.filter((a) => !a.includes("src=") && !a.includes("application/json"))) expect(attributes).toContain(`nonce="${nonce}"`);
    const other = /'nonce-([^']+)'/.exec((await fetch(`${web.url}/`)).headers.get("content-security-policy") ?? "")?.[1];
    expect(other).not.toBe(nonce);
  });

  it("answers 404 pages for unknown and malformed ids, never 500", async () => {
    for (const path of [`/lets/${"0".repeat(64)}`, "/lets/not-an-id", `/lets/${"0".repeat(64)}/members/${"1".repeat(64)}`, `/tx/${"2".repeat(64)}`, "/tx/xyz", "/nowhere"]) {
      const response = await fetch(web.url + path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain('data-testid="error"');
    }
  });

  it("answers a bad table parameter with a 400 page naming it", async () => {
    const response = await fetch(`${web.url}/?limit=abc`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("limit must be a whole number");
  });

  it("downloads the communities table as CSV and JSON", async () => {
    const csv = await fetch(`${web.url}/communities.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="communities.csv"');
    expect((await csv.text()).startsWith("communityId,name,symbol,")).toBe(true);
    const json = await fetch(`${web.url}/communities.json?limit=5`);
    expect(await json.json()).toEqual({ total: 0, limit: 5, offset: 0, items: [] });
    expect((await fetch(`${web.url}/communities.xml`)).status).toBe(404);
  });

  it("keeps each server's settings apart: the one whose indexer is silent answers 503", async () => {
    const response = await fetch(`${silent.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("The indexer does not answer");
    expect((await fetch(`${web.url}/`)).status).toBe(200);
    expect((await fetch(`${silent.url}/tx/${"2".repeat(64)}`)).status).toBe(503);
  });

  it("answers /api/indexed with 503 only when the indexer does not answer; an indexer's error is a 500", async () => {
    const id = "3".repeat(64);
    const notYet = await fetch(`${web.url}/api/indexed/community/${id}`);
    expect([notYet.status, await notYet.json()]).toEqual([200, { indexed: false }]);
    expect((await fetch(`${silent.url}/api/indexed/community/${id}`)).status).toBe(503);
    expect((await fetch(`${broken.url}/api/indexed/account/${id}`)).status).toBe(500);
    expect((await fetch(`${web.url}/api/indexed/nothing/${id}`)).status).toBe(404);
  });
});
