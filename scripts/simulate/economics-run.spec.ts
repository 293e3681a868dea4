/**
 * `lets simulate` under every economics lever, end to end on the devnet (testing/economics.yaml:
 * each lever alone, every lever with top-ups, sweeps and the response to demurrage, and none),
 * through the comparison: every run's ledger reconciled with the chain (balances and each
 * account's R9 state) and the indexer, the invariant at the end, each lever charging only where
 * it is on, and the same seed giving the same numbers.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../util/csv.ts";
import { comparePolicies, type CompareResult } from "./compare.ts";
import type { Summary } from "./report/summary.ts";
import { loadScenario, type Scenario } from "./scenario.ts";

const file = fileURLToPath(new URL("./testing/economics.yaml", import.meta.url));
/** Sizes: small by default; LETS_TEST_SIMULATE_MEMBERS and LETS_TEST_SIMULATE_DAYS run it larger. */
const sizes = { members: Number(process.env.LETS_TEST_SIMULATE_MEMBERS ?? 10), days: Number(process.env.LETS_TEST_SIMULATE_DAYS ?? 3) };

async function compared(scenario: Scenario, outDir: string, policies = scenario.compare!.policies): Promise<CompareResult> {
  return comparePolicies({ question: scenario.compare!.question, policies, outDir, runOptions: () => ({ devnetThread: "main", signingThreads: 0 }) });
}

describe(`lets simulate under every lever on the devnet (${sizes.members} members, ${sizes.days} days, each lever alone, all, none)`, () => {
  let dir: string;
  let scenario: Scenario;
  let all: CompareResult;
  let again: CompareResult;
  const summary = (name: string): Summary => all.runs.find((r) => r.name === name)!.summary;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "simulate-economics-"));
    scenario = await loadScenario(file, sizes);
    all = await compared(scenario, join(dir, "all"));
    again = await compared(scenario, join(dir, "again"), scenario.compare!.policies.slice(0, 2));
  }, 1_800_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reconciles the ledger with the chain, every account's R9 state included, and with the indexer, under every lever", () => {
    expect(all.runs.map((r) => r.name)).toEqual(["every lever", "no lever", "demurrage", "usage fee", "earned limit", "allowance"]);
    for (const { name, summary: s } of all.runs) {
      expect(s.reconciliation.checks.filter((c) => !c.ok), name).toEqual([]);
      expect(s.reconciliation.checks.map((c) => c.name), name).toEqual(["ledger sums to 0", "ledger = chain", "ledger = indexer"]);
      if (name === "no lever") expect(s.economics).toBeNull();
      else expect(s.economics!.books, name).toMatchObject({ sum: "0", ok: true });
    }
    expect(all.reconciled).toBe(true);
  });

  it("charges each lever only where it is on: no fee without a usage fee, no demurrage without demurrage, no allowance without one", () => {
    const fees = (name: string) => all.comparison.policies.find((p) => p.name === name)!.metrics;
    for (const name of ["no lever", "demurrage", "earned limit", "allowance"]) expect(fees(name).feesCollectedUnits, name).toBe(0);
    for (const name of ["usage fee", "every lever"]) expect(fees(name).feesCollectedUnits, name).toBeGreaterThan(0);
    for (const name of ["no lever", "usage fee", "earned limit", "allowance"]) expect(fees(name).demurrageCollectedUnits, name).toBe(0);
    for (const name of ["demurrage", "every lever"]) expect(fees(name).demurrageCollectedUnits, name).toBeGreaterThan(0);
    for (const name of ["no lever", "demurrage", "usage fee", "earned limit"]) expect(fees(name).allowanceUsedUnits, name).toBe(0);
    for (const name of ["allowance", "every lever"]) expect(fees(name).allowanceUsedUnits, name).toBeGreaterThan(0);
    // Without levers nothing reaches the community balance but debts written off.
    expect(fees("no lever").communityBalance).toBe(-fees("no lever").debtWrittenOffUnits);
  });

  it("sweeps the charges into the community balance, tops fee reserves up and issues allowances from the community balance", () => {
    const every = summary("every lever");
    const e = every.economics!;
    expect(e.sweeps.transactions).toBeGreaterThan(0);
    expect(BigInt(e.sweptUnits)).toBeGreaterThan(0n);
    expect(BigInt(e.sweptUnits) + BigInt(e.books.accruedUnits) + BigInt(e.accruedReturnedUnits)).toBe(BigInt(e.feesUnits) + BigInt(e.demurrageUnits));
    expect(BigInt(e.allowance.issuedUnits)).toBe(30n * BigInt(sizes.members + every.members.joined));
    expect(every.topUps).toBeGreaterThan(0);
    expect(summary("no lever").topUps).toBeGreaterThan(0);
  });

  it("grows earned credit limits past the base limit", async () => {
    const [header, ...rows] = csvRows(await readFile(join(dir, "all", all.runs.find((r) => r.name === "earned limit")!.reportDir, "accounts.csv"), "utf8"));
    const limits = rows.map((row) => BigInt(row[header!.indexOf("creditLimit")]!));
    expect(limits.some((l) => l > scenario.policy.creditLimit)).toBe(true);
    expect(limits.every((l) => l >= scenario.policy.creditLimit && l <= 120n)).toBe(true);
  });

  it("answers against the baseline in numbers, and gives the same numbers from the same seed", async () => {
    const verdict = all.comparison.verdicts.find((v) => v.policy === "no lever")!;
    const [every, none] = all.comparison.policies;
    expect(verdict).toMatchObject({ baseline: "every lever", velocity: { baseline: every!.metrics.velocityPerDay, policy: none!.metrics.velocityPerDay }, defaults: { baseline: every!.metrics.defaults, policy: none!.metrics.defaults } });
    expect(verdict.sentence).toContain(`(${every!.metrics.velocityPerDay} → ${none!.metrics.velocityPerDay} a day`);
    expect(again.comparison.policies).toEqual(all.comparison.policies.slice(0, 2));
    expect(again.comparison.verdicts).toEqual([verdict]);
    const markdown = await readFile(join(dir, "all", "compare.md"), "utf8");
    expect(markdown).toContain("| | every lever | no lever | demurrage | usage fee | earned limit | allowance |");
    expect(markdown).toMatch(/\| usage fees collected \| [\d,]+ \| 0 \| 0 \| [\d,]+ \| 0 \| 0 \|/);
  });
});
