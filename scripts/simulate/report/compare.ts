/**
 * The policy comparison report (docs/simulate.md, "Comparing policies"): one scenario's runs
 * under several policies, side by side, in `compare.json` and `compare.md`, and for each policy
 * against the first (the baseline) whether it raised velocity and whether it raised defaults.
 * Depends only on the runs' summaries: the same scenario and seed give the same report.
 */
import { round } from "../stats.ts";
import type { Summary } from "./summary.ts";

/** One policy's run, as the comparison reads it. */
export interface ComparedRun {
  name: string;
  /** Its full report's directory, relative to the comparison's. */
  reportDir: string;
  summary: Summary;
}

const num = (value: string | number | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/** The figures compared, for one policy. Units are whole units; velocity per simulated day. */
export function metrics(s: Summary) {
  return {
    paymentsAccepted: s.payments.accepted,
    paymentsRefused: s.payments.refused,
    refusedAtCreditLimit: s.refusals.byReason["payment: credit limit"] ?? 0,
    volumeUnits: num(s.payments.volumeUnits),
    velocityPerDay: s.velocity.perDay ?? 0,
    moneySupplyMeanUnits: s.meanOverDays.moneySupplyUnits,
    moneySupplyEndUnits: num(s.moneySupplyUnits),
    creditInUseMeanUnits: s.meanOverDays.creditInUseUnits,
    creditInUseEndUnits: num(s.creditInUseUnits),
    creditUtilisationMean: s.creditUtilisation.mean,
    giniPositiveBalancesMean: s.meanOverDays.giniPositiveBalances,
    giniPositiveBalancesEnd: s.gini.positiveBalances,
    feesCollectedUnits: num(s.economics?.feesUnits),
    demurrageCollectedUnits: num(s.economics?.demurrageUnits),
    sweptUnits: num(s.economics?.sweptUnits),
    allowanceUsedUnits: num(s.economics?.allowance.usedUnits),
    defaults: s.defaults.count,
    defaultsOfOthers: s.defaults.ofOthers,
    debtWrittenOffUnits: num(s.defaults.debtUnits),
    communityBalance: num(s.communityBalance),
    openMembersEnd: s.members.open,
  };
}

type Metrics = ReturnType<typeof metrics>;

/** Rows of the table: the metric, its label and how to read it. */
export const ROWS: [keyof Metrics, string][] = [
  ["velocityPerDay", "velocity (units paid a day ÷ mean money supply)"],
  ["volumeUnits", "units paid"],
  ["paymentsAccepted", "payments accepted"],
  ["refusedAtCreditLimit", "payments refused at the credit limit"],
  ["moneySupplyMeanUnits", "money supply, mean of day ends (Σ positive balances)"],
  ["moneySupplyEndUnits", "money supply at the end"],
  ["creditInUseMeanUnits", "credit in use, mean of day ends (−Σ negative balances)"],
  ["creditInUseEndUnits", "credit in use at the end"],
  ["creditUtilisationMean", "credit utilisation, mean"],
  ["giniPositiveBalancesMean", "hoarding: Gini of positive balances, mean of day ends"],
  ["giniPositiveBalancesEnd", "hoarding: Gini of positive balances at the end"],
  ["feesCollectedUnits", "usage fees collected"],
  ["demurrageCollectedUnits", "demurrage collected"],
  ["sweptUnits", "swept into the community balance"],
  ["allowanceUsedUnits", "newcomer allowance spent"],
  ["defaults", "defaults (accounts closed in debt)"],
  ["defaultsOfOthers", "defaults of members who were not planned defaulters"],
  ["debtWrittenOffUnits", "debt written off"],
  ["communityBalance", "community balance at the end"],
  ["openMembersEnd", "open accounts at the end"],
];

/** A policy against the baseline: the question's answer in numbers. */
function verdict(name: string, m: Metrics, base: Metrics, baseName: string) {
  const change = base.velocityPerDay === 0 ? null : round((m.velocityPerDay - base.velocityPerDay) / base.velocityPerDay, 4);
  const raisesVelocity = m.velocityPerDay > base.velocityPerDay;
  const raisesDefaults = m.defaults > base.defaults;
  const pct = change === null ? "" : `, ${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%`;
  const sentence =
    `${name} ${raisesVelocity ? "raises" : "does not raise"} velocity against ${baseName} (${base.velocityPerDay} → ${m.velocityPerDay} a day${pct}) ` +
    `and ${raisesDefaults ? "raises" : "does not raise"} defaults (${base.defaults} → ${m.defaults}; debt written off ${base.debtWrittenOffUnits} → ${m.debtWrittenOffUnits} units).`;
  return { policy: name, baseline: baseName, velocity: { baseline: base.velocityPerDay, policy: m.velocityPerDay, change }, defaults: { baseline: base.defaults, policy: m.defaults }, raisesVelocity, raisesDefaults, raisesVelocityWithoutRaisingDefaults: raisesVelocity && !raisesDefaults, sentence };
}

/** `compare.json`: the scenario as run, each policy's metrics, the verdicts against the baseline. */
export function comparison(question: string, runs: readonly ComparedRun[]) {
  const first = runs[0]!.summary;
  const all = runs.map((r) => ({ name: r.name, reportDir: r.reportDir, policy: r.summary.scenario.policy, reconciled: r.summary.reconciliation.ok, metrics: metrics(r.summary) }));
  const base = all[0]!;
  return {
    scenario: first.scenario.name,
    seed: first.seed,
    members: first.scenario.members,
    days: first.daysRun,
    blocksPerDay: first.scenario.blocksPerDay,
    question,
    definitions: {
      velocityPerDay: "units paid per simulated day ÷ mean money supply; money supply = sum of the positive balances at each day's end",
      gini: "Gini coefficient of max(balance, 0) over the open accounts: 0 when all hold the same, towards 1 when a few hold everything",
      defaults: "accounts closed by the default path (negative and inactive for the window)",
      collected: "usage fees and demurrage charged to accounts (accrued, then swept into the community balance)",
    },
    policies: all,
    verdicts: all.slice(1).map((p) => verdict(p.name, p.metrics, base.metrics, base.name)),
  };
}

export type Comparison = ReturnType<typeof comparison>;

const cell = (value: number) => value.toLocaleString("en-GB", { maximumFractionDigits: 4 });

/** `compare.md`: the question, the table (a row per metric, a column per policy), the verdicts. */
export function comparisonMarkdown(c: Comparison): string {
  const lines = [`# Policy comparison: ${c.scenario} (seed ${c.seed})`, ""];
  if (c.question) lines.push(`**${c.question}**`, "");
  lines.push(`${c.members} starting members, ${c.days} simulated days of ${c.blocksPerDay} blocks; the same seed under each policy. Each run's full report is in its directory.`, "");
  lines.push(`| | ${c.policies.map((p) => p.name).join(" | ")} |`, `| --- | ${c.policies.map(() => "---:").join(" | ")} |`);
  for (const [key, label] of ROWS) lines.push(`| ${label} | ${c.policies.map((p) => cell(p.metrics[key])).join(" | ")} |`);
  lines.push(`| reconciled with the chain | ${c.policies.map((p) => (p.reconciled ? "yes" : "**NO**")).join(" | ")} |`);
  lines.push(`| report | ${c.policies.map((p) => `[${p.reportDir}](${p.reportDir}/report.html)`).join(" | ")} |`, "");
  lines.push("## Against the baseline", "", ...c.verdicts.map((v) => `- ${v.sentence}`), "");
  lines.push("## Definitions", "", ...Object.entries(c.definitions).map(([k, v]) => `- ${k}: ${v}`), "");
  return lines.join("\n");
}
