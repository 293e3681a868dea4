/**
 * The exchange desk in Chromium on the real stack (docs/desk.md, docs/web.md): the committee
 * (development account 0) opens a desk of Seeded Shells at 1.10 SHL per ERG with 1% fees and a
 * member limit of 3.00 SHL a period, straight against the node with the builders. A member buys
 * 1.00 SHL from the wallet page (the exact quote first, signed with the development wallet), is
 * refused before signing a buy past the member limit and a sell into credit, sells 0.50 SHL back
 * (its own key signs its account's input), and sees its trades on the desk page, linked from the community page; the committee then announces a change, which the
 * page shows with its block. Screenshots in test-results/e2e/ (desk-*.png).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openDesk } from "../../contracts/builders/desk-open.ts";
import { governDesk } from "../../contracts/builders/desk-govern.ts";
import { buyCostNanoErg, decodeDesk, sellPayoutNanoErg, type DeskTerms } from "../../contracts/desk/desk.ts";
import { publishOraclePool, publishedPoolNft } from "../../contracts/desk/oracle-publish.ts";
import { devAccount } from "../../ergo/keys.ts";
import { displayErg } from "../../web/lib/amount.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };
const [COMMITTEE, BUYER] = [0, 1];
const TERMS: Omit<DeskTerms, "maxUnits"> = {
  rateNum: 110n, rateDen: 1_000_000_000n, buyFeeBps: 100n, sellFeeBps: 100n, issueLimit: 100_000n,
  periodBlocks: 1_000n, memberLimit: 300n, noticeBlocks: 10n, maxOracleAge: 30n, oracleNft: "",
};

/** The live desk box of the seeded community (or `communityId`'s), from the node. */
async function deskBox(communityId = seeded.communityId) {
  for (const box of await e2e.stack.node.unspentByTokenId(communityId, 100)) {
    const decoded = decodeDesk(box);
    if (decoded.ok) return decoded.value;
  }
  throw new Error("no desk on the node");
}

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { founder: COMMITTEE, members: [BUYER, 2] });
  const lets = e2e.stack.lets;
  const committee = devAccount(COMMITTEE);
  const { community } = await lets.community(seeded.communityId);
  const wallet = await lets.wallet(committee);
  await lets.submit(committee, (height) => openDesk({ community: community.box, terms: TERMS, reserveNanoErg: 5_000_000_000n }, { height, wallet }));
  await e2e.stack.mine();
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

const card = (page: Page) => page.locator(`li[data-account-id="${seeded.accountIds.get(BUYER)}"]`);
const deskPage = () => `/lets/${seeded.communityId}/desk`;

