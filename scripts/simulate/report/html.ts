/**
 * `report.html`: one self-contained page. uPlot's IIFE build and its CSS are inlined from
 * node_modules (no network at view time), the data is inlined as JSON, the page draws the charts.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { histogram } from "../stats.ts";
import { narrative } from "./narrative.ts";
import type { DayPoint } from "./series.ts";
import type { Summary } from "./summary.ts";

const require = createRequire(import.meta.url);

/** JSON that is safe inside a <script> element: no "<" can close it or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The chart data: per-day series as plain numbers, and the distribution of the open balances. */
export function reportData(summary: Summary, days: DayPoint[], openBalances: number[]) {
  return {
    summary,
    narrative: narrative(summary),
    days: days.map((d) => ({
      day: d.day,
      payments: d.payments,
      volume: Number(d.volumeUnits),
      moneySupply: Number(d.moneySupplyUnits),
      creditInUse: Number(d.creditInUseUnits),
      utilisation: d.creditCapacityUnits === 0n ? 0 : Number(d.creditInUseUnits) / Number(d.creditCapacityUnits),
      refusals: d.refusals,
    })),
    balanceBins: histogram(openBalances, 30),
  };
}

/** The page, with everything inlined. */
export async function renderReport(data: ReturnType<typeof reportData>): Promise<string> {
  const [template, uplotJs, uplotCss] = await Promise.all([
    readFile(new URL("./report.html", import.meta.url), "utf8"),
    readFile(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    readFile(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  ]);
  const title = `${data.summary.scenario.community.name}: ${data.summary.scenario.name} (seed ${data.summary.seed})`;
  // Replacement functions, not strings: "$&" and friends in the inlined code must stay literal.
  return template
    .replace("__TITLE__", () => escapeHtml(title))
    .replace("/*__UPLOT_CSS__*/", () => uplotCss)
    .replace("__DATA__", () => scriptJson(data))
    .replace("/*__UPLOT_JS__*/", () => uplotJs.replaceAll("</script", "<\\/script"));
}
