/**
 * Post-factum payments in Chromium (contract version 7, docs/escrow.md, docs/web.md) on the real
 * stack: member 1 pays member 2 after delivery from the pay screen (the terms in words first; the
 * first signature opens an escrow, with its deposit and joining fee shown, the second commits),
 * sees the order in its wallet's "Orders after delivery", is refused before signing a release
 * above the max, releases part; member 2's wallet shows it settled. The community's orders page
 * (linked from the community page) filters by status and downloads CSV. The pay screen's form and
 * the wallet's orders fit a phone. Screenshots in test-results/e2e/ (escrow-*.png).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };
const [PAYER, PAYEE] = [1, 2];

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [PAYER, PAYEE] });
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, `escrow-${name}.png`), fullPage: true });
}

const card = (page: Page, index: number) => page.locator(`li[data-account-id="${seeded.accountIds.get(index)}"]`);

/** Member `index`'s wallet page with its development wallet connected. */
async function walletOf(index: number, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await e2e.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await openApp(page, "/wallet");
  await connectDevWallet(page, index);
  await page.waitForURL(/\/wallet\?address=/);
  return page;
}

/** The pay screen of the payer, naming the payee, with `max` typed and "Pay after delivery" chosen. */
async function afterDeliveryScreen(max: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await e2e.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await openApp(page, `/pay?community=${seeded.communityId}&from=${seeded.accountIds.get(PAYER)}`);
  await connectDevWallet(page, PAYER);
  await page.getByLabel("Pay to").fill(devAccount(PAYEE).address);
  await expectText(page.getByTestId("payee"), new RegExp(`${devAccount(PAYEE).address}$`));
  await page.getByLabel("Amount (SHL)").fill(max);
  await page.getByTestId("pay-after-delivery-choice").check();
  return page;
}

