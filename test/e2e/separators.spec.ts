/**
 * Thousands separators, in Chromium: every amount a person reads (balances, payments, credit
 * limits, caps, credit left, the community's figures, ERG) is written one way, "12,345.50 SHL",
 * in the communities list, the community page, an account page, a transaction page, the join page
 * and the wallet; the CSV downloads keep exact decimal strings without separators. On a community
 * whose amounts run into the thousands (a credit limit of 50,000.00 SHL, a payment of
 * 12,345.50 SHL, joining for 1,500 ERG plus 1,000 ERG collateral).
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Policy } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import { csvRecords } from "../../util/csv.ts";
import { openApp, setupE2e } from "./browser.ts";
import { seedCommunity, SEED_POLICY, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";

const ERG = 1_000_000_000n;
const POLICY: Policy = { ...SEED_POLICY, creditLimit: 5_000_000n, positiveCap: 20_000_000n, joinFeeNanoErg: 1_500n * ERG, collateralNanoErg: 1_000n * ERG };

const e2e = setupE2e();
let seeded: Seeded;
let txId: string;

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2], policy: POLICY, rounds: [[[1, 2, 1_234_550n]]] });
  const payments = await (await fetch(`${e2e.stack.indexer.url}/communities/${seeded.communityId}/payments`)).json();
  txId = payments.items[0].txId;
}, 180_000);

/** Four or more digits in a row before a point or a unit: an amount written without separators. */
const UNGROUPED = /(?<![\d,.])\d{4,}(?:\.\d|\s(?:SHL|ERG)\b)/;

/** The page's main text, checked for an amount without separators. */
async function expectNoUngrouped(page: Page): Promise<void> {
  const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
  expect(text.match(UNGROUPED)?.[0], page.url()).toBeUndefined();
}

/** The texts of the cells under the column headed `header`. */
async function column(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
  const index = headers.findIndex((h) => h.startsWith(header));
  expect(index, `a column headed ${header}: ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return table.locator("tbody tr").evaluateAll((rows, i) => rows.map((tr) => tr.querySelectorAll("td, th")[i]?.textContent?.trim() ?? ""), index);
}

describe("thousands separators", () => {
  it("in the communities list and on the community page: figures, rules, members and payments", async () => {
    const page = await e2e.newPage();
    const { communityId } = seeded;
    await page.goto("/");
    const communities = page.getByTestId("communities");
    const row = communities.locator(`tr[data-community-id="${communityId}"]`);
    const rowIndex = await communities.locator("tbody tr").evaluateAll((rows, id) => rows.findIndex((tr) => tr.getAttribute("data-community-id") === id), communityId);
    expect((await column(communities, "Money supply"))[rowIndex]).toBe("12,345.50");
    expect((await column(communities, "Credit limit"))[rowIndex]).toBe("50,000.00");
    expect((await column(communities, "Joining"))[rowIndex]).toBe("2,500 ERG");
    expect(await row.count()).toBe(1);
    await expectNoUngrouped(page);

    await page.goto(`/lets/${communityId}`);
    expect(await textOf(page.getByTestId("money-supply"))).toBe("12,345.50 SHL");
    expect(await textOf(page.getByTestId("credit-in-use"))).toBe("12,345.50 SHL");
    expect(await textOf(page.getByTestId("treasury"))).toMatch(/^3,0\d\d(\.\d+)? ERG$/);
    const rules = await textOf(page.getByTestId("policy"));
    expect(rules).toContain("A member may owe up to 50,000.00 SHL.");
    expect(rules).toContain("may not rise above 200,000.00 SHL");
    expect(rules).toContain("Joining costs 1,500 ERG for the treasury plus 1,000 ERG collateral");
    const members = page.getByTestId("members");
    expect((await column(members, "Balance")).sort()).toEqual(["-12,345.50", "12,345.50"]);
    expect((await column(members, "Credit left")).sort()).toEqual(["37,654.50", "62,345.50"]);
    expect(await column(members, "Credit limit")).toEqual(["50,000.00", "50,000.00"]);
    expect(await column(page.getByTestId("payments"), "Amount")).toEqual(["12,345.50"]);
    await expectNoUngrouped(page);
  });

  it("on an account page, a transaction page and the join page", async () => {
    const page = await e2e.newPage();
    const { communityId } = seeded;
    await page.goto(`/lets/${communityId}/members/${seeded.accountIds.get(1)}`);
    expect(await textOf(page.getByTestId("account-balance"))).toBe("-12,345.50 SHL");
    expect(await textOf(page.getByTestId("credit-left"))).toBe("37,654.50 SHL");
    expect(await textOf(page.getByTestId("credit-limit"))).toBe("50,000.00 SHL");
    const counterparties = page.getByTestId("counterparties");
    expect(await column(counterparties, "Paid")).toEqual(["12,345.50"]);
    expect(await column(counterparties, "Net")).toEqual(["-12,345.50"]);
    await expectNoUngrouped(page);

    await page.goto(`/tx/${txId}`);
    expect(await column(page.getByTestId("legs"), "Amount")).toEqual(["12,345.50 SHL"]);
    // The inputs' balances (0.00 before the payment) and the outputs'.
    const balances = (await page.getByTestId("box-balance").allInnerTexts()).map((b) => b.trim());
    expect(balances).toEqual(expect.arrayContaining(["-12,345.50 SHL", "12,345.50 SHL"]));
    expect(await page.locator("main").innerText()).toMatch(/· 1,000\.\d+ ERG/);
    await expectNoUngrouped(page);

    await page.goto(`/lets/${communityId}/join`);
    expect(await textOf(page.getByTestId("join-total"))).toMatch(/^2,500\.\d+ ERG$/);
    await expectNoUngrouped(page);
  });

  it("in the wallet: balance, what can be paid, limits, ERG and the statement", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    const card = page.locator(`li[data-account-id="${seeded.accountIds.get(1)}"]`);
    await expectText(card.getByTestId("balance"), "-12,345.50 SHL");
    expect(await textOf(card.getByTestId("available"))).toMatch(/^You can pay up to 37,654\.50 SHL /);
    expect(await textOf(card.getByTestId("credit-left"))).toBe("37,654.50 SHL");
    expect(await textOf(card.getByTestId("credit-limit"))).toBe("50,000.00 SHL");
    expect(await textOf(card.getByTestId("statement-amount"))).toBe("-12,345.50 SHL");
    expect(await textOf(card.getByTestId("account-erg"))).toMatch(/^1,000\.\d+ ERG: collateral\s?\?? 1,000 ERG /);
    expect(await textOf(page.getByTestId("address-erg"))).toMatch(/\d{2},\d{3}(\.\d+)? ERG/);
    await expectNoUngrouped(page);
  });

  it("but not in the CSV downloads: exact decimal strings a program reads back", async () => {
    const csv = csvRecords(await (await fetch(`${e2e.stack.webUrl}/lets/${seeded.communityId}/members.csv`)).text());
    expect(csv.map((row) => row.balance).sort()).toEqual(["-12345.50", "12345.50"]);
    expect(csv.map((row) => row.creditLimit)).toEqual(["50000.00", "50000.00"]);
    expect(csv.map((row) => row.positiveCap)).toEqual(["200000.00", "200000.00"]);
    const payments = csvRecords(await (await fetch(`${e2e.stack.webUrl}/lets/${seeded.communityId}/payments.csv`)).text());
    expect(payments.map((row) => row.amount)).toEqual(["12345.50"]);
  });
});
