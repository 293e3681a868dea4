/**
 * The network part of `summary.json` (docs/simulate.md, "Networks"): each community's payments at
 * home and across its lines and its zero-sum check (accounts + gateways + community balance = 0),
 * each line's flows both ways, fees, positions and caps, and the positions at the end of each day.
 * Amounts are decimal strings, each in the units of the community it is counted in.
 */
import type { SimulationResult } from "../run.ts";
import { lineTotals, type LineFlow, type LinePositions } from "../network.ts";

const text = (value: bigint) => value.toString();

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

const flowJson = (f: LineFlow) => ({
  payments: f.payments,
  sentUnits: text(f.sentUnits),
  convertedUnits: text(f.convertedUnits),
  senderFeeUnits: text(f.senderFeeUnits),
  receiverFeeUnits: text(f.receiverFeeUnits),
});

const positionsJson = (p: LinePositions) => ({ a: text(p.a), b: text(p.b), feesA: text(p.feesA), feesB: text(p.feesB) });

/** Undefined for one community. */
export function networkSummary(result: SimulationResult, daysRun: number) {
  const { scenario, events, members } = result;
  const network = scenario.network;
  const run = result.network;
  if (!network || !run) return undefined;
  const communityOf = (member: number) => members[member]!.community;
  const payments = events.filter((e) => e.kind === "payment");
  const crossing = payments.filter((e) => communityOf(e.member) !== communityOf(e.payee!));
  const accepted = crossing.filter((e) => e.status === "accepted");
  const byDay: { day: number; lines: ReturnType<typeof positionsJson>[] }[] = [];
  const totals = lineTotals(events, network, scenario.blocksPerDay, daysRun, (day, positions) => byDay.push({ day, lines: positions.map(positionsJson) }));
  return {
    communities: network.communities.map((c, i) => {
      const ledger = run.ledgers[i]!;
      const open = [...ledger.accounts.values()].filter((a) => a.status === "open");
      const accounts = open.reduce((s, a) => s + a.balance, 0n);
      const gateways = ledger.gatewayTotal();
      const mine = (e: (typeof payments)[number]) => communityOf(e.member) === i;
      const local = payments.filter((e) => mine(e) && communityOf(e.payee!) === i && e.status === "accepted");
      const out = crossing.filter(mine);
      const into = accepted.filter((e) => communityOf(e.payee!) === i);
      return {
        key: c.key,
        name: c.name,
        symbol: c.symbol,
        communityId: run.communityIds[i] ?? null,
        openMembers: open.length,
        localPayments: { accepted: local.length, volumeUnits: text(local.reduce((s, e) => s + e.amountUnits!, 0n)) },
        crossOut: {
          attempted: out.length,
          accepted: out.filter((e) => e.status === "accepted").length,
          refusedByReason: countBy(out.filter((e) => e.status === "refused").map((e) => e.reason!)),
          debitUnits: text(out.reduce((s, e) => s + (e.cross?.debitUnits ?? 0n), 0n)),
        },
        crossIn: { accepted: into.length, receivedUnits: text(into.reduce((s, e) => s + e.cross!.receivedUnits, 0n)) },
        /** The community's books at the end: they sum to 0. */
        zeroSum: {
          accountsUnits: text(accounts),
          gatewaysUnits: text(gateways),
          communityBalance: text(ledger.communityBalance),
          sum: text(accounts + gateways + ledger.communityBalance),
          ok: accounts + gateways + ledger.communityBalance === 0n,
        },
      };
    }),
    lines: network.lines.map((l, i) => {
      const t = totals[i]!;
      return {
        key: l.key,
        a: network.communities[l.a]!.key,
        b: network.communities[l.b]!.key,
        lineId: run.lineIds[i] ?? null,
        terms: Object.fromEntries(Object.entries(l.terms).map(([k, v]) => [k, text(v)])),
        aToB: flowJson(t.aToB),
        bToA: flowJson(t.bToA),
        positions: positionsJson(t.positions),
        /** How much of each cap is used: a's deficit (b's position below 0) against capA, b's against capB. */
        capUse: {
          a: Number(t.positions.b < 0n ? -t.positions.b : 0n) / Math.max(1, Number(l.terms.capA)),
          b: Number(t.positions.a < 0n ? -t.positions.a : 0n) / Math.max(1, Number(l.terms.capB)),
        },
        conservation: t.conservation.map(text),
      };
    }),
    cross: {
      attempted: crossing.length,
      accepted: accepted.length,
      refused: crossing.length - accepted.length,
      oneHop: accepted.filter((e) => e.cross!.hops.length === 1).length,
      twoHops: accepted.filter((e) => e.cross!.hops.length === 2).length,
      refusedByReason: countBy(crossing.filter((e) => e.status === "refused").map((e) => e.reason!)),
    },
    positionsByDay: byDay,
  };
}
