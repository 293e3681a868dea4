/**
 * Screenshots of the loan pages (docs/web.md, "Loans") at desktop and phone widths: the market,
 * a loan's schedule against what happened, and the bank's record, over the five loans of
 * `indexer/sync/loan-testing.ts` (a real chain of the builders, both interpreters) synced into a
 * PGlite database and served by the indexer's own API; also lists any browser console error or
 * page wider than its viewport. Usage: `tsx scripts/web/loan-screenshots.ts [outDir]` (default
 * /tmp/lets-loan-shots). Needs Chromium.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildIndexerApi } from "../../indexer/api/app.ts";
import { openDatabase } from "../../indexer/db/connect.ts";
import { loanHistory } from "../../indexer/sync/loan-testing.ts";
import { BatchPipeline } from "../../indexer/sync/pipeline.ts";
import { startWeb } from "../../web/start.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const WIDER_THAN_VIEWPORT = `(() => {
  const root = document.documentElement;
  return root.scrollWidth <= root.clientWidth ? [] : ["page " + root.scrollWidth + "px"];
})()`;

const outDir = process.argv[2] ?? "/tmp/lets-loan-shots";
await mkdir(outDir, { recursive: true });
const h = loanHistory();
const db = await openDatabase();
const pipeline = new BatchPipeline(db);
await pipeline.add(h.c.blocks);
await pipeline.finish();
const api = buildIndexerApi({ db });
const indexerUrl = await api.listen({ port: 0, host: "127.0.0.1" });
const web = await startWeb({ indexerUrl, network: "devnet" });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  const pages = { market: "/loans", loan: `/loans/${h.a.loanId}`, claimable: `/loans/${h.e.loanId}`, bank: `/banks/${h.f.bank.address}` };
  for (const [device, viewport] of Object.entries(WIDTHS)) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && console.log(`  console error (${device}): ${m.text()}`));
    page.on("pageerror", (e) => console.log(`  page error (${device}): ${e.message}`));
    for (const [name, path] of Object.entries(pages)) {
      const response = await page.goto(web.url + path, { waitUntil: "networkidle" });
      const overflow = (await page.evaluate(WIDER_THAN_VIEWPORT)) as string[];
      if (overflow.length > 0) console.log(`  wider than the ${device} viewport on ${name}: ${overflow.join(", ")}`);
      const file = join(outDir, `${name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${response?.status() ?? "?"} ${path} -> ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await web.close();
  await api.close();
  await db.destroy();
}
