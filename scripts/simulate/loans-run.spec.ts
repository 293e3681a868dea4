/**
 * `lets simulate` with a loan book, end to end on the devnet: six members trading for three short
 * days beside six loans (a third of the businesses late, a third defaulting after their first
 * instalment): banks offer, investors fund, businesses draw and repay, investors claim from the
 * bonds, banks release them; every step through the loan builders, reconciled with the loan and
 * bond boxes and every party's ERG on chain; the loan boxes read back here without the simulator's
 * code match the report's figures. And the scenario's refusals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { decodeLoan, type Loan } from "../../contracts/loan/loan.ts";
import { LOAN_ERGO_TREE } from "../../contracts/index.ts";
import { loanBookSummary } from "./report/loans.ts";
import { simulate, type SimulationResult } from "./run.ts";
import { parseScenario } from "./scenario.ts";
import { ScenarioError } from "./scenario-fields.ts";

const document = {
  name: "loans", members: 6, days: 3, seed: 4, time: { blocksPerDay: 14 },
  policy: { creditLimit: 50, maxMembers: 12 },
  roles: { all: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } },
  loans: { count: 6, principalErg: 3, instalments: 2, everyBlocks: 5, trancheBlocks: 3, graceBlocks: 2, lateShare: 0.34, missShare: 0.34, bondShare: 0.6 },
};

describe("lets simulate with a loan book on the devnet (6 loans beside 6 members)", () => {
  let result: SimulationResult;
  const live: Loan[] = [];

  beforeAll(async () => {
    result = await simulate({
      scenario: parseScenario(document, "test"),
      devnetThread: "main",
      signingThreads: 0,
      indexer: "none",
      beforeClose: async ({ node }) => {
        for (const box of await node.allUnspentByErgoTree(LOAN_ERGO_TREE)) {
          const d = decodeLoan(box);
          if (d.ok) live.push(d.value);
        }
      },
    });
  }, 300_000);

  it("offers, funds, repays on time and late, claims from the bonds of defaulters, reconciled with the chain", () => {
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.reconciliation.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["loan book = chain", "loan parties' ERG = chain"]));
    const figures = loanBookSummary(result)!;
    expect(figures).toMatchObject({ offered: 6, funded: 6, reconciled: true });
    expect(figures.refusals).toEqual({});
    expect(figures.repaidOnTime).toBeGreaterThan(0);
    expect(figures.late).toBeGreaterThan(0);
    expect(figures.defaulted).toBeGreaterThan(0);
    expect(figures.repaidOnTime + figures.late + figures.defaulted).toBe(6);
    expect(BigInt(figures.bondPaidOutNanoErg)).toBeGreaterThan(0n);
  });

  it("reports what the loan boxes left on chain state: the covered loans' bonds released, the rest still owing", () => {
    const figures = loanBookSummary(result)!;
    const ours = new Set(result.loans!.loans.map((l) => l.loanId));
    const open = live.filter((l) => ours.has(l.loanId));
    expect(open.length).toBe(6 - figures.bondsReleased);
    expect(figures.owingAtEnd).toBe(open.filter((l) => l.repaidNanoErg + l.claimedNanoErg < l.instalments.reduce((s, i) => s + i.amountNanoErg, 0n)).length);
    // The investors lent the principal and got back repayments and claims: with interest, more than they lent unless a bond fell short.
    const back = BigInt(figures.repaidNanoErg) + BigInt(figures.bondPaidOutNanoErg);
    expect(figures.investorReturn).toBeCloseTo(Number(back - BigInt(figures.lentNanoErg)) / Number(figures.lentNanoErg), 5);
  });
});

describe("the scenario's loans section", () => {
  it("takes defaults; a count of 0 is none; the flag sets the count", () => {
    const plain = { ...document, loans: { count: 2 } };
    expect(parseScenario(plain, "test").loans).toMatchObject({ count: 2, banks: 2, investors: 3, instalments: 3, everyBlocks: 6, graceBlocks: 2, lateShare: 0.2, missShare: 0.2, bondShare: 0.5 });
    expect(parseScenario({ ...document, loans: { count: 0 } }, "test").loans).toBeUndefined();
    expect(parseScenario({ ...document, loans: undefined }, "test", { loans: 3 }).loans?.count).toBe(3);
  });

  it("refuses a run too short for its loans, shares above 1, a mix with post-factum payments and unknown fields", () => {
    expect(() => parseScenario({ ...document, days: 1 }, "test")).toThrow(/loans: the run has 14 blocks/);
    expect(() => parseScenario({ ...document, loans: { count: 2, lateShare: 0.6, missShare: 0.6 } }, "test")).toThrow(/lateShare \+ missShare/);
    expect(() => parseScenario({ ...document, postFactum: { share: 0.2 } }, "test")).toThrow(/loans: the loan book runs beside a plain community/);
    expect(() => parseScenario({ ...document, loans: { count: 2, tip: 1 } }, "test")).toThrow(ScenarioError);
  });
});
