/**
 * The marketplace in Chromium on the real stack, each member with the development wallet: member A
 * publishes an offer from its community's market (a bad price refused before the wallet is asked);
 * member B finds it by search across communities, opens it, pays from the listing (the pay screen
 * filled with A and the price, the payment's input carrying the listing id), reviews the payment
 * from its wallet's statement; A's score then shows on the listing and on A's page, with the review
 * and its CSV; a want of member C's shows among A's matches; A edits its price and withdraws it from
 * the listing's page, and search no longer finds it. Phone-width screenshots are kept in
 * test-results/e2e/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { readMarketNotes } from "../../contracts/market/market-notes.ts";
import { devAccount } from "../../ergo/keys.ts";
import type { NodeInput } from "../../ergo/types.ts";
import { csvRecords } from "../../util/csv.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const PHONE = { width: 390, height: 844 };
const [A, B, C] = [1, 2, 3];
let listingId: string;

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [A, B, C] });
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

/** A page at a phone's width. */
async function phoneOn(path: string): Promise<Page> {
  const page = await e2e.newPage();
  await page.setViewportSize(PHONE);
  await openApp(page, path);
  return page;
}

describe("an offer, found, paid for and reviewed", () => {
  it("A publishes an offer from the community's market; a bad price is refused before the wallet is asked", async () => {
    const page = await phoneOn(`/lets/${seeded.communityId}/market`);
    await page.getByText("Publish a listing").click();
    await connectDevWallet(page, A);
    const form = page.getByTestId("listing-form");
    await form.getByLabel("Title").fill("Sourdough loaves");
    await form.getByLabel("Description (optional)").fill("Baked on Saturday mornings, rye or white.");
    await form.getByLabel("Category").selectOption("food");
    await form.getByLabel(`Amount (${seeded.metadata.symbol})`).fill("12.505");
    await form.getByLabel("Place name (optional)").fill("Market square");
    await form.getByRole("button", { name: "Sign and publish" }).click();
    await expectText(form.getByTestId(/-price-error$/), "Too precise: SHL amounts take at most 2 digits after the point.");
    await expectText(form.getByTestId(/-lat-error$/), /^Location lat must be a number of degrees/);
    expect(await signDialog(page).count()).toBe(0);
    await form.getByLabel(`Amount (${seeded.metadata.symbol})`).fill("12.50");
    await form.getByLabel("Place name (optional)").fill("");
    await keep(page, "market-publish-phone.png");
    await form.getByRole("button", { name: "Sign and publish" }).click();
    await expectText(signDialog(page).locator("p").first(), /^Publish an offer “Sourdough loaves” in Seeded Shells; the .* fee comes from your account's fee reserve\.$/);
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(form.getByTestId("confirmation").locator("h2"), "Your listing is published");
    const href = await form.getByTestId("confirmation").getByRole("link", { name: "See the listing" }).getAttribute("href");
    listingId = /^\/listings\/([0-9a-f]{64})$/.exec(href ?? "")![1]!;
    await page.reload();
    await expect.poll(() => page.getByTestId("listing").count()).toBe(1);
  });

  it("B finds it by search across communities, opens it and pays from it: the payment carries the listing id", async () => {
    const page = await phoneOn("/market");
    await page.getByLabel("Words").fill("sourdough");
    await page.getByLabel("Kind").selectOption("offer");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/market\?q=sourdough&category=&kind=offer/);
    const found = page.getByTestId("listing");
    await expect.poll(() => found.count()).toBe(1);
    await expectText(found.getByTestId("listing-price"), "12.50 SHL");
    await expectText(found.getByTestId("listing-reputation"), "No reviews yet");
    await keep(page, "market-search-phone.png");
    await found.getByRole("link", { name: "Sourdough loaves" }).click();
    await page.waitForURL(`**/listings/${listingId}`);
    await expectText(page.getByTestId("listing-price"), "12.50 SHL");
    await keep(page, "market-listing-phone.png");

    await page.getByTestId("pay-listing-link").click();
    await page.waitForURL(/\/pay\?community=.*&listing=/);
    await connectDevWallet(page, B);
    await expectText(page.getByTestId("pay-listing"), /^For the listing Sourdough loaves by account [0-9a-f]{10}…: the payment carries its id\.$/);
    expect(await page.getByLabel("Pay to").inputValue()).toBe(seeded.accountIds.get(A));
    expect(await page.getByLabel(`Amount (${seeded.metadata.symbol})`).inputValue()).toBe("12.50");
    await expect.poll(() => page.getByTestId("pay-submit").isEnabled()).toBe(true);
    await keep(page, "market-pay-phone.png");
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    const [txId] = await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    const mined = await e2e.stack.node.transaction(txId!, await e2e.stack.node.height());
    const refs = mined!.tx.inputs.map((i) => readMarketNotes((i as NodeInput).spendingProof.extension).listingRef).filter((r) => r !== undefined);
    expect(refs).toEqual([listingId]);
  });

  it("B reviews the payment from its wallet's statement; A's score shows on the listing and on A's page", async () => {
    const page = await phoneOn("/wallet");
    await connectDevWallet(page, B);
    await page.waitForURL(/\/wallet\?address=/);
    const card = page.locator(`li[data-account-id="${seeded.accountIds.get(B)}"]`);
    await card.getByTestId("statement-review").first().click();
    await page.waitForURL(/\/review\?payment=/);
    await expectText(page.getByTestId("review-payment"), /^For your payment of 12\.50 SHL on /);
    const form = page.getByTestId("review-form");
    await form.getByRole("button", { name: "Sign and publish the review" }).click();
    await expectText(form.getByTestId("review-rating-error"), 'Rating is a whole number from 1 to 5, got "".');
    await form.getByLabel("5 of 5").check();
    await form.getByLabel(/^What you would tell another member/).fill("Still warm, and the rye is excellent.");
    await keep(page, "market-review-phone.png");
    await form.getByRole("button", { name: "Sign and publish the review" }).click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(form.getByTestId("confirmation").locator("h2"), "Your review is published");

    await openApp(page, `/listings/${listingId}`);
    // B has paid one member: its review weighs 0.2, and the score rests on that one reviewer.
    await expectText(page.getByTestId("author-reputation"), "5.00 of 5 (mean 5.00, 1 review)");
    await expectText(page.getByTestId("review").first(), /Still warm, and the rye is excellent\..*who has paid 1 member \(weight 0\.20\)/);
    await keep(page, "market-listing-reviewed-phone.png");

    await openApp(page, `/lets/${seeded.communityId}/members/${seeded.accountIds.get(A)}`);
    await expectText(page.getByTestId("member-reputation"), "Score: 5.00 of 5 (mean 5.00, 1 review), from 1 reviewer");
    await expect.poll(() => page.getByTestId("member-market").getByTestId("listing").count()).toBe(1);
    await keep(page, "market-member-phone.png");
    const csv = await page.request.get(`${e2e.stack.webUrl}/lets/${seeded.communityId}/members/${seeded.accountIds.get(A)}/reviews.csv`);
    const rows = csvRecords(await csv.text());
    expect(rows.map((r) => [r.reviewer, r.rating, r.text, r.counted])).toEqual([[seeded.accountIds.get(B), "5", "Still warm, and the rye is excellent.", "true"]]);
  });

  it("shows C's want among A's matches; A edits the price and withdraws the listing, and search no longer finds it", async () => {
    // C wants bread (straight on the node): an offer and a want of the same category answer each other.
    const c = devAccount(C);
    const want = { kind: "want" as const, title: "Rye bread", category: "food" as const, price: { type: "negotiable" as const }, expiryHeight: (await e2e.stack.node.height()) + 720 };
    await e2e.stack.lets.submit(c, await e2e.stack.lets.planTopUp(c, await e2e.stack.lets.account(seeded.communityId, c), { market: { listing: { op: "publish", listing: want } } }));
    await e2e.stack.mine();
    const page = await phoneOn(`/lets/${seeded.communityId}/members/${seeded.accountIds.get(A)}`);
    const matches = page.getByTestId("member-matches").getByTestId("listing");
    await expect.poll(() => matches.count()).toBe(1);
    await expectText(matches.getByRole("link", { name: "Rye bread" }), "Rye bread");

    await openApp(page, `/listings/${listingId}`);
    await page.getByText("Your listing? Edit or withdraw it").click();
    await connectDevWallet(page, A);
    const form = page.getByTestId("listing-form");
    await form.getByLabel(`Amount (${seeded.metadata.symbol})`).fill("11");
    await form.getByRole("button", { name: "Sign and save the changes" }).click();
    await expectText(signDialog(page).locator("p").first(), /^Edit your offer “Sourdough loaves” in Seeded Shells;/);
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(page.getByTestId("listing-price"), "11.00 SHL");

    await page.getByTestId("listing-withdraw").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await expectText(page.getByTestId("listing-status-note"), "This listing is withdrawn: search no longer shows it.");
    expect(await page.getByTestId("pay-listing-link").count()).toBe(0);
    await openApp(page, "/market?q=sourdough");
    await expectText(page.getByTestId("table-range"), /^No listings found/);
  });

  it("answers bad searches with a message and unknown or malformed ids with 404s, never a 500", async () => {
    const page = await e2e.newPage();
    const c = seeded.communityId;
    const unknown = "ab".repeat(32);
    for (const [path, status] of [
      ["/market?near=somewhere", 200], ["/market?near=1,1&radiusKm=-1", 200], ["/market?category=weapons&kind=gift", 200], ["/market?offset=abc&q=" + "x".repeat(500), 200],
      [`/lets/${c}/market?near=91,0`, 200], [`/listings/${unknown}`, 404], ["/listings/not-an-id", 404], [`/lets/${c}/review`, 404],
      [`/lets/${c}/review?payment=${unknown}&payee=${unknown}&from=${unknown}`, 404], [`/pay?community=${c}&listing=${unknown}`, 404], [`/lets/${unknown}/shops`, 404],
      [`/lets/${c}/members/${seeded.accountIds.get(A)}/reviews.xml`, 404],
    ] as const) {
      const response = await page.request.get(`${e2e.stack.webUrl}${path}`);
      expect([path, response.status()]).toEqual([path, status]);
    }
    await openApp(page, "/market?near=1,1&radiusKm=-1");
    await expectText(page.getByTestId("market-error"), "The distance is more than 0 and at most 500 km.");
  });
});