describe("post-factum payments", () => {
  it("pays after delivery (an escrow opened, then the commit), releases part from the wallet after refusing more than the max, and the payee sees it settled", async () => {
    const page = await afterDeliveryScreen("50.00");
    await page.getByLabel("Minimum (SHL)").fill("20");
    await page.getByTestId("escrow-days").fill("1");
    await page.getByLabel("Note (optional)").fill("two chairs, delivered by Friday");
    const height = await e2e.stack.node.height();
    await expectText(
      page.getByTestId("escrow-sentence"),
      new RegExp(`^You commit 50\\.00 SHL now\\. After delivery you release what you decide, at least 20\\.00\\. If you do nothing by \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(block ${(height + 720).toLocaleString("en-US")}\\), account [0-9a-f]{10}… may claim 20\\.00 and the rest comes back to you \\(anyone may return it\\)\\.$`),
    );
    await expectText(page.getByTestId("escrow-open-cost"), /a deposit of [\d.]+ ERG \(refunded when you close it\) and the joining fee of 0\.1 ERG/);
    await keep(page, "pay-after-delivery");
    await page.getByTestId("escrow-submit").click();
    await approveSignature(page);
    await approveSignature(page);
    await expectText(page.getByTestId("escrow-status"), /^Committed 50\.00 SHL to account [0-9a-f]{10}… after delivery/);
    await e2e.stack.waitForMempool(2);
    await e2e.stack.mine();

    const payer = await walletOf(PAYER);
    const orders = card(payer, PAYER).getByTestId("escrow-orders");
    const row = orders.getByTestId("escrow-open-orders").locator("li").first();
    await expectText(row.getByTestId("escrow-order-amount"), "−50.00 SHL");
    await expectText(row.getByTestId("escrow-order-deadline"), /^deadline block [\d,]+, in about 24 hours \(7\d\d blocks\)$/);
    await expectText(orders.getByTestId("escrow-box"), /holding an order of 50\.00 SHL/);
    await expectText(card(payer, PAYER).getByTestId("balance"), "-50.00 SHL");
    await row.getByText("Release…").click();
    await row.getByTestId("escrow-release-amount").fill("60");
    await expectText(row.getByTestId("escrow-release-refusal"), "Refused before signing: you committed 50.00 SHL, so you can release at most 50.00 SHL, not 60.00 SHL.");
    expect(await row.getByTestId("escrow-release-sign").isDisabled()).toBe(true);
    await keep(payer, "release-refused");
    await row.getByTestId("escrow-release-amount").fill("30");
    await expectText(row.getByTestId("escrow-release-split"), "The payee gets 30.00 SHL; 20.00 SHL comes back to you.");
    expect(e2e.stack.mempool()).toEqual([]);
    await row.getByTestId("escrow-release-sign").click();
    await approveSignature(payer);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(card(payer, PAYER).getByTestId("balance"), "-30.00 SHL");
    await expectText(orders.getByTestId("escrow-settled-orders").getByTestId("escrow-order-outcome"), "released 30.00 SHL to the payee, 20.00 SHL back to you");
    await expectText(orders.getByTestId("escrow-box"), /idle\./);
    await keep(payer, "wallet-payer");
    // The statement names the escrow, not an unknown account, and offers no review of it.
    expect(await card(payer, PAYER).getByTestId("statement-escrow").count()).toBeGreaterThan(0);
    await openApp(payer, `/lets/${seeded.communityId}/members/${seeded.accountIds.get(PAYER)}`);
    // The commit (to the escrow) and the settlement (from it): both legs name the escrow.
    expect(await payer.getByTestId("payments").getByTestId("payment-escrow").count()).toBe(2);

    const payee = await walletOf(PAYEE);
    await expectText(card(payee, PAYEE).getByTestId("balance"), "30.00 SHL");
    const settled = card(payee, PAYEE).getByTestId("escrow-settled-orders").locator("li").first();
    expect(await settled.getAttribute("data-role")).toBe("payee");
    await expectText(settled.getByTestId("escrow-order-outcome"), "released 30.00 SHL to you, 20.00 SHL back to the payer");
    await keep(payee, "wallet-payee");
  });

  it("lists the community's orders with a status filter and a CSV download, linked from the community page", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}`);
    await page.getByTestId("escrow-orders-link").click();
    await page.waitForURL(`**/lets/${seeded.communityId}/orders`);
    const rows = page.getByTestId("escrow-orders-table").locator("tbody tr[data-order-id]");
    await expect.poll(() => rows.count()).toBe(1);
    await expectText(rows.first().getByTestId("status"), "released");
    await expectText(rows.first().getByTestId("released"), "30.00");
    await page.getByTestId("escrow-status-filter").selectOption("open");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/status=open/);
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId("escrow-status-filter").selectOption("settled");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/status=settled/);
    await expect.poll(() => rows.count()).toBe(1);
    await keep(page, "community-orders");
    const href = (await page.getByTestId("download-csv").getAttribute("href"))!;
    expect(href).toBe(`/lets/${seeded.communityId}/orders.csv?status=settled`);
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).trim().split("\n").length).toBe(2);
    const json = await page.request.get((await page.getByTestId("download-json").getAttribute("href"))!);
    expect(((await json.json()) as { items: { outcome: string }[] }).items.map((o) => o.outcome)).toEqual(["released"]);
  });

  it("fits the pay screen's after-delivery form, the wallet's orders and the orders page on a phone", async () => {
    const pay = await afterDeliveryScreen("5.00", PHONE);
    await pay.getByTestId("escrow-days").fill("2");
    await expectText(pay.getByTestId("escrow-sentence"), /^You commit 5\.00 SHL now\. After delivery you release what you decide, up to 5\.00\./);
    // The escrow exists now, idle: no second opening.
    expect(await pay.getByTestId("escrow-open-cost").count()).toBe(0);
    expect(await pay.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await keep(pay, "pay-phone");
    const wallet = await walletOf(PAYER, PHONE);
    await card(wallet, PAYER).getByTestId("escrow-orders").waitFor();
    expect(await wallet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await keep(wallet, "wallet-phone");
    const page = await e2e.newPage();
    await page.setViewportSize(PHONE);
    await openApp(page, `/lets/${seeded.communityId}/orders`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const wide = await page.locator(".table-wrap").evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length);
    expect(wide).toBe(0);
    await keep(page, "community-orders-phone");
  });
});
