/**
 * `lets simulate` with underwritten newcomers, end to end on the devnet (testing/underwriting.yaml:
 * 12 members for 4 days, a third defaulters, a one-day inactivity window, half the newcomers
 * underwritten by two underwriters): offers and acceptances raise the limits, defaulters' exits settle their stakes;
 * the stakes, the limits and every settlement reconciled with the chain; the live underwriting boxes
 * read back here without the simulator's code match the report; the losses split by group add up to
 * the run's defaults. And the scenario's refusals.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeUnderwriting, type Underwriting } from "../../contracts/underwriting/underwriting.ts";
import { UNDERWRITING_ERGO_TREE } from "../../contracts/scripts.ts";
import { underwritingSummary } from "./report/underwriting.ts";
import { summarize } from "./report/summary.ts";
import { writeReport } from "./report/write.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { loadScenario, parseScenario } from "./scenario.ts";
import { ScenarioError } from "./scenario-fields.ts";

const scenarioFile = fileURLToPath(new URL("./testing/underwriting.yaml", import.meta.url));

describe("lets simulate with underwritten newcomers on the devnet (testing/underwriting.yaml: 12 members, 4 days, share 0.5)", () => {
  let result: SimulationResult;
  const live: Underwriting[] = [];

  beforeAll(async () => {
    const scenario = await loadScenario(scenarioFile);
    result = await simulate({
      scenario,
      devnetThread: "main",
      signingThreads: 0,
      beforeClose: async (chain) => {
        for (const box of await chain.node.allUnspentByErgoTree(UNDERWRITING_ERGO_TREE)) {
          const decoded = decodeUnderwriting(box);
          if (decoded.ok && decoded.value.communityId === chain.communityId) live.push(decoded.value);
        }
      },
    });
  }, 300_000);

  it("underwrites newcomers and settles defaulters' stakes, reconciled with the chain", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.reconciliation.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["underwriting stakes and limits = chain", "underwriting settlements = chain"]));
    const figures = underwritingSummary(result)!;
    expect(figures.underwriters).toHaveLength(2);
    expect(figures.accepted).toBeGreaterThan(0);
    expect(figures.underwrittenMembers.members).toBe(figures.accepted);
    expect(figures.otherMembers.members).toBeGreaterThan(0);
    expect(figures.underwrittenMembers.defaults).toBeGreaterThan(0);
    expect(BigInt(figures.underwrittenMembers.nanoErgPaidByUnderwriters)).toBeGreaterThan(0n);
    expect(figures.otherMembers.nanoErgPaidByUnderwriters).toBe("0");
    expect(figures.reconciled).toBe(true);
  });

  it("reports the live stakes as the chain holds them, and the losses by group as the run's defaults", () => {
    const figures = underwritingSummary(result)!;
    expect(figures.openAtEnd).toBe(live.filter((u) => u.state === "active").length);
    expect(live.filter((u) => u.state === "offer")).toEqual([]);
    expect(BigInt(figures.stakedAtEndNanoErg)).toBe(live.reduce((s, u) => s + u.stakeNanoErg, 0n));
    expect(figures.accepted).toBe(figures.settled + figures.openAtEnd);
    const summary = summarize(result, []);
    const { underwrittenMembers: a, otherMembers: b } = figures;
    expect(a.defaults + b.defaults).toBe(summary.defaults.count);
    expect(BigInt(a.unitsWrittenOff) + BigInt(b.unitsWrittenOff)).toBe(BigInt(summary.defaults.debtUnits));
    // A defaulter's stake is paid out whole: part to the committee, the rest back to its underwriter.
    const settledStakes = result.events.filter((e) => e.kind === "underwrite" && e.status === "accepted" && e.underwriting!.step === "settle" && result.events.some((d) => d.kind === "default" && d.txId === e.txId));
    expect(BigInt(a.nanoErgPaidByUnderwriters) + BigInt(a.nanoErgReturnedToUnderwriters)).toBe(settledStakes.reduce((s, e) => s + e.underwriting!.stakeNanoErg, 0n));
    expect(result.ledger.total()).toBe(0n);
  });

  it("writes the report: the days replayed from the events (an acceptance raises the limit) match the ledger", async () => {
    const out = await mkdtemp(join(tmpdir(), "lets-underwriting-"));
    try {
      const summary = await writeReport(result, out);
      expect(summary.underwriting).toEqual(underwritingSummary(result));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("the scenario's underwriting section", () => {
  const document = {
    name: "u", members: 4, days: 1, policy: { creditLimit: 50, positiveCap: 200 },
    roles: { all: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } },
    underwriting: { share: 0.5 },
  };

  it("takes defaults; a share of 0 is none; the flag overrides the file", () => {
    expect(parseScenario(document, "test").underwriting).toEqual({ share: 0.5, underwriters: 2, raiseShare: 1 });
    expect(parseScenario({ ...document, underwriting: { share: 0 } }, "test").underwriting).toBeUndefined();
    expect(parseScenario(document, "test", { underwriteShare: 0 }).underwriting).toBeUndefined();
    expect(parseScenario({ ...document, underwriting: undefined }, "test", { underwriteShare: 0.25 }).underwriting?.share).toBe(0.25);
  });

  it("refuses it with economics, post-factum payments, no collateral, a raise above the cap, and unknown fields", () => {
    expect(() => parseScenario({ ...document, policy: { creditLimit: 50, positiveCap: 200, economics: { feeBps: 10 } } }, "test")).toThrow(/underwriting: underwriting is for plain communities/);
    expect(() => parseScenario({ ...document, postFactum: { share: 0.2 } }, "test")).toThrow(/underwriting|postFactum/);
    expect(() => parseScenario({ ...document, policy: { creditLimit: 50, positiveCap: 200, collateralErg: "0" } }, "test")).toThrow(/sets no price of credit/);
    expect(() => parseScenario({ ...document, policy: { creditLimit: 50, positiveCap: 80 } }, "test")).toThrow(/at most policy.positiveCap/);
    expect(() => parseScenario({ ...document, underwriting: { share: 1.5 } }, "test")).toThrow(ScenarioError);
    expect(() => parseScenario({ ...document, underwriting: { share: 0.2, premium: 1 } }, "test")).toThrow(ScenarioError);
  });
});
