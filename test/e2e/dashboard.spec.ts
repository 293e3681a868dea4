/**
 * The community dashboard in Chromium on the real stack: member A (named Ana) publishes an offer and
 * sets a shop, C pays B without a listing, then B (named Bea) pays A for the offer, the payment's
 * input carrying the listing id; all straight against the node. The dashboard then shows the food
 * category's payment and volume, the marketplace's share of the week (half the payments, 12.50 of
 * 17.50 SHL), the week's active and new members, B as the top trader by name, A's shop linked to the
 * map, and every section's CSV answers with its columns. Bad input is an error page; at a phone's
 * width nothing scrolls sideways, not even a table in its box. Screenshots are kept in
 * test-results/e2e/ (dashboard.png, dashboard-phone.png).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { csvRecords } from "../../util/csv.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };
const [A, B, C] = [1, 2, 3];

/** `index` writes a profile and marketplace notes straight on the node; answers the listing id a publish gets (the account input's box id). */
async function topUp(index: number, change: Parameters<typeof e2e.stack.lets.planTopUp>[2]): Promise<string> {
  const member = devAccount(index);
  const account = await e2e.stack.lets.account(seeded.communityId, member);
  await e2e.stack.lets.submit(member, await e2e.stack.lets.planTopUp(member, account, change));
  return account.box.boxId;
}

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [A, B, C], rounds: [[[C, B, 500n]]] });
  const listingId = await topUp(A, {
    profile: { name: "Ana" },
    market: {
      listing: { op: "publish", listing: { kind: "offer", title: "Sourdough loaves", category: "food", price: { type: "fixed", units: "1250" }, expiryHeight: 1_000_000 } },
      shop: { op: "set", shop: { name: "Ana's Bakery", address: "1 Quay St", lat: -41.2842, lon: 174.7787 } },
    },
  });
  await topUp(B, { profile: { name: "Bea" } });
  await e2e.stack.mine();
  const lets = e2e.stack.lets;
  const [payer, payee] = await Promise.all([lets.account(seeded.communityId, devAccount(B)), lets.account(seeded.communityId, devAccount(A))]);
  await lets.submit(devAccount(B), await lets.planPay(devAccount(B), payer, [{ account: payee, amountUnits: 1250n }], { listingId }));
  await e2e.stack.mine();
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

const dashboard = () => `/lets/${seeded.communityId}/dashboard`;
const section = (page: Page, name: string) => page.getByTestId(`section-${name}`);

