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

/**
 * Elements whose content sticks out of them, when the page is wider than the viewport. A string,
 * so the page runs it as written (the TypeScript loader would add helpers the page lacks).
 */
const WIDER_THAN_VIEWPORT = `(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const clipped = (e) => ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX);
  const sticksOut = (e) => e.scrollWidth > e.clientWidth + 1;
  const offenders = [...document.querySelectorAll("body *")].filter((e) => sticksOut(e) && !clipped(e) && ![...e.children].some(sticksOut));
  return ["page " + root.scrollWidth + "px", ...offenders.slice(0, 8).map((e) => e.tagName.toLowerCase() + ": " + (e.textContent || "").trim().slice(0, 40))];
})()`;

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
      const overflow = (await page.evaluate(WIDER_THAN_VIEWPORT)) as string[];
      if (overflow.length > 0) console.log(`  wider than the ${device} viewport on ${name}: ${overflow.join(", ")}`);
      const file = join(outDir, `${name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // Long pages also in viewport-high parts, which stay readable when viewed.
      const pageHeight = await page.evaluate("document.documentElement.scrollHeight");
      for (let y = 0, part = 1; y < Number(pageHeight); y += viewport.height * 2, part++) {
        if (Number(pageHeight) <= viewport.height * 2) break;
        const clip = { x: 0, y, width: viewport.width, height: Math.min(viewport.height * 2, Number(pageHeight) - y) };
        await page.screenshot({ path: join(outDir, `${name}-${device}-part${part}.png`), fullPage: true, clip });
      }
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
