/**
 * Networks of communities joined by trade lines (docs/simulate.md, "Networks"): the bookkeeping of
 * a cross payment in the communities' ledgers, and the per-line figures the report shows, replayed
 * from the event log. Pure: the chain actions and the in-memory executor of the specs share it.
 */
import type { CrossDetail, SimEvent } from "./events.ts";
import type { LedgerSet, Undo } from "./ledger.ts";
import type { NetworkSpec } from "./scenario.ts";

/** The gateway id of one end of a shard: `lineId ++ [side, shard]` on chain, any unique string in memory. */
export type GatewayIdOf = (line: number, side: 0 | 1, shard: number) => string;

/** `gatewayId` as the contracts write it (R7 of a gateway): the line id, then the side and shard bytes. */
export const chainGatewayId = (lineId: string, side: 0 | 1, shard: number): string =>
  lineId + [side, shard].map((n) => n.toString(16).padStart(2, "0")).join("");

/** The community an end of a line is in. */
export const communityAt = (network: NetworkSpec, line: number, side: 0 | 1): number => (side === 0 ? network.lines[line]!.a : network.lines[line]!.b);

/**
 * Applies a cross payment to the ledgers: the payer's community takes its debit into the first
 * sender gateway; each hop moves its sender gateway up by what was sent plus the sender's fee and
 * its receiver gateway down by what it delivered; the payee's community credits the payee. Each
 * community stays zero-sum (accounts + gateways + community balance).
 */
export function applyCross(ledgers: LedgerSet, network: NetworkSpec, payer: number, payee: number, detail: CrossDetail, block: number, gatewayId: GatewayIdOf): Undo {
  const undos: Undo[] = [ledgers.of(payer).crossLeg(payer, -detail.debitUnits, block)];
  for (const hop of detail.hops) {
    const to = (1 - hop.from) as 0 | 1;
    const sender = ledgers.ledgers[communityAt(network, hop.line, hop.from)]!;
    const receiver = ledgers.ledgers[communityAt(network, hop.line, to)]!;
    undos.push(sender.gateway(gatewayId(hop.line, hop.from, hop.shard), hop.sent + hop.senderFee, hop.senderFee));
    undos.push(receiver.gateway(gatewayId(hop.line, to, hop.shard), -(hop.converted - hop.receiverFee), hop.receiverFee));
  }
  undos.push(ledgers.of(payee).crossLeg(payee, detail.receivedUnits, block));
  return () => {
    for (let i = undos.length - 1; i >= 0; i--) undos[i]!();
  };
}

/** One direction of a line over the run. */
export interface LineFlow {
  payments: number;
  /** Units that crossed, in the sending community's units (the sender's trade position rose by this). */
  sentUnits: bigint;
  /** floor(sent × rate), in the receiving community's units. */
  convertedUnits: bigint;
  /** Fees: the sender's (on top of what was sent) and the receiver's (kept from what it converted), each in its own units. */
  senderFeeUnits: bigint;
  receiverFeeUnits: bigint;
}

/** A line's trade positions (all shards together) and fees held, by side. */
export interface LinePositions {
  a: bigint;
  b: bigint;
  feesA: bigint;
  feesB: bigint;
}

/** What happened on one line. */
export interface LineTotals {
  aToB: LineFlow;
  bToA: LineFlow;
  positions: LinePositions;
  /** Per shard: `D = tA × rateNum + tB × rateDen`, which starts at 0 and never falls (docs/inter-lets.md). */
  conservation: bigint[];
}

const emptyFlow = (): LineFlow => ({ payments: 0, sentUnits: 0n, convertedUnits: 0n, senderFeeUnits: 0n, receiverFeeUnits: 0n });

/** Replays the accepted cross payments of `events` into each line's flows and positions; `onDay` sees the positions at the end of each day. */
export function lineTotals(
  events: readonly SimEvent[],
  network: NetworkSpec,
  blocksPerDay: number,
  days: number,
  onDay: (day: number, positions: LinePositions[]) => void = () => {},
): LineTotals[] {
  const totals: LineTotals[] = network.lines.map((l) => ({
    aToB: emptyFlow(),
    bToA: emptyFlow(),
    positions: { a: 0n, b: 0n, feesA: 0n, feesB: 0n },
    conservation: Array.from({ length: Number(l.terms.shards) }, () => 0n),
  }));
  const shardPositions = network.lines.map((l) => Array.from({ length: Number(l.terms.shards) }, () => [0n, 0n] as [bigint, bigint]));
  let day = 0;
  const closeDaysUntil = (until: number) => {
    for (; day < Math.min(until, days); day++) onDay(day, totals.map((t) => ({ ...t.positions })));
  };
  for (const event of events) {
    if (event.status !== "accepted" || !event.cross) continue;
    closeDaysUntil(Math.floor(Math.max(0, event.block) / blocksPerDay));
    for (const hop of event.cross.hops) {
      const t = totals[hop.line]!;
      const flow = hop.from === 0 ? t.aToB : t.bToA;
      flow.payments++;
      flow.sentUnits += hop.sent;
      flow.convertedUnits += hop.converted;
      flow.senderFeeUnits += hop.senderFee;
      flow.receiverFeeUnits += hop.receiverFee;
      const shard = shardPositions[hop.line]![hop.shard]!;
      shard[hop.from] += hop.sent;
      shard[hop.from === 0 ? 1 : 0] -= hop.converted;
      if (hop.from === 0) {
        t.positions.a += hop.sent;
        t.positions.b -= hop.converted;
        t.positions.feesA += hop.senderFee;
        t.positions.feesB += hop.receiverFee;
      } else {
        t.positions.b += hop.sent;
        t.positions.a -= hop.converted;
        t.positions.feesB += hop.senderFee;
        t.positions.feesA += hop.receiverFee;
      }
    }
  }
  closeDaysUntil(days);
  for (const [i, t] of totals.entries()) {
    const { rateNum, rateDen } = network.lines[i]!.terms;
    t.conservation = shardPositions[i]!.map(([tA, tB]) => tA * rateNum + tB * rateDen);
  }
  return totals;
}
