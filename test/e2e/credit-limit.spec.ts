/**
 * The credit limit reads the same everywhere, in Chromium: a positive amount called "credit limit"
 * (how far below zero a balance may go), never "-500.00" in one place and "500.00" in another. On a
 * community seeded with a credit limit of 500.00 SHL: the communities list, the members table, the
 * account page, the join page and the wallet; the create form's rules say the same (journey.spec.ts)
 * and so does the pay screen's refusal (pay-screen.spec.ts).
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { textOf } from "./text.ts";

const e2e = setupE2e();
let seeded: Seeded;

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2] });
}, 120_000);

/** The text of the table cell under the column headed `header`, in `row`. */
async function cellUnder(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
  const column = headers.findIndex((h) => h.startsWith(header));
  expect(column, `a column headed ${header}: ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return textOf(row.locator("td, th").nth(column));
}

describe("the credit limit", () => {
  it("is 500.00 SHL, positive, in the explorer, the join page and the wallet", async () => {
    const page = await e2e.newPage();
    const { communityId } = seeded;

    await page.goto("/");
    const communities = page.locator("table").first();
    const row = communities.locator("tbody tr").filter({ has: page.locator(`a[href="/lets/${communityId}"]`) });
    expect(await cellUnder(communities, row, "Credit limit")).toBe("500.00");

    await page.goto(`/lets/${communityId}`);
    const members = page.getByTestId("members");
    const first = members.locator("tbody tr[data-account-id]").first();
    expect(await cellUnder(members, first, "Credit limit")).toBe("500.00");

    await page.goto(`/lets/${communityId}/members/${seeded.accountIds.get(1)}`);
    expect(await textOf(page.getByTestId("credit-limit"))).toBe("500.00 SHL");

    await page.goto(`/lets/${communityId}/join`);
    expect(await textOf(page.getByTestId("join-terms").locator("dt", { hasText: /^Credit limit$/ }).locator("+ dd"))).toBe("500.00 SHL");

    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    const card = page.locator(`li[data-account-id="${seeded.accountIds.get(1)}"]`);
    expect(await textOf(card.locator("dt", { hasText: /^Credit limit\s?\??$/ }).locator("+ dd"))).toBe("500.00 SHL");

    // Nowhere is the limit written as a negative amount.
    for (const url of [`/lets/${communityId}/join`, `/wallet?address=${devAccount(1).address}`]) {
      await page.goto(url);
      expect(await page.locator("main").innerText(), url).not.toMatch(/-500\.00/);
    }
  });
});
