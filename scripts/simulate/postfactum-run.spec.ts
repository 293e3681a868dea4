/**
 * `lets simulate` with post-factum payments, end to end on the devnet (testing/small.yaml cut to
 * 12 members and 3 days, room for an escrow per member, half the purchases post-factum): payers
 * open escrows as needed, commit the price and a margin, release, the payee refunds, forgotten
 * orders are claimed at their minimum after the deadline; the ledger (escrows beside the accounts)
 * and the orders reconciled with the chain and the indexer's escrow orders; the escrow boxes read
 * back here without the simulator's code match the report's figures. And the scenario's refusals.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeEscrow, type Escrow } from "../../contracts/escrow/escrow.ts";
import { postFactumSummary } from "./report/postfactum.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { loadScenario, parseScenario } from "./scenario.ts";
import { ScenarioError } from "./scenario-fields.ts";

const scenarioFile = fileURLToPath(new URL("./testing/small.yaml", import.meta.url));

describe("lets simulate with post-factum payments on the devnet (12 members, 3 days, share 0.5)", () => {
  let result: SimulationResult;
  const escrows: Escrow[] = [];

  beforeAll(async () => {
    const scenario = await loadScenario(scenarioFile, { members: 12, days: 3, postfactumShare: 0.5, maxMembers: 60n });
    result = await simulate({
      scenario,
      devnetThread: "main",
      signingThreads: 0,
      beforeClose: async (live) => {
        for (const box of await live.node.unspentByTokenId(live.communityId, 1_000)) {
          const decoded = decodeEscrow(box);
          if (decoded.ok) escrows.push(decoded.value);
        }
      },
    });
  }, 300_000);

  it("commits, releases, refunds and claims, reconciled with the chain and the indexer's escrow orders", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.reconciliation.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["post-factum orders = chain", "post-factum orders = indexer"]));
    expect(result.postFactum).toEqual({ indexerChecked: true });
    const figures = postFactumSummary(result)!;
    expect(figures.committed).toBeGreaterThan(0);
    expect(figures.released).toBeGreaterThan(0);
    expect(figures.claimed).toBeGreaterThan(0);
    expect(figures.escrowsOpened).toBe(escrows.length);
    expect(figures.reconciled).toBe(true);
  });

  it("reports units committed, released, returned and open as the escrow boxes state them", () => {
    const figures = postFactumSummary(result)!;
    const open = escrows.filter((e) => e.order);
    expect(figures.openAtEnd).toBe(open.length);
    expect(BigInt(figures.unitsOpenAtEnd)).toBe(open.reduce((s, e) => s + e.balance, 0n));
    // Every unit committed was released, returned, or is still held.
    expect(BigInt(figures.unitsCommitted)).toBe(BigInt(figures.unitsReleased) + BigInt(figures.unitsReturned) + BigInt(figures.unitsOpenAtEnd));
    // The ledger keeps each escrow beside the accounts: the books are zero-sum with them.
    expect(result.ledger.total()).toBe(0n);
    for (const e of escrows) expect(result.ledger.gateways.get(e.escrowId)?.balance ?? 0n).toBe(e.balance);
  });
});

describe("the scenario's postFactum section", () => {
  const document = {
    name: "p", members: 4, days: 1, policy: { creditLimit: 50 },
    roles: { all: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } },
    postFactum: { share: 0.2 },
  };

  it("takes defaults; a share of 0 is none, so the run is as without it; the flag overrides the file", () => {
    expect(parseScenario(document, "test").postFactum).toEqual({ share: 0.2, margin: 0.5, deadlineBlocks: 6, releaseBlocks: 1, refundShare: 0.1, forgetShare: 0.2 });
    expect(parseScenario({ ...document, postFactum: { share: 0 } }, "test").postFactum).toBeUndefined();
    expect(parseScenario(document, "test", { postfactumShare: 0 }).postFactum).toBeUndefined();
    expect(parseScenario({ ...document, postFactum: undefined }, "test", { postfactumShare: 0.5 }).postFactum?.share).toBe(0.5);
  });

  it("refuses it with economics or a desk, a release after the deadline, shares above 1 and unknown fields", () => {
    expect(() => parseScenario({ ...document, policy: { creditLimit: 50, economics: { feeBps: 10 } } }, "test")).toThrow(/postFactum: escrows are for plain communities/);
    expect(() => parseScenario({ ...document, desk: { share: 0.2 } }, "test")).toThrow(/desk|postFactum/);
    expect(() => parseScenario({ ...document, postFactum: { share: 0.2, deadlineBlocks: 4, releaseBlocks: 3 } }, "test")).toThrow(/releaseBlocks/);
    expect(() => parseScenario({ ...document, postFactum: { share: 1.5 } }, "test")).toThrow(ScenarioError);
    expect(() => parseScenario({ ...document, postFactum: { share: 0.2, refundShare: 0.6, forgetShare: 0.6 } }, "test")).toThrow(/refundShare \+ forgetShare/);
    expect(() => parseScenario({ ...document, postFactum: { share: 0.2, tip: 1 } }, "test")).toThrow(ScenarioError);
  });
});
