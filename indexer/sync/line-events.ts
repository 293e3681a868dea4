/**
 * Pure: what a transaction did to a line, from its live line input (if any) and the line box it
 * made: proposed, accepted, cancelled, paused or resumed (by a side), a change proposed or
 * withdrawn, accepted (new terms) or closed, or refreshed (nothing changed); and the shards whose
 * ends it recreated unchanged (`shardRefreshes`), which make no line box.
 */
import type { Side } from "../../contracts/line/line.ts";
import type { EventSite, GatewayRecord, LineEvent, LineEventKind, LineRecord } from "./lets-events.ts";

const sameTerms = (a: LineRecord["terms"], b: LineRecord["terms"]) =>
  (Object.keys(a) as (keyof LineRecord["terms"])[]).every((k) => a[k] === b[k]);

/** The events of `after` (a line box the transaction made) given `before` (the line input it continues, if any). */
export function lineEvents(site: EventSite, before: LineRecord | undefined, after: LineRecord): LineEvent[] {
  const event = (kind: LineEventKind, side: Side | null): LineEvent => ({ site, kind, side, shard: null, line: after });
  if (!before) return [event("proposed", 0)];
  if (before.status === "proposed" && after.status === "open") return [event("accepted", 1)];
  if (before.status === "proposed" && after.status === "closed") return [event("cancelled", 0)];
  const events: LineEvent[] = [];
  if (before.pausedA !== after.pausedA) events.push(event(after.pausedA ? "paused" : "resumed", 0));
  if (before.pausedB !== after.pausedB) events.push(event(after.pausedB ? "paused" : "resumed", 1));
  if (before.pending && !after.pending) {
    const acceptor = (1 - before.pending.proposer) as Side;
    if (after.status === "closed" && before.status !== "closed") events.push(event("closed", acceptor));
    else if (!sameTerms(before.terms, after.terms)) events.push(event("change-accepted", acceptor));
    else events.push(event("change-withdrawn", before.pending.proposer));
  } else if (after.pending && JSON.stringify(after.pending, big) !== JSON.stringify(before.pending, big)) {
    events.push(event("change-proposed", after.pending.proposer));
  }
  if (events.length === 0) events.push(event("refreshed", null));
  return events;
}

const big = (_: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

const unchanged = (before: GatewayRecord, after: GatewayRecord | undefined) =>
  after !== undefined && after.balance === before.balance && after.feesHeld === before.feesHeld && after.position === before.position && after.maxUnits === before.maxUnits;

/**
 * The shards a transaction refreshed: every gateway it spent of the shard (both ends, or A's alone)
 * has its successor with the same balance, fees and position. Every other gateway path moves a
 * position (a cross payment), so this is the dormant refresh (gateway.es), by anyone: no side. The
 * event carries `line`, the line box the transaction read (the gateway script requires it as a
 * data input) or made; a shard of a line it cannot find is left out. In the order of the inputs.
 */
export function shardRefreshes(
  site: EventSite,
  gatewaysIn: readonly GatewayRecord[],
  gatewaysOut: readonly GatewayRecord[],
  lineOf: (lineId: string) => LineRecord | undefined,
): LineEvent[] {
  const after = new Map(gatewaysOut.map((g) => [g.gatewayId, g]));
  const shards = new Map<string, GatewayRecord[]>();
  for (const g of gatewaysIn) {
    const key = `${g.lineId} ${g.shard}`;
    shards.set(key, [...(shards.get(key) ?? []), g]);
  }
  const events: LineEvent[] = [];
  for (const ends of shards.values()) {
    const line = lineOf(ends[0]!.lineId);
    if (!line || !ends.every((g) => unchanged(g, after.get(g.gatewayId)))) continue;
    events.push({ site, kind: "shard-refreshed", side: null, shard: ends[0]!.shard, line });
  }
  return events;
}
