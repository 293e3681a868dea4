/**
 * The community page's charts for a young community, in Chromium: every block is from today, so
 * the time axis spans days, not years; counts have whole-number ticks; the balance histogram's
 * bins start at round amounts; legends show the latest figures before anything is hovered; and a
 * community nobody has joined says so instead of drawing zeros. The ticks are drawn on a canvas,
 * so the chart writes what it drew on its element (data-x-min, data-x-max, data-x-ticks,
 * data-y-ticks).
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";

const e2e = setupE2e();
let young: Seeded;
let empty: Seeded;

beforeAll(async () => {
  young = await seedCommunity(e2e.stack, {
    members: [1, 2, 3, 4],
    rounds: [
      [[1, 2, 3_478n], [3, 4, 99n]],
      [[2, 3, 12_345n], [4, 1, 5n]],
    ],
  });
  empty = await seedCommunity(e2e.stack, { members: [] });
}, 180_000);

interface Drawn {
  xMin: number;
  xMax: number;
  xTicks: string[];
  yTicks: string[];
  legend: string[];
}

/** What a chart drew: its x range (seconds), its tick labels, and its legend's values. */
async function drawn(chart: Locator): Promise<Drawn> {
  // uPlot's legend is in the DOM as soon as the chart is drawn; the ticks are on the canvas.
  await chart.locator(".u-legend").waitFor();
  const plot = chart.locator("div[role=img]");
  return {
    xMin: Number(await plot.getAttribute("data-x-min")),
    xMax: Number(await plot.getAttribute("data-x-max")),
    xTicks: JSON.parse((await plot.getAttribute("data-x-ticks")) ?? "[]") as string[],
    yTicks: JSON.parse((await plot.getAttribute("data-y-ticks")) ?? "[]") as string[],
    legend: (await chart.locator(".u-legend .u-value").allTextContents()).map((t) => t.trim()),
  };
}

const stats = async (page: Page, communityId: string) =>
  ((await (await page.request.get(`/lets/${communityId}/stats.json?interval=day`)).json()) as { items: Record<string, string | number>[] }).items;

const WHOLE = /^-?\d{1,3}(,\d{3})*$/;

describe("charts of a young community", () => {
  it("fit one day's data: a time axis of days, whole-number ticks of counts, legends with the latest figures", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${young.communityId}`);
    const rows = await stats(page, young.communityId);
    const latest = rows[rows.length - 1]!;
    for (const id of ["payments", "volume", "members", "supply"]) {
      const d = await drawn(page.getByTestId(`chart-${id}`));
      expect({ id, legend: d.legend.includes("--") }).toEqual({ id, legend: false });
      expect(d.legend[0]).toBe(new Date(Number(latest.start)).toISOString().slice(0, 10));
      expect({ id, days: (d.xMax - d.xMin) / 86_400 }).toEqual({ id, days: rows.length });
      if (id === "payments" || id === "members") for (const tick of d.yTicks) expect({ id, tick }).toEqual({ id, tick: expect.stringMatching(WHOLE) });
      expect(d.xTicks.length).toBeGreaterThan(0);
    }
    expect((await drawn(page.getByTestId("chart-payments"))).legend[1]).toBe(String(latest.payments));
    expect((await drawn(page.getByTestId("chart-members"))).legend.slice(1)).toEqual([String(latest.activeMembers), String(latest.newMembers)]);
    // Kept as an artifact, to look at.
    await page.getByTestId("charts").screenshot({ path: join(FAILURE_DIR, "charts-young-community.png") });
    // 34.78 + 123.45 + 0.99 + 0.05 = 159.27 moved today.
    expect((await drawn(page.getByTestId("chart-volume"))).legend[1]).toBe("159.27");
  });

  it("bins balances at round amounts in the community's units, with whole-number counts", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${young.communityId}`);
    const d = await drawn(page.getByTestId("chart-distribution"));
    for (const tick of d.yTicks) expect(tick).toMatch(WHOLE);
    const bins = ((await (await page.request.get(`/lets/${young.communityId}/distribution.json`)).json()) as { bins: { from: string; to: string }[] }).bins;
    const width = BigInt(bins[0]!.to) - BigInt(bins[0]!.from) + 1n;
    expect(width.toString()).toMatch(/^[125]0*$/);
    for (const bin of bins) expect(BigInt(bin.from) % width).toBe(0n);
    // The labels are those round edges, at most the community's two decimals.
    expect(d.xTicks.length).toBeGreaterThan(1);
    for (const tick of d.xTicks) {
      expect(tick).toMatch(/^-?\d+(\.\d{1,2})?$/);
      expect(BigInt(Math.round(Number(tick) * 100)) % width).toBe(0n);
    }
    expect(d.legend).not.toContain("--");
    await page.getByTestId("chart-distribution").screenshot({ path: join(FAILURE_DIR, "charts-young-distribution.png") });
  });

  it("says a community nobody has joined has nothing to chart, instead of drawing fractions of zero", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${empty.communityId}`);
    await expect.poll(() => page.getByTestId("charts-empty").isVisible()).toBe(true);
    expect(await page.getByTestId("chart-payments").count()).toBe(0);
  });
});
