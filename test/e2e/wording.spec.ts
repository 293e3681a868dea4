/**
 * Words a member reads, in Chromium: nouns in the right number ("1 trading pair"), an empty table
 * that says so ("No members yet"), the members table's order in plain words, a possessive of a
 * name ending in s ("Bob's Boats'"), and a sentence ending in a shortened id with one period.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { openApp, setupE2e } from "./browser.ts";
import { seedCommunity, SEED_METADATA, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let pair: Seeded;
let empty: Seeded;
const SYMBOL = SEED_METADATA.symbol;

beforeAll(async () => {
  pair = await seedCommunity(e2e.stack, { members: [1, 2], rounds: [[[1, 2, 100n]]] });
  empty = await seedCommunity(e2e.stack, { members: [] });
}, 180_000);

describe("wording", () => {
  it("one trading pair is singular, and the members table says its order in plain words", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${pair.communityId}`);
    await expectText(page.getByTestId("network-summary"), /^2 accounts, 1 trading pair\. /);
    expect(await textOf(page.getByTestId("members").locator("caption"))).toBe("Members, sorted by date joined, oldest first");
    await openApp(page, `/lets/${pair.communityId}?sort=balance&order=desc`);
    expect(await textOf(page.getByTestId("members").locator("caption"))).toBe("Members, sorted by balance, highest first");
    expect(await textOf(page.getByTestId("table-range"))).toBe("1–2 of 2 members");
  });

  it("an empty community's tables say there is nothing yet, not 0–0 of 0", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${empty.communityId}`);
    expect(await textOf(page.getByTestId("table-range"))).toBe("No members yet");
    expect(await textOf(page.getByTestId("pay-range"))).toBe("No payments yet");
  });

  it("a payee named Bob's Boats is Bob's Boats', and a payment to an unnamed account ends with one period", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/pay?community=${pair.communityId}&from=${pair.accountIds.get(1)}`);
    await page.evaluate((address) => localStorage.setItem("lets.contacts", JSON.stringify([{ name: "Bob's Boats", address }])), devAccount(2).address);
    await page.reload();
    await page.waitForFunction(() => history.scrollRestoration === "manual");
    await connectDevWallet(page, 1);
    await page.getByLabel("Pay to").fill("Bob's Boats");
    await page.getByLabel(`Amount (${SYMBOL})`).fill("1");
    await expectText(page.getByTestId("pay-preview"), /Bob's Boats' balance/);
    expect(await textOf(page.getByTestId("pay-preview"))).not.toContain("Boats's");

    // In a browser with no contacts, by account id: the label is a shortened id, and the sentence after it has one period.
    const plain = await e2e.newPage();
    await openApp(plain, `/pay?community=${pair.communityId}&from=${pair.accountIds.get(1)}`);
    await connectDevWallet(plain, 1);
    await payById(plain);
  });
});

/** Pays 1 SHL to member 2 by account id and reads the sentence that says so. */
async function payById(page: Page): Promise<void> {
  await page.getByLabel("Pay to").fill(pair.accountIds.get(2)!);
  await page.getByLabel(`Amount (${SYMBOL})`).fill("1");
  await expectText(page.getByTestId("payee"), /^account [0-9a-f]+…/);
  await page.getByTestId("pay-submit").click();
  await approveSignature(page);
  await expectText(page.getByTestId("pay-status"), /^Paid 1\.00 SHL to /);
  const status = await textOf(page.getByTestId("pay-status"));
  expect(status).not.toMatch(/…\./);
  expect(status).not.toMatch(/\.\./);
}
