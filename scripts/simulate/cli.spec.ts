/** `lets simulate` through the real bin: one small run end to end, and misuse answered with one line and exit 2. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../lets.js", import.meta.url));

function lets(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, "simulate", ...args], { env: { ...process.env, ...env }, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") return reject(error);
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

describe("lets simulate", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "simulate-cli-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("runs a preset with flags, writes the report, prints summary.json with --json and exits 0", async () => {
    const out = join(dir, "run");
    const run = await lets(["--scenario", "market", "--members", "6", "--days", "1", "--blocks-per-day", "4", "--seed", "5", "--credit-limit", "80", "--join-fee", "0.02", "--out", out, "--json"]);
    expect(run.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    const written = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(printed).toEqual(written);
    expect(written).toMatchObject({ seed: 5, scenario: { name: "market", members: 6, days: 1, blocksPerDay: 4 }, parameters: { creditLimit: "80", joinFeeErg: "0.02" }, reconciliation: { ok: true } });
    expect(run.stderr).toMatch(/simulate: setup/);
    for (const file of ["transactions.csv", "accounts.csv", "report.html"]) expect((await readFile(join(out, file), "utf8")).length).toBeGreaterThan(0);
  }, 300_000);

  it.each([
    [["--scenario", "villag"], /^lets: simulate: scenario villag: not a preset \(village, market, stress, network, demurrage, shop\) nor a \.json\/\.yaml\/\.yml file\n$/],
    [["--members", "1"], /^lets: simulate: scenario village: members: must be a whole number from 2 to 100000, got 1\n$/],
    [["--days", "ten"], /^lets: simulate: --days must be a whole number, got 'ten'\n$/],
    [["--mnemonic"], /^lets: simulate: --mnemonic goes with --node/],
    [["--node", "http://127.0.0.1:1", "--mnemonic=test test junk"], /^lets: simulate: a mnemonic is never read from the command line/],
    [["--node", "ftp://x"], /^lets: simulate: --node must be an http\(s\) URL, got 'ftp:\/\/x'\n$/],
    [["--indexer", "http://127.0.0.1:1", "--no-indexer"], /^lets: simulate: use --indexer URL or --no-indexer, not both\n$/],
  ])("refuses %j with one line and exit 2, before touching a chain", async (args, message) => {
    const run = await lets(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("says so in one line when the node cannot be reached", async () => {
    const run = await lets(["--node", "http://127.0.0.1:1", "--members", "2", "--days", "1"], { LETS_MNEMONIC: "test test test test test test test test test test test junk" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^lets: simulate: the node failed: \/info: 0 unreachable: /);
  });
});
