/**
 * One date format in the explorer and the wallet, in Chromium: every time a page writes is
 * "YYYY-MM-DD HH:MM UTC" and every day "YYYY-MM-DD" (months "YYYY-MM"), the charts' time ticks and
 * legends included (they were "Dec 2" beside "2026-12-02"): the payments table, the transaction
 * page, the block page, the wallet's statement, the account page's balance chart, the community's
 * charts. The format itself is web/lib/dates.ts (dates.spec.ts).
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
  seeded = await seedCommunity(e2e.stack, { members: [1, 2], rounds: [[[1, 2, 125n]]] });
}, 120_000);

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/;
const DAY_OR_MONTH = /^\d{4}-\d{2}(-\d{2})?$/;

/** A chart's x tick labels (drawn on a canvas; the chart writes them on its element) and its legend's x value. */
async function chartDates(chart: Locator): Promise<{ ticks: string[]; legend: string }> {
  await chart.locator(".u-legend").waitFor();
  const ticks = JSON.parse((await chart.locator("div[role=img]").getAttribute("data-x-ticks")) ?? "[]") as string[];
  const legend = (await chart.locator(".u-legend .u-value").first().textContent())?.trim() ?? "";
  return { ticks, legend };
}

describe("one date format", () => {
  it("writes every time as YYYY-MM-DD HH:MM UTC and every day as YYYY-MM-DD, charts included", async () => {
    const page = await e2e.newPage();
    const { communityId } = seeded;

    await openApp(page, `/lets/${communityId}`);
    const times = await page.getByTestId("payments").locator("tbody tr td:nth-child(2)").allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t.trim()).toMatch(TIME);
    for (const id of ["payments", "volume", "members", "supply"]) {
      const { ticks, legend } = await chartDates(page.getByTestId(`chart-${id}`));
      expect(ticks.length, id).toBeGreaterThan(0);
      for (const tick of ticks) expect({ id, tick }).toEqual({ id, tick: expect.stringMatching(DAY_OR_MONTH) });
      expect(legend, id).toMatch(DAY_OR_MONTH);
    }

    await openApp(page, `/lets/${communityId}/members/${seeded.accountIds.get(1)}`);
    const balance = page.getByTestId("chart-balance");
    if ((await balance.count()) > 0) {
      const { ticks, legend } = await chartDates(balance);
      for (const tick of ticks) expect(tick).toMatch(DAY_OR_MONTH);
      expect(legend).toMatch(TIME);
    }

    const payments = await (await fetch(`${e2e.stack.indexer.url}/communities/${communityId}/payments`)).json();
    const { txId, height } = payments.items[0];
    await page.goto(`/tx/${txId}`);
    expect(await textOf(page.getByTestId("tx-summary"))).toMatch(/, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, in block/);
    await page.goto(`/blocks/${height}`);
    expect(await textOf(page.getByTestId("block-time"))).toMatch(TIME);

    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    const statement = page.locator(`li[data-account-id="${seeded.accountIds.get(1)}"] tr[data-tx-id] td:first-child`);
    await statement.first().waitFor();
    for (const t of await statement.allTextContents()) expect(t.trim()).toMatch(TIME);
  });
});
