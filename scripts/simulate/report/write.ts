/** Writes a run's report into a directory: summary.json, transactions.csv, accounts.csv, report.html, and orders.md with payment orders. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SimulationResult } from "../run.ts";
import { renderReport, reportData } from "./html.ts";
import { replay } from "./series.ts";
import { summarize, type Summary } from "./summary.ts";
import { accountsCsv, transactionsCsv } from "./tables.ts";
import { ordersMarkdown } from "./orders.ts";

export const REPORT_FILES = ["summary.json", "transactions.csv", "accounts.csv", "report.html"] as const;
/** Written beside them when the scenario has payment orders. */
export const ORDERS_REPORT_FILE = "orders.md";

/** Writes the files into `outDir` (created if needed); returns the summary. */
export async function writeReport(result: SimulationResult, outDir: string): Promise<Summary> {
  const { scenario } = result;
  const daysRun = Math.max(1, Math.ceil(result.blocksRun / scenario.blocksPerDay));
  const days = replay(result.events, scenario.blocksPerDay, daysRun, scenario.policy.creditLimit, result.ledger);
  const summary = summarize(result, days);
  const openBalances = [...result.ledger.accounts.values()].filter((a) => a.status === "open").map((a) => Number(a.balance));
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(join(outDir, "transactions.csv"), transactionsCsv(result)),
    writeFile(join(outDir, "accounts.csv"), accountsCsv(result)),
    writeFile(join(outDir, "report.html"), await renderReport(reportData(summary, days, openBalances))),
    ...(summary.orders ? [writeFile(join(outDir, ORDERS_REPORT_FILE), ordersMarkdown(summary.orders, { scenario: scenario.name, seed: scenario.seed, blocksRun: result.blocksRun }))] : []),
  ]);
  return summary;
}
