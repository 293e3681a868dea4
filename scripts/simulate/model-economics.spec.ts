/**
 * The agent model in an economics community, with an in-memory executor that charges by the
 * ledger's own quotes and refuses as the builders do (the chain's part is economics-run.spec.ts):
 * the books stay at 0 after every block, leavers settle to exactly 0 despite the usage fee, the
 * committee sweeps on schedule, and the response to demurrage is what docs/simulate.md states.
 */
import { describe, expect, it } from "vitest";
import { Ledger } from "./ledger.ts";
import { swept } from "./ledger-economics.ts";
import type { Member } from "./members.ts";
import { AgentModel, type Actions, type Outcome } from "./model.ts";
import { parseScenario, type Scenario } from "./scenario.ts";
import { spendDownAbove } from "./scenario-economics.ts";

/** Chain height of simulated block 0. */
const H0 = 100;

const scenarioWith = (economics: unknown, behaviour: unknown = {}): Scenario =>
  parseScenario(
    {
      name: "model-economics",
      members: 30,
      days: 10,
      seed: 5,
      time: { blocksPerDay: 12 },
      policy: { creditLimit: 60, inactivityBlocks: 24, economics },
      behaviour,
      roles: {
        household: { share: 0.6, buysPerDay: 1, sellWeight: 1, price: { median: 10 } },
        saver: { share: 0.4, buysPerDay: 0.2, sellWeight: 4, price: { median: 20 } },
      },
      churn: { joinsPerDay: 0.8, leavesPerDay: 0.8 },
      defaulters: { share: 0.1 },
    },
    "model-economics.spec",
  );

/** Decisions applied to the ledger with its own charges and the builders' rules, each recorded. */
class EconomicsMemoryActions implements Actions {
  readonly log: string[] = [];
  constructor(
    private readonly scenario: Scenario,
    private readonly ledger: Ledger,
  ) {
    ledger.clock = (block) => BigInt(H0 + Math.max(0, block));
  }

  join(member: Member, block: number): Outcome {
    this.ledger.join(member.id, block, this.scenario.policy, this.ledger.clock(block));
    this.log.push(`${block} join ${member.id}`);
    return { ok: true };
  }

  pay(payer: Member, payee: Member, amount: bigint, block: number): Outcome {
    const quote = this.ledger.quote(payer.id, payee.id, amount, this.ledger.clock(block))!;
    const refused = quote.payer.balance < -quote.payerLimit ? "credit limit" : undefined;
    this.log.push(`${block} pay ${payer.id} ${payee.id} ${amount}${refused ? ` refused: ${refused}` : ""}`);
    if (refused) return { ok: false, reason: refused };
    this.ledger.pay(payer.id, payee.id, amount, block, quote);
    return { ok: true };
  }

  leave(member: Member, block: number): Outcome {
    const ok = this.ledger.open(member.id).balance === 0n;
    this.log.push(`${block} leave ${member.id}${ok ? "" : " refused"}`);
    if (!ok) return { ok: false, reason: "balance not zero" };
    this.ledger.leave(member.id, block);
    return { ok: true };
  }

  closeDefaulted(member: Member, block: number): Outcome {
    this.ledger.default(member.id, block);
    this.log.push(`${block} default ${member.id}`);
    return { ok: true };
  }

  sweep(block: number): void {
    for (const account of this.ledger.accounts.values()) {
      if (account.status !== "open") continue;
      const side = swept({ balance: account.balance, econ: account.econ! }, this.scenario.policy.economics!.sweepMin, this.ledger.clock(block));
      if (!side) continue;
      this.ledger.sweep(account.member, side);
      this.log.push(`${block} sweep ${account.member} ${side.collected}`);
    }
  }
}

function run(scenario: Scenario, afterBlock: (ledger: Ledger) => void = () => {}, beforeDay: (model: AgentModel, ledger: Ledger, day: number) => void = () => {}) {
  const ledger = new Ledger(scenario.policy.economics);
  const actions = new EconomicsMemoryActions(scenario, ledger);
  const model = new AgentModel(scenario, ledger, actions);
  for (const member of model.drawInitialMembers()) actions.join(member, -1);
  for (let day = 0; day < scenario.days; day++) {
    beforeDay(model, ledger, day);
    model.planDay(day).forEach((items, b) => {
      for (const item of items) model.act(item, day * scenario.blocksPerDay + b);
      afterBlock(ledger);
    });
  }
  return { ledger, log: actions.log, model };
}

const EVERY_LEVER = { demurrage: "5%/day", feeBps: 100, feeMin: 1, turnoverPpm: 5000, stepUnits: 5, stepBlocks: "1 day", maxCreditLimit: 120, allowance: 30, newcomerBlocks: "2 days", sweepMin: 3 };

describe("the agent model in an economics community", () => {
  it("keeps balances + accrued + allowances + communityBalance at 0 after every block, and leavers settle to exactly 0 despite the usage fee", () => {
    let blocks = 0;
    const { log, ledger } = run(scenarioWith(EVERY_LEVER, { sweepEveryDays: 2, demurrage: { horizonDays: 1, extraBuys: 2 } }), (l) => {
      blocks++;
      expect(l.total()).toBe(0n);
    });
    expect(blocks).toBe(120);
    const leaves = log.filter((l) => / leave /.test(l));
    expect(leaves.filter((l) => !l.endsWith("refused")).length).toBeGreaterThan(0);
    for (const account of ledger.accounts.values()) if (account.status === "left") expect(account.balance).toBe(0n);
    expect(ledger.communityBalance).not.toBe(0n);
  });

  it("sweeps every sweepEveryDays days, in the day's first block", () => {
    const { log } = run(scenarioWith(EVERY_LEVER, { sweepEveryDays: 3 }));
    const days = new Set(log.filter((l) => / sweep /.test(l)).map((l) => Number(l.split(" ")[0]) / 12));
    expect([...days]).toEqual([3, 6, 9]);
  });

  it("spends down under demurrage (more purchases, by members whose balance would pay a unit of it within the horizon), and never without demurrage", () => {
    const response = { demurrage: { horizonDays: 1, extraBuys: 3 } };
    const withDemurrage = scenarioWith({ demurrage: "5%/day" }, response);
    expect(spendDownAbove(withDemurrage)).toBe(20n);
    const holders: Set<number>[] = [];
    const spending = run(withDemurrage, () => {}, (model, ledger, day) => {
      holders[day] = new Set(model.active().filter((m) => ledger.open(m.id).balance >= 20n).map((m) => m.id));
    });
    const idle = run(scenarioWith({ demurrage: "5%/day" }, { demurrage: { horizonDays: 1, extraBuys: 0 } }));
    const paid = (log: string[]) => log.filter((l) => / pay /.test(l) && !l.includes("refused")).length;
    expect(paid(spending.log)).toBeGreaterThan(paid(idle.log));
    expect(holders.some((h) => h.size > 0)).toBe(true);
    // Without demurrage the response never starts: the very same decisions as without it.
    const noDemurrage = (extraBuys: number) => run(scenarioWith({ feeBps: 50 }, { demurrage: { horizonDays: 1, extraBuys } })).log;
    expect(noDemurrage(3)).toEqual(noDemurrage(0));
  });

  it("replays the same decisions from the same seed", () => {
    const scenario = scenarioWith(EVERY_LEVER, { demurrage: { horizonDays: 1, extraBuys: 2 } });
    expect(run(scenario).log).toEqual(run(scenario).log);
  });
});
