/**
 * The app at a phone's width (390 x 844) in Chromium: the navigation is one row (a menu button
 * opens the links), the page never scrolls sideways, and every amount a table or the wallet shows
 * is whole on screen: not clipped by its cell (scrollWidth <= clientWidth) and not pushed past the
 * screen's edge. Screenshots at 390 px and 1280 px are kept in test-results/e2e/ to look at.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { devAccount } from "../../ergo/keys.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { SEED_POLICY, seedCommunity, type Seeded } from "./seed.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  // Amounts in the thousands (12,345.67), as a busy community has.
  seeded = await seedCommunity(e2e.stack, {
    policy: { ...SEED_POLICY, creditLimit: 10_000_000n },
    members: [1, 2, 3],
    rounds: [
      [[1, 2, 1_234_567n], [3, 1, 99n]],
      [[2, 3, 40_000n]],
    ],
  });
}, 180_000);

/** A page of the given size. */
async function sized(size: { width: number; height: number }): Promise<Page> {
  const page = await e2e.newPage();
  await page.setViewportSize(size);
  return page;
}

/** Every amount on the page (cells marked `.num`, wallet figures) that is clipped or past the right edge of the screen. */
const unreadableAmounts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((cells) =>
    cells
      .filter((cell) => (cell as HTMLElement).offsetParent !== null) // shown
      .map((cell) => ({ text: (cell as HTMLElement).innerText, scroll: cell.scrollWidth, client: cell.clientWidth, right: cell.getBoundingClientRect().right, lines: Math.round(cell.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight || "20")) }))
      .filter((c) => c.scroll > c.client || c.right > window.innerWidth),
  );

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

describe("at a phone's width", () => {
  it("the navigation is one row, and a menu button opens its links", async () => {
    const page = await sized(PHONE);
    await openApp(page, "/");
    const header = page.locator("header.site");
    const box = (await header.boundingBox())!;
    const brand = (await page.locator("header.site .brand").boundingBox())!;
    // One row: the header is no taller than its brand line and padding (three rows were ~130 px).
    expect(box.height).toBeLessThan(brand.height + 32);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const menu = page.getByRole("navigation", { name: "Main" }).getByText("Menu");
    await menu.click();
    await page.getByRole("link", { name: "Create a LETS" }).click();
    await page.waitForURL("**/lets/new");
    await keep(page, "phone-create.png");
  });

  it("the community page's figures, members and payments keep every amount whole on screen", async () => {
    const page = await sized(PHONE);
    await openApp(page, `/lets/${seeded.communityId}`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    for (const table of ["members", "payments"]) {
      const amounts = page.getByTestId(table).locator("td.num, th.num");
      expect({ table, shown: await amounts.count() }).toEqual({ table, shown: expect.any(Number) });
      expect({ table, unreadable: await unreadableAmounts(page, `[data-testid="${table}"] td.num`) }).toEqual({ table, unreadable: [] });
    }
    expect(await unreadableAmounts(page, ".figures dd")).toEqual([]);
    // The payments keep their amount column; the members their balance.
    expect(await page.getByTestId("members").locator('[data-testid="balance"]').first().isVisible()).toBe(true);
    expect(await page.getByTestId("payments").locator('[data-testid="amount"]').first().isVisible()).toBe(true);
    await keep(page, "phone-community.png");
  });

  it("an account page and the wallet keep their amounts whole on screen", async () => {
    const page = await sized(PHONE);
    await openApp(page, `/lets/${seeded.communityId}/members/${seeded.accountIds.get(1)}`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await unreadableAmounts(page, "td.num, .figures dd")).toEqual([]);
    await keep(page, "phone-account.png");

    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    await page.getByTestId("wallet-accounts").waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await unreadableAmounts(page, '[data-testid="wallet-accounts"] dd, [data-testid="wallet-accounts"] .balance')).toEqual([]);
    await keep(page, "phone-wallet.png");
  });

  it("at a desktop's width the links are in the header and every column shows", async () => {
    const page = await sized(DESKTOP);
    await openApp(page, `/lets/${seeded.communityId}`);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallet" }).isVisible()).toBe(true);
    expect(await page.getByTestId("members").locator("thead th").evaluateAll((ths) => ths.filter((th) => (th as HTMLElement).offsetParent !== null).length)).toBe(8);
    expect(await page.getByTestId("payments").locator("thead th").evaluateAll((ths) => ths.filter((th) => (th as HTMLElement).offsetParent !== null).length)).toBe(7);
    await keep(page, "desktop-community.png");
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    await keep(page, "desktop-wallet.png");
  });
});
