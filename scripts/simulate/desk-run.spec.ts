/**
 * `lets simulate` with an exchange desk, end to end on the devnet (testing/small.yaml cut to 12
 * members and 3 days, half the members at the desk each day): the committee opens the desk before
 * day 0, members short of units buy and members long sell; the ledger (with the desk beside the
 * accounts) reconciled with the chain and the indexer; the desk box read back here without the
 * simulator's code matches the report's figures. And the scenario's refusals of a desk it cannot run.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeDesk, type Desk } from "../../contracts/index.ts";
import { deskSummary } from "./report/desk.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { loadScenario, parseScenario } from "./scenario.ts";
import { ScenarioError } from "./scenario-fields.ts";

const scenarioFile = fileURLToPath(new URL("./testing/small.yaml", import.meta.url));

describe("lets simulate with an exchange desk on the devnet (12 members, 3 days, desk share 0.5)", () => {
  let result: SimulationResult;
  let desk: Desk | undefined;

  beforeAll(async () => {
    const scenario = await loadScenario(scenarioFile, { members: 12, days: 3, deskShare: 0.5 });
    result = await simulate({
      scenario,
      devnetThread: "main",
      signingThreads: 0,
      beforeClose: async (live) => {
        const boxes = await live.node.unspentByTokenId(live.communityId, 1_000);
        for (const box of boxes) {
          const decoded = decodeDesk(box);
          if (decoded.ok) desk = decoded.value;
        }
      },
    });
  }, 300_000);

  it("opens the desk with the scenario's terms and trades both ways, reconciled with the chain and the indexer", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(desk?.deskId).toBe(result.desk?.deskId);
    expect(desk?.terms).toMatchObject({ rateNum: 100n, rateDen: 1_000_000_000n, buyFeeBps: 100n, sellFeeBps: 100n, periodBlocks: 12n, memberLimit: 60n, issueLimit: 360n });
    const trades = result.events.filter((e) => e.kind === "desk" && e.status === "accepted");
    expect(trades.some((e) => e.desk?.side === "buy")).toBe(true);
    expect(trades.some((e) => e.desk?.side === "sell")).toBe(true);
  });

  it("reports units issued and bought back, the reserve and the coverage as the desk box states them", () => {
    const figures = deskSummary(result)!;
    expect(BigInt(figures.balanceUnits)).toBe(desk!.balance);
    expect(BigInt(figures.reserveNanoErg)).toBe(desk!.reserveNanoErg);
    expect(BigInt(figures.issuedUnits) - BigInt(figures.boughtBackUnits)).toBe(-desk!.balance);
    expect(figures.buys + figures.sells).toBe(result.events.filter((e) => e.kind === "desk" && e.status === "accepted").length);
    const outstanding = BigInt(figures.outstandingUnits);
    expect(figures.coverage === null).toBe(outstanding === 0n);
    // The ledger keeps the desk beside the accounts: the books are zero-sum with it.
    expect(result.ledger.total()).toBe(0n);
    expect(result.ledger.gateways.get(desk!.deskId)?.balance ?? 0n).toBe(desk!.balance);
  });
});

describe("the scenario's desk section", () => {
  const document = {
    name: "d", members: 4, days: 1, policy: { creditLimit: 50 },
    roles: { all: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } },
    desk: { share: 0.2 },
  };

  it("takes defaults from the policy; a share of 0 is no desk, so the run is as without one", () => {
    expect(parseScenario(document, "test").desk).toMatchObject({ share: 0.2, unitsPerErg: 100n, issueLimit: 100n, memberLimit: 50n, reserveNanoErg: 10_000_000_000n });
    expect(parseScenario({ ...document, desk: { share: 0 } }, "test").desk).toBeUndefined();
    expect(parseScenario(document, "test", { deskShare: 0 }).desk).toBeUndefined();
    expect(parseScenario({ ...document, desk: undefined }, "test", { deskShare: 0.5 }).desk?.share).toBe(0.5);
  });

  it("refuses a desk in an economics community, a share above 1 and unknown fields", () => {
    const econ = { ...document, policy: { creditLimit: 50, economics: { feeBps: 10 } } };
    expect(() => parseScenario(econ, "test")).toThrow(/desk: an exchange desk is for plain communities/);
    expect(() => parseScenario({ ...document, desk: { share: 1.5 } }, "test")).toThrow(ScenarioError);
    expect(() => parseScenario({ ...document, desk: { share: 0.2, rate: 3 } }, "test")).toThrow(ScenarioError);
  });
});
