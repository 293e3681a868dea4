/**
 * A network run of the agent model against the in-memory executor (testing/network-executor.ts):
 * three communities, two lines, gamma in deficit. Each community's books sum to 0 with its
 * gateways after every block; the lines' positions stay within their caps; value never leaks
 * through the rate (D = tA × rateNum + tB × rateDen >= 0 per shard); the ledgers match a replay
 * of the event log; and a seed replays the same decisions.
 */
import { describe, expect, it } from "vitest";
import { LedgerSet, Ledger } from "./ledger.ts";
import { AgentModel } from "./model.ts";
import { lineTotals } from "./network.ts";
import { loadScenario, type Scenario } from "./scenario.ts";
import { memoryGatewayId, MemoryNetworkActions } from "./testing/network-executor.ts";
import type { SimEvent } from "./events.ts";

function run(scenario: Scenario, afterBlock: (ledgers: Ledger[], actions: MemoryNetworkActions) => void = () => {}) {
  const network = scenario.network!;
  const ledgers = network.communities.map(() => new Ledger());
  const books = new LedgerSet(ledgers, (member: number): number => model.members[member]!.community);
  const actions = new MemoryNetworkActions(scenario, books);
  const model: AgentModel = new AgentModel(scenario, books, actions);
  for (const member of model.drawInitialMembers()) actions.join(member, -1);
  for (let day = 0; day < scenario.days; day++) {
    const plan = model.planDay(day);
    plan.forEach((items, b) => {
      items.forEach((item) => model.act(item, day * scenario.blocksPerDay + b));
      afterBlock(ledgers, actions);
    });
  }
  return { model, ledgers, actions };
}

describe("a network of three communities in memory (the network preset)", async () => {
  const scenario = await loadScenario("network", { days: 12, blocksPerDay: 6 });
  const network = scenario.network!;

  it("keeps every community zero-sum with its gateways, and every shard within its cap, after every block", () => {
    let blocks = 0;
    run(scenario, (ledgers, actions) => {
      blocks++;
      for (const ledger of ledgers) expect(ledger.total()).toBe(0n);
      for (const [i, line] of network.lines.entries()) {
        for (let s = 0; s < Number(line.terms.shards); s++) {
          expect(actions.position(i, 1, s)).toBeGreaterThanOrEqual(-line.terms.capA / line.terms.shards);
          expect(actions.position(i, 0, s)).toBeGreaterThanOrEqual(-line.terms.capB / line.terms.shards);
          // D = tA × rateNum + tB × rateDen never falls below 0: the line never pays out more than came in.
          expect(actions.position(i, 0, s) * line.terms.rateNum + actions.position(i, 1, s) * line.terms.rateDen).toBeGreaterThanOrEqual(0n);
        }
      }
    });
    expect(blocks).toBe(12 * 6);
  });

  it("crosses one hop and two, both ways, and stops gamma's deficit at beta-gamma's cap with refusals", () => {
    const { actions } = run(scenario);
    const crossed = actions.done.filter((d) => d.kind === "cross" && !d.refused);
    expect(crossed.some((d) => d.cross!.hops.length === 1)).toBe(true);
    expect(crossed.some((d) => d.cross!.hops.length === 2)).toBe(true);
    const capped = actions.done.filter((d) => d.refused === "line exposure cap");
    expect(capped.length).toBeGreaterThan(0);
    // Gamma (side b of beta-gamma) paid into the line until beta's ends reached -capB / shards.
    const line = network.lines.findIndex((l) => l.key === "beta-gamma");
    const { capB, shards } = network.lines[line]!.terms;
    const deepest = Math.min(...Array.from({ length: Number(shards) }, (_, s) => Number(actions.position(line, 0, s))));
    expect(BigInt(deepest)).toBeLessThan(-capB / shards / 2n);
    // Every refused crossing at the cap was a payment out of gamma or through beta-gamma towards beta.
    for (const d of capped) expect(d.payer).toBeDefined();
  });

  it("converts at the line's rate, rounding against the payer, and the gateways' books agree with the replayed flows", () => {
    const { actions, ledgers } = run(scenario);
    const events: SimEvent[] = actions.done
      .filter((d) => d.kind === "cross" && !d.refused)
      .map((d) => ({ kind: "payment", block: d.block, member: d.payer!, payee: d.payee!, amountUnits: d.amount!, status: "accepted", cross: d.cross! }));
    for (const e of events) {
      for (const hop of e.cross!.hops) {
        const { rateNum, rateDen } = network.lines[hop.line]!.terms;
        const [num, den] = hop.from === 0 ? [rateNum, rateDen] : [rateDen, rateNum];
        expect(hop.converted).toBe((hop.sent * num) / den);
        // What arrives is never worth more than what was sent, at the agreed rate.
        expect(hop.converted * den).toBeLessThanOrEqual(hop.sent * num);
      }
    }
    const totals = lineTotals(events, network, scenario.blocksPerDay, scenario.days);
    for (const [i, line] of network.lines.entries()) {
      const side = (s: 0 | 1) => ledgers[s === 0 ? line.a : line.b]!;
      let [a, b, feesA, feesB] = [0n, 0n, 0n, 0n];
      for (let s = 0; s < Number(line.terms.shards); s++) {
        const ga = side(0).gateways.get(memoryGatewayId(i, 0, s));
        const gb = side(1).gateways.get(memoryGatewayId(i, 1, s));
        a += (ga?.balance ?? 0n) - (ga?.feesHeld ?? 0n);
        b += (gb?.balance ?? 0n) - (gb?.feesHeld ?? 0n);
        feesA += ga?.feesHeld ?? 0n;
        feesB += gb?.feesHeld ?? 0n;
      }
      expect(totals[i]!.positions).toEqual({ a, b, feesA, feesB });
      for (const d of totals[i]!.conservation) expect(d).toBeGreaterThanOrEqual(0n);
    }
  });

  it("replays the same decisions from the same seed", () => {
    const once = run(scenario).actions.done;
    expect(run(scenario).actions.done).toEqual(once);
    expect(once.length).toBeGreaterThan(200);
  });
});
