/**
 * Screenshots of the explorer at desktop and phone widths against a demo stack, for a person to
 * look at; also lists any browser console error or CSP violation. Usage:
 * `tsx scripts/web/screenshots.ts [outDir]` (default /tmp/lets-web-shots). Needs Chromium.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startDemoStack } from "./demo-stack.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

const outDir = process.argv[2] ?? "/tmp/lets-web-shots";
await mkdir(outDir, { recursive: true });
const stack = await startDemoStack();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  const txId = await firstTxId(stack.webUrl, stack.communityId);
  const pages: Record<string, string> = {
    communities: "/",
    community: `/lets/${stack.communityId}`,
    account: `/lets/${stack.communityId}/members/${stack.accountIds[0]}`,
    tx: `/tx/${txId.id}?height=${txId.height}`,
    missing: `/lets/${"0".repeat(64)}`,
  };
  for (const [device, viewport] of Object.entries(WIDTHS)) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && console.log(`  console error (${device}): ${m.text()}`));
    page.on("pageerror", (e) => console.log(`  page error (${device}): ${e.message}`));
    for (const [name, path] of Object.entries(pages)) {
      const response = await page.goto(stack.webUrl + path, { waitUntil: "networkidle" });
      await page.waitForTimeout(name === "community" ? 2_500 : 300);
      const file = join(outDir, `${name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${response?.status()} ${path} -> ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}

async function firstTxId(webUrl: string, communityId: string): Promise<{ id: string; height: number }> {
  const rows = (await (await fetch(`${webUrl}/lets/${communityId}/payments.json?payLimit=1`)).json()) as { items: { txId: string; height: number }[] };
  return { id: rows.items[0]!.txId, height: rows.items[0]!.height };
}
