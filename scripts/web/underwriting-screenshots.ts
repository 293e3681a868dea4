/**
 * Screenshots of the underwriting screens (docs/web.md, "Underwriting") against the demo stack with
 * some underwriting on it: an accepted stake with a premium, an offer waiting, a cancelled offer,
 * a stake whose raise is in use. Shows the member's wallet (Backing, an offer's Accept opened), the
 * underwriter's screen (an offer typed, Cancel and Withdraw), the community's and an account's
 * backing, at desktop and phone widths, with the development wallet connected where it acts.
 * Usage: `tsx scripts/web/underwriting-screenshots.ts [outDir]` (default /tmp/lets-uw-shots). Needs Chromium.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { acceptUnderwriting, cancelUnderwriting, offerUnderwriting } from "../../contracts/builders/underwrite.ts";
import { LetsOverHttp, ownerOf } from "../../client/lets-over-http.ts";
import { devAccount, type DevAccount } from "../../ergo/keys.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { predict } from "../../ergo/predict.ts";
import { waitForNodeTip } from "../../indexer/wait.ts";
import { startDemoStack } from "./demo-stack.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const ERG = 1_000_000_000n;

const outDir = process.argv[2] ?? "/tmp/lets-uw-shots";
await mkdir(outDir, { recursive: true });
const stack = await startDemoStack({ members: 6, days: 8 });
const node = new NodeClient(stack.nodeUrl);
const lets = new LetsOverHttp(node);
const mine = () => node.request<{ height: number }>("POST", "/devnet/mine", { blocks: 1 });
const person = (i: number): DevAccount => devAccount(i + 1);
const account = (i: number) => lets.account(stack.communityId, person(i));

/** `by` offers to back member `to`; answers the offer box. */
async function offer(by: number, to: number, raiseUnits: bigint, stakeNanoErg: bigint, premiumUnits = 0n) {
  const [target, own] = [await account(to), await account(by)];
  const sent = await lets.submit(person(by), async (height) =>
    offerUnderwriting({ account: target.box, underwriter: ownerOf(person(by)), raiseUnits, stakeNanoErg, premiumUnits, premiumAccountId: premiumUnits > 0n ? own.accountId : undefined },
      { height, wallet: await lets.wallet(person(by)) }));
  await mine();
  const box = (await node.boxWithPool(predict(sent.unsigned).outputs[0]!.boxId))!;
  return box;
}

async function accept(member: number, offerBox: Awaited<ReturnType<typeof offer>>, premiumFrom?: number) {
  const premiumAccount = premiumFrom === undefined ? undefined : (await account(premiumFrom)).box;
  await lets.submit(person(member), async (height) =>
    acceptUnderwriting({ offer: offerBox, account: (await account(member)).box, premiumAccount }, { height, wallet: await lets.wallet(person(member)) }));
  await mine();
}

// Member 0 (the wallet shown) has one stake from member 1 with a premium, and an offer from member 2 waiting.
await accept(0, await offer(1, 0, 10_000n, 5n * ERG, 200n), 1);
await offer(2, 0, 5_000n, 6n * ERG);
// Member 3 is backed by member 1 and uses the raise: its balance goes 60.00 KCD below its base floor.
await accept(3, await offer(1, 3, 20_000n, 8n * ERG));
const m3 = await account(3);
await lets.pay(stack.communityId, person(3), [{ member: person(4), amountUnits: m3.balance + 56_000n }]);
await mine();
// Member 1 also offered to member 4 and cancelled.
const cancelled = await offer(1, 4, 3_000n, 5n * ERG);
await lets.submit(person(1), async (height) => cancelUnderwriting({ offer: cancelled }, { height, wallet: await lets.wallet(person(1)) }));
await mine();
await waitForNodeTip(stack.indexerUrl, stack.nodeUrl, 60_000);

const ids = stack.accountIds;
const address = (i: number) => person(i).address;
const pages: { name: string; path: string; wallet?: number; act?: (page: Page) => Promise<void> }[] = [
  { name: "wallet-backing", path: `/wallet?address=${address(0)}`, wallet: 1, act: async (page) => {
    await page.locator("[data-testid=offer-details] summary").first().click({ timeout: 10_000 });
    await page.locator("[data-testid=backing]").first().scrollIntoViewIfNeeded();
  } },
  { name: "underwrite", path: `/lets/${stack.communityId}/underwrite?address=${address(1)}&account=${ids[5]}`, wallet: 2, act: async (page) => {
    await page.fill("#offer-raise", "25");
    await page.fill("#offer-stake", "0.3");
    await page.waitForTimeout(500);
  } },
  { name: "underwrite-bad-input", path: `/lets/${stack.communityId}/underwrite?account=${ids[5]}`, act: async (page) => {
    await page.fill("#offer-raise", "1.234");
    await page.fill("#offer-stake", "abc");
    await page.waitForTimeout(300);
  } },
  { name: "community", path: `/lets/${stack.communityId}`, act: async (page) => {
    await page.locator("[data-testid=community-underwriting]").scrollIntoViewIfNeeded();
  } },
  { name: "account-backed", path: `/lets/${stack.communityId}/members/${ids[3]}`, act: async (page) => {
    await page.locator("[data-testid=backing]").scrollIntoViewIfNeeded();
  } },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  for (const [device, viewport] of Object.entries(WIDTHS)) {
    for (const shot of pages) {
      const context = await browser.newContext({ viewport });
      // The development wallet of the dev account `shot.wallet` (member index + 1), reconnected by the page.
      if (shot.wallet !== undefined) await context.addInitScript(`localStorage.setItem("lets.wallet", ${JSON.stringify(JSON.stringify({ kind: "dev", index: shot.wallet }))})`);
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && console.log(`  console error (${device}, ${shot.name}): ${m.text()}`));
      page.on("pageerror", (e) => console.log(`  page error (${device}, ${shot.name}): ${e.message}`));
      const response = await page.goto(stack.webUrl + shot.path, { waitUntil: "networkidle" });
      await page.waitForTimeout(1_500);
      // An action that cannot be done is reported; the screenshot is still taken, to look at why.
      await shot.act?.(page).catch((error: unknown) => console.log(`  could not act on ${shot.name} (${device}): ${(error as Error).message.split("\n")[0]}`));
      await page.waitForTimeout(1_000);
      const file = join(outDir, `${shot.name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // The part in view after the action, readable when viewed.
      await page.screenshot({ path: join(outDir, `${shot.name}-${device}-view.png`) });
      console.log(`${response?.status()} ${shot.path} -> ${file}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stack.close();
}