describe("the exchange desk", () => {
  it("is linked from the community page and states its terms, reserve and cover", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}`);
    await page.getByTestId("desk-link").click();
    await page.waitForURL(`**${deskPage()}`);
    await expectText(page.getByTestId("desk-terms-rate"), "1.10 SHL per ERG");
    await expectText(page.getByTestId("desk-terms-fees"), "1% to buy, 1% to sell");
    await expectText(page.getByTestId("desk-terms-limits"), /Each member may buy at most 3\.00 SHL every 1,000 blocks/);
    await expectText(page.getByTestId("desk-reserve"), "5 ERG");
    await expectText(page.getByTestId("desk-outstanding"), "0.00 SHL");
    expect(await page.getByTestId("desk-announced").count()).toBe(0);
  });

  it("sells units to a member from the wallet after the exact quote, buys some back, and refuses a buy past the member limit and a sell into credit", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/wallet");
    await connectDevWallet(page, BUYER);
    await page.waitForURL(/\/wallet\?address=/);
    const account = card(page);
    await account.getByText("Buy units").click();
    const buy = account.getByTestId("desk-buy-form");
    await buy.getByRole("textbox", { name: "SHL to buy" }).fill("5.00");
    await buy.getByTestId("desk-buy-quote").click();
    await expectText(buy.getByTestId("desk-buy-status"), /you can buy 3\.00 SHL more this period, not 5\.00 SHL/);
    await buy.getByRole("textbox", { name: "SHL to buy" }).fill("1.00");
    await buy.getByTestId("desk-buy-quote").click();
    const cost = buyCostNanoErg({ ...TERMS, maxUnits: 0n }, 100n, 1n);
    await expectText(buy.getByTestId("quote-units"), "1.00 SHL");
    await expectText(buy.getByTestId("quote-erg"), `${displayErg(cost)} (and the network fee)`);
    await expectText(buy.getByTestId("quote-rate"), "1.10 SHL per ERG");
    await expectText(buy.getByTestId("quote-fee"), /^0\.00918273\d* ERG \(1%, included in what you pay\)$/);
    await keep(page, "desk-quote.png");
    await buy.getByTestId("desk-buy-sign").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(buy.getByTestId("confirmation").locator("h2"), /^Bought 1\.00 SHL from the exchange desk/);
    await expectText(account.getByTestId("balance"), "1.00 SHL");
    await account.getByText("Sell units").click();
    const sell = account.getByTestId("desk-sell-form");
    await sell.getByRole("textbox", { name: "SHL to sell" }).fill("2.00");
    await sell.getByTestId("desk-sell-quote").click();
    await expectText(sell.getByTestId("desk-sell-status"), /you can sell only units you hold, and your balance is 1\.00 SHL, not 2\.00 SHL/);
    expect(e2e.stack.mempool()).toEqual([]);
    await sell.getByRole("textbox", { name: "SHL to sell" }).fill("0.50");
    await sell.getByTestId("desk-sell-quote").click();
    await expectText(sell.getByTestId("quote-erg"), `${displayErg(sellPayoutNanoErg({ ...TERMS, maxUnits: 0n }, 50n, 1n))} (less the network fee)`);
    await sell.getByTestId("desk-sell-sign").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(sell.getByTestId("confirmation").locator("h2"), /^Sold 0\.50 SHL to the exchange desk/);
    await expectText(account.getByTestId("balance"), "0.50 SHL");
    // The statement names the desk in both trades, and offers no review of it (it is not a member to review).
    await expect.poll(async () => {
      await page.reload();
      return page.getByTestId("statement-desk").count();
    }, { timeout: 30_000, interval: 1_000 }).toBe(2);
    expect(await page.getByTestId("statement-review").count()).toBe(0);
  });

  it("shows the trade on the desk page, an announced change with its block, and downloads", async () => {
    const lets = e2e.stack.lets;
    const committee = devAccount(COMMITTEE);
    const wallet = await lets.wallet(committee);
    const desk = await deskBox();
    await lets.submit(committee, (height) => governDesk({ desk: desk.box, announce: { terms: { rateNum: 120n } } }, { height, wallet }));
    const height = await e2e.stack.mine();
    const page = await e2e.newPage();
    await openApp(page, deskPage());
    const rows = page.getByTestId("desk-trades").locator("tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-side")))).toEqual(["sell", "buy"]);
    const row = rows.nth(1);
    await expectText(rows.first().getByTestId("units"), "0.50");
    await expectText(row.getByTestId("units"), "1.00");
    await expectText(row.getByTestId("erg"), displayErg(buyCostNanoErg({ ...TERMS, maxUnits: 0n }, 100n, 1n)).replace(" ERG", ""));
    await expectText(page.getByTestId("desk-outstanding"), "0.50 SHL");
    const pending = (await deskBox()).pending!;
    await expectText(page.getByTestId("desk-announced-when"), new RegExp(`^These terms apply from block ${pending.effectiveHeight}, in about \\d+ minutes \\(${Number(pending.effectiveHeight) - height} blocks\\)`));
    await expectText(page.getByTestId("desk-pending-terms-rate"), "1.20 SHL per ERG");
    await expect.poll(() => page.getByTestId("chart-desk-reserve").locator("canvas").count()).toBeGreaterThan(0);
    await keep(page, "desk.png");
    for (const section of ["trades", "events", "history"]) {
      const csv = await page.request.get((await page.getByTestId(`section-${section}`).getByTestId("download-csv").getAttribute("href"))!);
      expect(csv.status(), section).toBe(200);
      expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      const json = await page.request.get((await page.getByTestId(`section-${section}`).getByTestId("download-json").getAttribute("href"))!);
      expect(json.status(), section).toBe(200);
      expect(((await json.json()) as { items: unknown[] }).items.length, section).toBeGreaterThan(0);
    }
    await page.setViewportSize(PHONE);
    await openApp(page, deskPage());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Every table fits its box: the units and ERG are on screen without scrolling the table sideways.
    const wide = await page.locator(".table-wrap").evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.querySelector("table")?.dataset.testid));
    expect(wide).toEqual([]);
    await keep(page, "desk-phone.png");
  });

  it("fits the wallet's buy form on a phone", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize(PHONE);
    await openApp(page, "/wallet");
    await connectDevWallet(page, BUYER);
    await page.waitForURL(/\/wallet\?address=/);
    await card(page).getByText("Buy units").click();
    await card(page).getByTestId("desk-buy-in-erg").check();
    await card(page).getByTestId("desk-buy-form").getByRole("textbox", { name: "ERG to spend" }).fill("1");
    await card(page).getByTestId("desk-buy-quote").click();
    await expectText(card(page).getByTestId("quote-units"), "1.08 SHL");
    await expectText(card(page).getByTestId("quote-balance"), "1.58 SHL");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await keep(page, "desk-wallet-phone.png");
  });

  it("quotes a desk priced in dollars with the oracle's price and age, and refuses a price gone stale", async () => {
    const lets = e2e.stack.lets;
    const [committee, publisher] = [devAccount(COMMITTEE), devAccount(3)];
    const dollars = await seedCommunity(e2e.stack, { founder: COMMITTEE, members: [BUYER], metadata: { name: "Dollar Shells", symbol: "DSH", description: "A desk priced in dollars.", decimals: 2 } });
    const minted = await lets.submit(publisher, async (height) => publishOraclePool({ nanoErgPerUsd: 800_000_000n, publisherPublicKey: publisher.publicKey }, { height, wallet: await lets.wallet(publisher) }));
    const poolNft = publishedPoolNft(minted.unsigned);
    const { community } = await lets.community(dollars.communityId);
    const wallet = await lets.wallet(committee);
    await lets.submit(committee, (height) => openDesk({ community: community.box, terms: { ...TERMS, rateDen: 1n, oracleNft: poolNft, memberLimit: 0n, periodBlocks: 0n }, reserveNanoErg: 5_000_000_000n }, { height, wallet }));
    await e2e.stack.mine();
    const page = await e2e.newPage();
    await openApp(page, "/wallet");
    await connectDevWallet(page, BUYER);
    await page.waitForURL(/\/wallet\?address=/);
    const account = page.locator(`li[data-account-id="${dollars.accountIds.get(BUYER)}"]`);
    await account.getByText("Buy units").click();
    const buy = account.getByTestId("desk-buy-form");
    await buy.getByRole("textbox", { name: "DSH to buy" }).fill("1.10");
    await buy.getByTestId("desk-buy-quote").click();
    const terms = { ...TERMS, rateDen: 1n, oracleNft: poolNft, maxUnits: 0n };
    await expectText(buy.getByTestId("quote-erg"), `${displayErg(buyCostNanoErg(terms, 110n, 800_000_000n))} (and the network fee)`);
    await expectText(buy.getByTestId("quote-rate"), "1.10 DSH per USD");
    await expectText(buy.getByTestId("quote-oracle"), /^1\.25 USD per ERG, posted 2 blocks before the next block \(the desk takes it up to 30 blocks old\)$/);
    await keep(page, "desk-quote-oracle.png");
    await buy.getByTestId("desk-buy-sign").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(account.getByTestId("balance"), "1.10 DSH");
    await e2e.stack.mine(30);
    await buy.getByRole("textbox", { name: "DSH to buy" }).fill("1.00");
    await buy.getByTestId("desk-buy-quote").click();
    await expectText(buy.getByTestId("desk-buy-status"), /^Refused before signing: the oracle's dollar price was posted at block \d+, 33 blocks \(about 66 minutes\) ago, and the desk takes prices at most 30 blocks old/);
    expect(e2e.stack.mempool()).toEqual([]);
    expect((await deskBox(dollars.communityId)).balance).toBe(-110n);
  });
});
