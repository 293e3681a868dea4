/**
 * The shop map in Chromium on the real stack, its tiles from a server that does not answer (as on
 * an offline machine): two shops set straight on the node and one set by a member from the page's
 * form, signed with the development wallet; the community's map and the map of every community
 * still mark each shop (markers counted in the DOM) and list them beside it, a marker leads to the
 * owner's member page, and closing a shop takes it off. Screenshots at a phone's width and a
 * desktop's are kept in test-results/e2e/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Shop } from "../../contracts/market/shop.ts";
import { devAccount } from "../../ergo/keys.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };

const SHOPS: [number, Shop][] = [
  [2, { name: "Harbour Bakery", address: "1 Quay St", lat: -41.2842, lon: 174.7787, hours: "Tue-Sun 7-15" }],
  [3, { name: "Cuba St Repairs", address: "200 Cuba St", lat: -41.2951, lon: 174.7741 }],
];

/** Member `index` sets `shop` straight on the node. */
async function setShop(index: number, shop: Shop): Promise<void> {
  const member = devAccount(index);
  const account = await e2e.stack.lets.account(seeded.communityId, member);
  await e2e.stack.lets.submit(member, await e2e.stack.lets.planTopUp(member, account, { market: { shop: { op: "set", shop } } }));
}

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

const markers = (page: Page) => page.getByTestId("shop-map").getByTestId("shop-marker");

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3] });
  for (const [index, shop] of SHOPS) await setShop(index, shop);
  await e2e.stack.mine();
}, 180_000);

describe("the shop map without tiles", () => {
  it("marks and lists the community's shops; a member sets its own from the page and it joins them", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}/shops`);
    await expect.poll(() => markers(page).count()).toBe(2);
    await expect.poll(() => page.getByTestId("shop").count()).toBe(2);
    await page.getByTestId("tiles-failed").waitFor();
    await expectText(page.getByTestId("shops-count"), /^2 shops in Seeded Shells\./);

    await connectDevWallet(page, 1);
    const form = page.getByTestId("shop-form");
    await form.getByLabel("Shop name").fill("Aro Valley Eggs");
    await form.getByLabel("Address").fill("3 Aro St");
    await form.getByLabel("Latitude").fill("-41.2950123");
    await form.getByRole("button", { name: "Sign and set the shop" }).click();
    await expectText(page.getByTestId("shop-lat-error"), "Lat has at most 6 decimals, got -41.2950123.");
    await expectText(page.getByTestId("shop-lon-error"), "Lon must be a number of degrees from -180 to 180, got undefined.");
    await form.getByLabel("Latitude").fill("-41.295");
    await form.getByLabel("Longitude").fill("174.762");
    await form.getByRole("button", { name: "Sign and set the shop" }).click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(page.getByTestId("confirmation").locator("h2"), "Your shop is on the map");
    await expect.poll(() => markers(page).count()).toBe(3);
    await expect.poll(() => page.getByTestId("shop").count()).toBe(3);
    await keep(page, "shops-community.png");
  });

  it("shows every community's shops at a phone's width, and a marker opens the owner's page", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize(PHONE);
    await openApp(page, "/shops");
    await expect.poll(() => markers(page).count()).toBe(3);
    await expect.poll(() => page.getByTestId("shop").count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await keep(page, "shops-phone.png");
    await page.locator('[data-testid="shop-marker"][aria-label^="Harbour Bakery"]').click();
    await page.waitForURL(new RegExp(`/lets/${seeded.communityId}/members/${seeded.accountIds.get(2)}$`));
  });

  it("takes a closed shop off the map", async () => {
    const member = devAccount(3);
    const account = await e2e.stack.lets.account(seeded.communityId, member);
    await e2e.stack.lets.submit(member, await e2e.stack.lets.planTopUp(member, account, { market: { shop: { op: "close" } } }));
    await e2e.stack.mine();
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}/shops`);
    await expect.poll(() => markers(page).count()).toBe(2);
    expect(await page.getByTestId("shops-list").innerText()).not.toContain("Cuba St Repairs");
  });
});
