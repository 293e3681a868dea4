/**
 * Pure: what a transaction did to a line, from its live line input (if any) and the line box it
 * made: proposed, accepted, cancelled, paused or resumed (by a side), a change proposed or
 * withdrawn, accepted (new terms) or closed, or refreshed (nothing changed).
 */
import type { Side } from "../../contracts/line/line.ts";
import type { EventSite, LineEvent, LineEventKind, LineRecord } from "./lets-events.ts";

const sameTerms = (a: LineRecord["terms"], b: LineRecord["terms"]) =>
  (Object.keys(a) as (keyof LineRecord["terms"])[]).every((k) => a[k] === b[k]);

/** The events of `after` (a line box the transaction made) given `before` (the line input it continues, if any). */
export function lineEvents(site: EventSite, before: LineRecord | undefined, after: LineRecord): LineEvent[] {
  const event = (kind: LineEventKind, side: Side | null): LineEvent => ({ site, kind, side, line: after });
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
