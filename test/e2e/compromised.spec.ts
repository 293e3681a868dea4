/**
 * The community page in Chromium over an indexer that saw compromises (no devnet: the chain is
 * `indexer/sync/compromised-chain.ts`, which a node would not accept, written by the sync's
 * pipeline): a compromised community shows the warning banner with each flag and its transaction
 * link, a sound one none, and metadata that is not JSON its raw text. Screenshots go to
 * test-results/e2e/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndexerApi } from "../../indexer/api/app.ts";
import { openDatabase } from "../../indexer/db/connect.ts";
import { compromisedChain, type CompromisedChain } from "../../indexer/sync/compromised-chain.ts";
import { BatchPipeline } from "../../indexer/sync/pipeline.ts";
import { startWeb, type WebServer } from "../../web/start.ts";
import { FAILURE_DIR, launchChromium, UI_TIMEOUT_MS } from "./browser.ts";

let chain: CompromisedChain;
let browser: Browser;
let web: WebServer;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  chain = compromisedChain();
  const db = await openDatabase();
  closers.push(() => db.destroy());
  const pipeline = new BatchPipeline(db);
  await pipeline.add([...chain.sound, chain.forged, ...chain.later]);
  await pipeline.finish();
  const api = buildIndexerApi({ db });
  closers.push(() => api.close());
  const indexerUrl = await api.listen({ port: 0, host: "127.0.0.1" });
  web = await startWeb({ port: 0, indexerUrl, nodeUrl: "http://127.0.0.1:1", network: "devnet" });
  closers.push(() => web.close());
  browser = await launchChromium();
  closers.push(() => browser.close());
}, 600_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function open(path: string, shot: string): Promise<Page> {
  const page = await browser.newPage({ baseURL: web.url });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, `compromised-${shot}.png`), fullPage: true });
  return page;
}

describe("the community page's warnings in the browser", () => {
  it("shows a compromised community's banner with each flag and its transaction; none for a sound community", async () => {
    const a = await open(`/lets/${chain.ids.a}`, "a");
    const banner = a.getByTestId("compromised");
    await expect(banner.getByRole("heading").textContent()).resolves.toBe("This community is compromised");
    const items = banner.getByTestId("compromises").locator("li");
    expect(await items.count()).toBe(1);
    const txId = chain.forged.transactions[0]!.id;
    expect(await items.first().textContent()).toContain(`forged account at height ${chain.forged.header.height}`);
    expect(await items.first().locator("a").getAttribute("href")).toBe(`/tx/${txId}?height=${chain.forged.header.height}`);
    expect(await banner.textContent()).toContain("off by -0.15");
    await a.close();

    const b = await open(`/lets/${chain.ids.b}`, "b");
    expect(await b.getByTestId("community-name").count()).toBe(1);
    expect(await b.getByTestId("compromised").count()).toBe(0);
    expect(await b.getByTestId("metadata-problem").count()).toBe(0);
    await b.close();
  });

  it("shows metadata that is not JSON as the committee wrote it, with the problem", async () => {
    const c = await open(`/lets/${chain.ids.c}`, "c");
    expect(await c.getByTestId("community-name").textContent()).toContain("(unnamed community)");
    expect(await c.getByTestId("metadata-problem").textContent()).toContain("R6: metadata is not JSON");
    expect(await c.getByTestId("metadata-raw").textContent()).toBe(chain.cMetadata);
    await c.close();
  });
});
