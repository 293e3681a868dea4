/**
 * `lets simulate --fee-vote`, end to end on the devnet (testing/small.yaml shrunk to 6 members, one
 * day of 6 blocks): after the trading days the committee switches, a member proposes halving the
 * join fee, the members vote by the seed's rule, a tally counts them, the proposal executes (or
 * closes), a newcomer joins. The counts match the ballots the simulator cast, the verdict matches
 * the contract's rule applied to them, the community box read here holds the new fee, and the
 * in-process indexer's proposal and votes say the same. And the scenario's refusals.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { ballotCounts, expectedVerdict } from "./reconcile-fee-vote.ts";
import { feeVoteLine, feeVoteSummary } from "./report/fee-vote.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { loadScenario, type ScenarioOverrides } from "./scenario.ts";
import { ScenarioError } from "./scenario-fields.ts";

const scenarioFile = fileURLToPath(new URL("./testing/small.yaml", import.meta.url));
const small: ScenarioOverrides = { members: 6, days: 1, blocksPerDay: 6 };

describe("lets simulate --fee-vote 0.005 on the devnet (testing/small.yaml: 6 members, 1 day of 6 blocks)", () => {
  let result: SimulationResult;
  let feeOnChain = -1n;

  beforeAll(async () => {
    const scenario = await loadScenario(scenarioFile, { ...small, feeVoteErg: "0.005" });
    result = await simulate({
      scenario,
      devnetThread: "main",
      signingThreads: 0,
      indexer: "start",
      beforeClose: async (chain) => {
        feeOnChain = (await new LetsOverHttp(chain.node).community(chain.communityId)).community.policy.joinFeeNanoErg;
      },
    });
  }, 120_000);

  it("counts the ballots the simulator cast and decides as the rules say, reconciled with the chain and the indexer", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.reconciliation.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["fee vote (chain)", "fee vote (indexer)"]));
    const run = result.feeVote!;
    expect(run.outcome.counts).toEqual(ballotCounts(run));
    expect(run.outcome.seats).toBe(BigInt(run.openAccounts));
    const verdict = expectedVerdict(run, result.scenario.feeVote!);
    expect({ quorum: run.outcome.quorumReached, majority: run.outcome.majorityReached, executed: run.outcome.executed }).toEqual(verdict);
    // Households vote for a lower fee, others abstain: with this seed some households vote and it passes.
    expect(run.ballots.filter((b) => b.choice === "for").length).toBeGreaterThan(0);
    expect(run.outcome.executed).toBe(true);
    expect(run.outcome.tallies.length).toBe(run.outcome.tallySteps);
    expect(run.outcome.tallySteps).toBeGreaterThan(0);
  });

  it("puts the new fee on chain, and the newcomer pays it", () => {
    expect(feeOnChain).toBe(5_000_000n);
    expect(run().outcome.joinFeeBeforeNanoErg).toBe(10_000_000n);
    expect(run().outcome.joinFeeAfterNanoErg).toBe(5_000_000n);
    expect(run().outcome.newcomerPaidNanoErg).toBe(5_000_000n);
  });

  it("reports the outcome in summary.json and the command's line", () => {
    const s = feeVoteSummary(result)!;
    expect(s.proposalId).toBe(run().outcome.proposalId);
    expect(s.executed).toBe(true);
    expect(s.closedBy).toBe("execute");
    expect(s.joinFeeAfterNanoErg).toBe("5000000");
    expect(s.reconciled).toBe(true);
    expect(s.indexerChecked).toBe(true);
    expect(s.tallies.every((t) => t.height > s.heights.end - 1)).toBe(true);
    expect(feeVoteLine(s)).toMatch(/executed; join fee 0\.01 → 0\.005 ERG/);
  });

  const run = () => result.feeVote!;
});

describe("the feeVote section's refusals", () => {
  const refuse = (overrides: ScenarioOverrides) => loadScenario(scenarioFile, { ...small, ...overrides });

  it("refuses the community's own fee, a bad amount, and a network", async () => {
    await expect(refuse({ feeVoteErg: "0.01" })).rejects.toThrow(ScenarioError);
    await expect(refuse({ feeVoteErg: "0.01" })).rejects.toThrow(/join fee already/);
    await expect(refuse({ feeVoteErg: "lots" })).rejects.toThrow(/feeVote\.joinFeeErg/);
    await expect(loadScenario("network", { feeVoteErg: "0.001" })).rejects.toThrow(/not in a network/);
  });

  it("refuses a node", async () => {
    const scenario = await refuse({ feeVoteErg: "0.005" });
    await expect(simulate({ scenario, node: { url: "http://127.0.0.1:1", mnemonic: "x" } })).rejects.toThrow(/devnet only/);
  });
});
