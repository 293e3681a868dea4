/**
 * `lets simulate compare` through the real bin: the demurrage preset under two `--policy` files
 * (small and short by default; LETS_TEST_SIMULATE_MEMBERS and LETS_TEST_SIMULATE_DAYS run it
 * larger), and misuse answered with one line and exit 2 before anything runs.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../lets.js", import.meta.url));
const members = process.env.LETS_TEST_SIMULATE_MEMBERS ?? "6";
const days = process.env.LETS_TEST_SIMULATE_DAYS ?? "2";

function lets(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, "simulate", "compare", ...args], { timeout: 1_200_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") return reject(error);
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

describe("lets simulate compare", () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "simulate-compare-cli-"));
    await writeFile(file("none.yaml"), "policy: {}\n");
    await writeFile(file("monthly.json"), JSON.stringify({ name: "1%/month", policy: { economics: { demurrage: "1%/month" } } }));
    await writeFile(file("bad.yaml"), "name: bad\npolicy: { economics: { feeBps: 20000 } }\n");
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`runs the demurrage preset under two policy files (${members} members, ${days} days), writes both reports and the comparison, prints it with --json`, async () => {
    const out = file("out");
    const run = await lets(["demurrage", "--policy", file("none.yaml"), "--policy", file("monthly.json"), "--members", members, "--days", days, "--no-indexer", "--quiet", "--json", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toEqual(JSON.parse(await readFile(join(out, "compare.json"), "utf8")));
    expect(printed).toMatchObject({ scenario: "demurrage", seed: 1, members: Number(members), days: Number(days), blocksPerDay: 720, question: "Does 1%/month demurrage raise velocity without raising defaults?" });
    expect(printed.policies.map((p: { name: string; reportDir: string; reconciled: boolean }) => [p.name, p.reportDir, p.reconciled])).toEqual([["none", "1-none", true], ["1%/month", "2-1-month", true]]);
    expect(printed.policies[0].policy.economics).toBeUndefined();
    expect(printed.policies[1].policy.economics).toMatchObject({ demurragePpm: "10000", demurragePeriod: "21600" });
    expect(printed.verdicts[0].sentence).toMatch(/^1%\/month (raises|does not raise) velocity against none \([\d.]+ → [\d.]+ a day, [+-][\d.]+%\) and (raises|does not raise) defaults \(\d+ → \d+; /);
    const markdown = await readFile(join(out, "compare.md"), "utf8");
    expect(markdown).toContain("**Does 1%/month demurrage raise velocity without raising defaults?**");
    expect(markdown).toContain("| | none | 1%/month |");
    for (const f of ["summary.json", "transactions.csv", "accounts.csv", "report.html"]) expect((await readFile(join(out, "2-1-month", f), "utf8")).length).toBeGreaterThan(0);
  }, 1_200_000);

  it.each([
    [["village"], /^lets: simulate: scenario village has no compare section: give --policy FILE two or more times\n$/],
    [["demurrage", "--policy", "POLICY:none.yaml"], /^lets: simulate: --policy: a comparison needs 2 to 8 policies, got 1\n$/],
    [["demurrage", "--policy", "POLICY:none.yaml", "--policy", "POLICY:none.yaml"], /^lets: simulate: --policy: two policies are named "none"\n$/],
    [["demurrage", "--policy", "POLICY:none.yaml", "--policy", "POLICY:bad.yaml"], /^lets: simulate: scenario .*bad\.yaml \(policy "bad"\): policy\.economics\.feeBps: must be a whole number from 0 to 9999, got 20000\n$/],
    [["demurrage", "--policy", "POLICY:none.yaml", "--policy", "POLICY:missing.yaml"], /^lets: simulate: scenario .*missing\.yaml: cannot read it: /],
    [["demurrage", "--scenario", "village"], /^lets: simulate: name the scenario once: SCENARIO or --scenario\n$/],
    [["demurrage", "--members", "1"], /^lets: simulate: scenario demurrage: members: must be a whole number from 2 to 100000, got 1\n$/],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const run = await lets(args.map((a) => (a.startsWith("POLICY:") ? file(a.slice("POLICY:".length)) : a)));
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });
});
