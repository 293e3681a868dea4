/**
 * The agent model on its own, with an in-memory executor that applies the contracts' limits to the
 * ledger (the chain's part is covered end to end in simulate.spec.ts): who buys, who sells, when
 * the collector closes an account, and that a seed replays the same decisions.
 */
import { describe, expect, it } from "vitest";
import { Ledger } from "./ledger.ts";
import type { Member } from "./members.ts";
import { AgentModel, type Actions, type Outcome } from "./model.ts";
import { parseScenario } from "./scenario.ts";

const scenario = parseScenario(
  {
    name: "model",
    members: 40,
    days: 12,
    seed: 9,
    time: { blocksPerDay: 6 },
    policy: { creditLimit: 60, positiveCap: 200, inactivityBlocks: 12 },
    roles: {
      household: { share: 0.7, buysPerDay: 1, sellWeight: 1, price: { median: 10 } },
      merchant: { share: 0.3, buysPerDay: 2, sellWeight: 5, price: { median: 15 } },
    },
    churn: { joinsPerDay: 1, leavesPerDay: 0.5 },
    defaulters: { share: 0.15 },
  },
  "model.spec",
);

/** Applies decisions to the ledger with the rules the builders enforce, and records them. */
class LedgerActions implements Actions {
  readonly log: string[] = [];
  constructor(private readonly ledger: Ledger) {}

  join(member: Member, block: number): Outcome {
    this.ledger.join(member.id, block, { creditLimit: scenario.policy.creditLimit, positiveCap: scenario.policy.positiveCap });
    this.log.push(`${block} join ${member.id}`);
    return { ok: true };
  }

  pay(payer: Member, payee: Member, amount: bigint, block: number): Outcome {
    const from = this.ledger.open(payer.id);
    const to = this.ledger.open(payee.id);
    const refused = from.balance - amount < -from.creditLimit ? "credit limit" : to.balance + amount > to.positiveCap ? "positive cap" : undefined;
    this.log.push(`${block} pay ${payer.id} ${payee.id} ${amount}${refused ? ` refused: ${refused}` : ""}`);
    if (refused) return { ok: false, reason: refused };
    this.ledger.pay(payer.id, payee.id, amount, block);
    return { ok: true };
  }

  leave(member: Member, block: number): Outcome {
    if (this.ledger.open(member.id).balance !== 0n) return { ok: false, reason: "balance not zero" };
    this.ledger.leave(member.id, block);
    this.log.push(`${block} leave ${member.id}`);
    return { ok: true };
  }

  closeDefaulted(member: Member, block: number): Outcome {
    const account = this.ledger.open(member.id);
    expect(account.balance).toBeLessThan(0n);
    expect(block + 1).toBeGreaterThanOrEqual(account.lastActiveBlock + Number(scenario.policy.inactivityBlocks));
    this.ledger.default(member.id, block);
    this.log.push(`${block} default ${member.id}`);
    return { ok: true };
  }
}

function run(): { model: AgentModel; ledger: Ledger; actions: LedgerActions } {
  const ledger = new Ledger();
  const actions = new LedgerActions(ledger);
  const model = new AgentModel(scenario, ledger, actions);
  for (const member of model.drawInitialMembers()) actions.join(member, -1);
  for (let day = 0; day < scenario.days; day++) {
    const plan = model.planDay(day);
    plan.forEach((items, b) => items.forEach((item) => model.act(item, day * scenario.blocksPerDay + b)));
  }
  return { model, ledger, actions };
}

describe("AgentModel", () => {
  it("replays the same decisions from the same seed", () => {
    expect(run().actions.log).toEqual(run().actions.log);
  });

  it("trades between distinct open members at role prices, within the limits, summing to 0", () => {
    const { ledger, actions } = run();
    const payments = actions.log.filter((line) => line.includes(" pay ") && !line.includes("refused"));
    expect(payments.length).toBeGreaterThan(300);
    for (const line of payments) {
      const [, , payer, payee, amount] = line.split(" ");
      expect(payer).not.toBe(payee);
      expect(Number(amount)).toBeGreaterThan(0);
    }
    expect(ledger.total()).toBe(0n);
    for (const account of ledger.accounts.values()) {
      expect(account.balance).toBeGreaterThanOrEqual(-account.creditLimit);
      if (account.status === "open") expect(account.balance).toBeLessThanOrEqual(account.positiveCap);
    }
  });

  it("has members join, leave at 0, and defaulters vanish and get closed after the window", () => {
    const { model, ledger, actions } = run();
    expect(actions.log.some((line) => line.includes(" join ") && !line.startsWith("-1 "))).toBe(true);
    expect(actions.log.some((line) => line.includes(" leave "))).toBe(true);
    const vanished = model.members.filter((m) => m.vanished);
    expect(vanished.length).toBeGreaterThan(0);
    for (const member of vanished) {
      expect(member.defaulter).toBe(true);
      const after = actions.log.filter((line) => Number(line.split(" ")[0]) > member.defaultDay! * scenario.blocksPerDay + scenario.blocksPerDay);
      expect(after.filter((line) => / pay /.test(line) && (line.split(" ")[2] === String(member.id) || line.split(" ")[3] === String(member.id)))).toEqual([]);
    }
    expect([...ledger.accounts.values()].some((a) => a.status === "defaulted")).toBe(true);
  });

  it("buys less near the credit floor and more in credit", () => {
    const ledger = new Ledger();
    const model = new AgentModel(scenario, ledger, new LedgerActions(ledger));
    const [a, b] = model.drawInitialMembers();
    for (const m of [a!, b!]) ledger.join(m.id, -1, { creditLimit: 60n, positiveCap: 0n });
    const atZero = model.buyRate(a!);
    ledger.pay(a!.id, b!.id, 54n, 0);
    expect(model.buyRate(a!)).toBeCloseTo(atZero * 0.1, 9);
    expect(model.buyRate(b!) / b!.role.buysPerDay).toBeCloseTo(1.9, 9);
  });
});
