/**
 * A policy comparison (docs/simulate.md, "Comparing policies"): the same scenario and seed run
 * once under each policy, one after the other, each on its own fresh chain and reconciled as a
 * single run is; each run's report goes in its own directory, and `compare.json` and `compare.md`
 * put them side by side.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { comparison, comparisonMarkdown, type ComparedRun, type Comparison } from "./report/compare.ts";
import { writeReport } from "./report/write.ts";
import { simulate, type SimulationOptions } from "./run.ts";
import type { Scenario } from "./scenario.ts";

export const COMPARE_FILES = ["compare.json", "compare.md"] as const;

export interface CompareOptions {
  /** What the comparison answers (printed above the table); may be empty. */
  question: string;
  /** The policies, the first being the baseline, each as a whole scenario. */
  policies: { name: string; scenario: Scenario }[];
  outDir: string;
  /** The options of policy `index`'s run, but its scenario (the chain, the indexer, progress...). */
  runOptions?: (name: string, index: number) => Omit<SimulationOptions, "scenario">;
}

export interface CompareResult {
  comparison: Comparison;
  runs: ComparedRun[];
  /** Every run reconciled its ledger with the chain (and the indexer). */
  reconciled: boolean;
}

/** A run's directory: its position and its name in lower case letters, digits and dashes ("2-1-month"). */
export function runDirectory(index: number, name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${index + 1}${slug === "" ? "" : `-${slug}`}`;
}

/** Runs every policy, writes every report and the comparison; returns it. */
export async function comparePolicies(options: CompareOptions): Promise<CompareResult> {
  const runs: ComparedRun[] = [];
  for (const [index, policy] of options.policies.entries()) {
    const result = await simulate({ ...(options.runOptions?.(policy.name, index) ?? {}), scenario: policy.scenario });
    const reportDir = runDirectory(index, policy.name);
    const summary = await writeReport(result, join(options.outDir, reportDir));
    runs.push({ name: policy.name, reportDir, summary });
  }
  const compared = comparison(options.question, runs);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, "compare.json"), `${JSON.stringify(compared, null, 2)}\n`);
  await writeFile(join(options.outDir, "compare.md"), comparisonMarkdown(compared));
  return { comparison: compared, runs, reconciled: runs.every((r) => r.summary.reconciliation.ok) };
}