describe("the community dashboard", () => {
  it("is linked from the community page and shows the marketplace payment by category, share, member and trader", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}`);
    await page.getByTestId("dashboard-link").click();
    await page.waitForURL(`**${dashboard()}`);
    await expectText(page.getByTestId("categories").locator('tr[data-category="food"]'), "Food 1 1 12.50");
    await expectText(page.getByTestId("categories").locator('tr[data-category="goods"]'), "Goods 0 0 0.00");
    const week = page.getByTestId("market-share").locator("tbody tr").first();
    await expectText(week.getByTestId("payments-share"), "50.0%");
    await expectText(week.getByTestId("volume-share"), "71.4%");
    await expect.poll(() => section(page, "share").getByTestId("chart-market-share").locator("canvas").count()).toBeGreaterThan(0);
    const members = page.getByTestId("members-weekly").locator("tbody tr").first();
    expect([await textOf(members.getByTestId("active-members")), await textOf(members.getByTestId("new-members"))]).toEqual(["3", "3"]);
    const traders = page.getByTestId("top-traders").locator("tbody tr");
    expect(await traders.count()).toBe(3);
    const top = traders.first();
    expect(await top.getAttribute("data-account-id")).toBe(seeded.accountIds.get(B));
    expect(await top.locator("a.account").getAttribute("data-account-name")).toBe("Bea");
    expect(await top.locator("a.account").getAttribute("href")).toBe(`/lets/${seeded.communityId}/members/${seeded.accountIds.get(B)}`);
    await expectText(top, /^1 Bea · \S+ 17\.50 12\.50 5\.00 2 2$/);
    await expectText(page.getByTestId("shops-total"), /^1 shop takes Seeded Shells' units\. See them on the map$/);
    expect(await page.getByTestId("dashboard-shop").locator("a").first().getAttribute("href")).toBe(`/lets/${seeded.communityId}/shops`);
    await keep(page, "dashboard.png");
  });

  it("changes the top traders' window by link, and answers a bad window and an unknown community with error pages", async () => {
    const page = await e2e.newPage();
    await openApp(page, dashboard());
    await page.getByTestId("days-7").click();
    await page.waitForURL(/\?days=7/);
    await expectText(page.getByTestId("top-traders").locator("caption"), /^Paid and received in the last 7 days \(since \d{4}-\d{2}-\d{2}\), most first$/);
    const bad = await page.goto(`${dashboard()}?days=31`);
    expect(bad?.status()).toBe(400);
    await expectText(page.locator("main h1"), /400/);
    expect(await page.locator("main").innerText()).toContain("days must be one of 7, 30, 365");
    const unknown = await page.goto(`/lets/${"ab".repeat(32)}/dashboard`);
    expect(unknown?.status()).toBe(404);
    const badCsv = await page.request.get(`${dashboard()}/top-traders.csv?days=2`);
    expect(badCsv.status()).toBe(400);
  });

  it("downloads every section as CSV with its columns, and as JSON", async () => {
    const page = await e2e.newPage();
    await openApp(page, dashboard());
    const columns: Record<string, string[]> = {
      categories: ["category", "activeListings", "payments", "volume", "volumeUnits", "decimals"],
      share: [
        "start", "end", "payments", "marketPayments", "paymentsSharePercent", "volume", "volumeUnits", "marketVolume", "marketVolumeUnits",
        "volumeSharePercent", "startMs", "endMs", "decimals",
      ],
      members: [
        "start", "end", "payments", "volume", "volumeUnits", "activeMembers", "newMembers", "moneySupply", "moneySupplyUnits", "creditInUse",
        "creditInUseUnits", "startMs", "endMs", "decimals",
      ],
      traders: ["accountId", "paid", "paidUnits", "received", "receivedUnits", "traded", "tradedUnits", "payments", "counterparties", "decimals", "name"],
      shops: ["accountId", "communityId", "name", "address", "lat", "lon", "hours", "accepts", "ownerName", "txId", "height"],
    };
    const rows: Record<string, Record<string, string>[]> = {};
    for (const [name, expected] of Object.entries(columns)) {
      const href = await section(page, name).getByTestId("download-csv").getAttribute("href");
      const response = await page.request.get(href!);
      expect(response.status(), name).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      const text = await response.text();
      expect(text.split("\r\n")[0]!.split(","), name).toEqual(expected);
      rows[name] = csvRecords(text, { crlf: true });
      const json = await page.request.get((await section(page, name).getByTestId("download-json").getAttribute("href"))!);
      expect(json.status(), name).toBe(200);
      expect(Array.isArray(((await json.json()) as { items: unknown }).items), name).toBe(true);
    }
    expect(rows.categories!.find((r) => r.category === "food")).toMatchObject({ payments: "1", volume: "12.50", volumeUnits: "1250", decimals: "2" });
    expect(rows.share!.at(-1)).toMatchObject({ payments: "2", marketPayments: "1", paymentsSharePercent: "50.0", marketVolume: "12.50", volumeSharePercent: "71.4" });
    expect(rows.traders![0]).toMatchObject({ accountId: seeded.accountIds.get(B), traded: "17.50", tradedUnits: "1750", name: "Bea" });
    expect(rows.shops!.map((s) => s.name)).toEqual(["Ana's Bakery"]);
  });

  it("fits a phone's width", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize(PHONE);
    await openApp(page, dashboard());
    await expect.poll(() => section(page, "share").getByTestId("chart-market-share").locator("canvas").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Every table fits its box: the amounts and shares are on screen without scrolling the table sideways.
    const wide = await page.locator(".table-wrap").evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.querySelector("table")?.dataset.testid));
    expect(wide).toEqual([]);
    await keep(page, "dashboard-phone.png");
  });
});
