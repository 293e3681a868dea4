/**
 * `lets simulate compare`: one scenario under several policies with the same seed, each run on
 * its own devnet and reconciled, then one report side by side (docs/simulate.md, "Comparing
 * policies"). The policies come from `--policy FILE` (two or more) or the scenario's `compare`
 * section.
 */
import { basename, extname, resolve } from "node:path";
import { COMPARE_FILES, comparePolicies, runDirectory } from "../simulate/compare.ts";
import { progressOutput } from "../simulate/progress.ts";
import { REPORT_FILES } from "../simulate/report/write.ts";
import { policiesProblem, readPolicyDocument } from "../simulate/scenario-compare.ts";
import { documentWithFlags, parseScenario, readDocument, readScenarioDocument, variantScenario, type Scenario } from "../simulate/scenario.ts";
import { CliError, ExitCode, parseCommandArgs } from "./command.ts";
import { explain, overrides, scenarioOptions, url, whole } from "./simulate-flags.ts";

const options = {
  ...scenarioOptions,
  policy: { type: "string", multiple: true },
  out: { type: "string" },
  indexer: { type: "string" },
  "no-indexer": { type: "boolean" },
  signers: { type: "string" },
  quiet: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** Usage lines, shown under `lets simulate`'s. */
export const compareUsage = `lets simulate compare [SCENARIO] [--policy FILE --policy FILE ...] [--members N] [--days N] [--seed N] [--out DIR]

  Runs SCENARIO (a preset, default demurrage, or a file; also --scenario) once per policy with the
  same seed, each on a fresh devnet, reconciled like one run, and writes compare.json and
  compare.md (velocity, money supply, credit in use, the Gini of positive balances, fees and
  demurrage collected, defaults, side by side; the first policy is the baseline) and each run's
  report in its own directory of --out (default .lets/simulations/<scenario>-compare-seed-<seed>).
  --policy FILE          a JSON/YAML file {name, policy}: policy fields over the scenario's
                         (economics: null for a plain community); give two or more, or leave them
                         out to use the scenario's compare section
  The other scenario flags, --indexer, --no-indexer, --signers, --quiet and --json work as for one run.`;

/** The policies to run: from `--policy` files, else the scenario's compare section. */
async function policiesOf(scenario: Scenario, document: unknown, files: readonly string[], flags: Parameters<typeof documentWithFlags>[1]) {
  if (files.length === 0) {
    if (!scenario.compare) throw new CliError(`scenario ${scenario.name} has no compare section: give --policy FILE two or more times`, ExitCode.usage);
    return { question: scenario.compare.question, policies: scenario.compare.policies };
  }
  const patches = [];
  for (const file of files) patches.push(readPolicyDocument(await readDocument(file), file, basename(file, extname(file))));
  const problem = policiesProblem(patches);
  if (problem) throw new CliError(`--policy: ${problem}`, ExitCode.usage);
  const withFlags = documentWithFlags(document, flags);
  return { question: scenario.compare?.question ?? "", policies: patches.map((p) => ({ name: p.name, scenario: variantScenario(withFlags, p) })) };
}

/** `lets simulate compare ...`: the exit code. */
export async function simulateCompare(args: readonly string[]): Promise<number> {
  const { values: v, positionals } = parseCommandArgs(args, { options, allowPositionals: true });
  if (positionals.length > 1) throw new CliError(`unknown argument '${positionals[1]}'`, ExitCode.usage);
  if (positionals.length === 1 && v.scenario !== undefined) throw new CliError("name the scenario once: SCENARIO or --scenario", ExitCode.usage);
  if (v.indexer !== undefined && v["no-indexer"]) throw new CliError("use --indexer URL or --no-indexer, not both", ExitCode.usage);
  const indexerUrl = url("indexer", v.indexer);
  const signers = whole("signers", v.signers);
  if (signers !== undefined && signers > 8) throw new CliError("--signers must be from 0 to 8", ExitCode.usage);
  const flags = overrides(v);
  const { document, source } = await readScenarioDocument(positionals[0] ?? v.scenario ?? "demurrage").catch(explain);
  const scenario = await Promise.resolve()
    .then(() => parseScenario(document, source, flags))
    .catch(explain);
  const { question, policies } = await policiesOf(scenario, document, v.policy ?? [], flags).catch(explain);
  const out = resolve(v.out ?? `.lets/simulations/${scenario.name}-compare-seed-${scenario.seed}`);
  const quiet = v.quiet === true;
  let progress: ReturnType<typeof progressOutput> | undefined;
  const result = await comparePolicies({
    question,
    policies,
    outDir: out,
    runOptions: (name, index) => {
      progress?.stop();
      if (!quiet) process.stderr.write(`lets simulate compare: policy ${index + 1} of ${policies.length}, ${JSON.stringify(name)}\n`);
      const output = progressOutput(policies[index]!.scenario.blocksPerDay, { tty: process.stderr.isTTY === true, quiet });
      progress = output;
      return { indexer: v["no-indexer"] ? "none" : indexerUrl ? { url: indexerUrl } : undefined, signingThreads: signers, onProgress: (p) => output.update(p) };
    },
  })
    .catch(explain)
    .finally(() => progress?.stop());
  if (v.json) console.log(JSON.stringify(result.comparison, null, 2));
  else {
    for (const verdict of result.comparison.verdicts) console.log(verdict.sentence);
    console.log(`report: ${COMPARE_FILES.map((f) => `${out}/${f}`).join("  ")}`);
    console.log(`each policy's run: ${policies.map((p, i) => `${out}/${runDirectory(i, p.name)}/${REPORT_FILES[0]}`).join("  ")}`);
  }
  const failed = result.runs.filter((r) => !r.summary.reconciliation.ok);
  if (failed.length === 0) return ExitCode.ok;
  console.error(`lets simulate compare: RECONCILIATION FAILED in ${failed.map((r) => JSON.stringify(r.name)).join(", ")}: see summary.json of each`);
  return ExitCode.failure;
}
