/**
 * The network preset, short, end to end on the devnet (in this thread, signing on the main thread):
 * three communities founded, two lines proposed and accepted, members paying at home and across
 * one or two lines, gamma's payments refused at beta-gamma's exposure cap; the ledgers reconciled
 * with the chain (every account and gateway box decoded, each community zero-sum with its
 * gateways) and the indexer, and the report's network part read back.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "./report/write.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { loadScenario } from "./scenario.ts";

type NetworkSummary = NonNullable<Awaited<ReturnType<typeof writeReport>>["network"]>;

describe("lets simulate --scenario network on the devnet (8 members each, 4 days)", () => {
  let dir: string;
  let result: SimulationResult;
  let summary: Awaited<ReturnType<typeof writeReport>>;
  let network: NetworkSummary;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "simulate-network-"));
    const scenario = await loadScenario("network", { members: 8, days: 4, blocksPerDay: 4 });
    result = await simulate({
      scenario,
      devnetThread: "main",
      signingThreads: 0,
    });
    summary = await writeReport(result, dir);
    network = summary.network!;
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reconciles every community with the chain and the indexer, gateways included", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    const names = result.reconciliation.checks.map((c) => c.name);
    for (const key of ["alpha", "beta", "gamma"]) expect(names).toEqual(expect.arrayContaining([`${key}: ledger sums to 0`, `${key}: ledger = chain`, `${key}: ledger = indexer`]));
    for (const c of network.communities) {
      expect(c.zeroSum.ok, c.key).toBe(true);
      expect(c.zeroSum.sum).toBe("0");
    }
    expect(network.communities.some((c) => c.zeroSum.gatewaysUnits !== "0")).toBe(true);
  });

  it("crossed one hop and two, and refused gamma's payments at the exposure cap without stopping the run", () => {
    expect(network.cross.oneHop).toBeGreaterThan(0);
    expect(network.cross.twoHops).toBeGreaterThan(0);
    expect(network.cross.refusedByReason["line exposure cap"]).toBeGreaterThan(0);
    expect(summary.refusals.byReason["payment: line exposure cap"]).toBe(network.cross.refusedByReason["line exposure cap"]);
    const gamma = network.communities.find((c) => c.key === "gamma")!;
    expect(gamma.crossOut.refusedByReason["line exposure cap"]).toBeGreaterThan(0);
    expect(summary.stoppedEarly).toBe(false);
  });

  it("reports each line's flows, fees, positions within the caps, and value conserved through the rate", () => {
    const line = network.lines.find((l) => l.key === "beta-gamma")!;
    expect(line.bToA.payments).toBeGreaterThan(0);
    expect(BigInt(line.positions.a)).toBeGreaterThanOrEqual(-BigInt(line.terms.capB!));
    expect(BigInt(line.positions.b)).toBeGreaterThanOrEqual(-BigInt(line.terms.capA!));
    expect(line.capUse.b).toBeGreaterThan(0.5);
    for (const l of network.lines) {
      for (const d of l.conservation) expect(BigInt(d)).toBeGreaterThanOrEqual(0n);
      // The positions are what crossed: each side's sent less what it received converted.
      expect(BigInt(l.positions.a)).toBe(BigInt(l.aToB.sentUnits) - BigInt(l.bToA.convertedUnits));
      expect(BigInt(l.positions.b)).toBe(BigInt(l.bToA.sentUnits) - BigInt(l.aToB.convertedUnits));
    }
    expect(network.positionsByDay.map((d) => d.day)).toEqual([0, 1, 2, 3]);
    expect(network.positionsByDay.at(-1)!.lines).toEqual(network.lines.map((l) => l.positions));
  });

  it("writes the network into report.html and the payments with each payer's symbol into transactions.csv", async () => {
    const html = await readFile(join(dir, "report.html"), "utf8");
    expect(html).toContain("Trade lines");
    const csv = await readFile(join(dir, "transactions.csv"), "utf8");
    for (const symbol of ["ALP", "BET", "GAM"]) expect(csv).toContain(`,${symbol},STANDARD`);
  });
});
