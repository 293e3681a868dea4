/**
 * Routes for cross payments (docs/inter-lets.md): which open lines, one or two, join the payer's
 * community to the payee's, and which shard of each to use. Pure: the caller gives the lines and
 * gateways it read (from the indexer or a node).
 */
import { LineNotOpen, LinePaused, NoRoute } from "../errors.ts";
import { communityOf, quoteHop, type Gateway, type Line, type Side } from "./line.ts";

/** One step of a route: a line crossed from side `from`. */
export interface RouteStep {
  line: Line;
  from: Side;
}

/** The side of `line` that `community` is on, or undefined. */
export function sideIn(line: Line, community: string): Side | undefined {
  if (line.communityA === community) return 0;
  if (line.communityB === community) return 1;
  return undefined;
}

/** Whether a line takes payments from `from`'s side now (open, and the receiving side not paused). */
const usable = (line: Line, from: Side): boolean => line.status === "open" && !(from === 0 ? line.pausedB : line.pausedA);

/**
 * The shortest route from community `from` to community `to` over usable lines: one hop when a
 * line joins them, else two through a community both are joined to (the lowest fees first, then
 * the line ids, so the choice is stable). Throws `NoRoute` when there is none.
 */
export function findRoute(lines: readonly Line[], from: string, to: string): RouteStep[] {
  if (from === to) return [];
  const steps = (community: string): RouteStep[] =>
    lines.flatMap((line) => {
      const side = sideIn(line, community);
      return side !== undefined && usable(line, side) ? [{ line, from: side }] : [];
    });
  const fee = (s: RouteStep) => s.line.terms.feeA + s.line.terms.feeB;
  const order = (a: RouteStep[], b: RouteStep[]) =>
    Number(a.reduce((t, s) => t + fee(s), 0n) - b.reduce((t, s) => t + fee(s), 0n)) ||
    a.map((s) => s.line.lineId).join().localeCompare(b.map((s) => s.line.lineId).join());
  const direct = steps(from).filter((s) => communityOf(s.line, (1 - s.from) as Side) === to);
  if (direct.length > 0) return [direct.sort((a, b) => order([a], [b]))[0]!];
  const twoHops = steps(from).flatMap((first) => {
    const middle = communityOf(first.line, (1 - first.from) as Side);
    if (middle === to) return [];
    return steps(middle)
      .filter((second) => second.line.lineId !== first.line.lineId && communityOf(second.line, (1 - second.from) as Side) === to)
      .map((second) => [first, second]);
  });
  if (twoHops.length === 0) throw new NoRoute(from, to);
  return twoHops.sort(order)[0]!;
}

/**
 * `findRoute`, or, when there is none, the reason a direct line between the two gives: paused by
 * the receiving side (`LinePaused`) or not open (`LineNotOpen`, a proposed line named before a
 * closed one); else the `NoRoute`. What a wallet tells a payer (the CLI's client, the web's pay
 * screen).
 */
export function routeOrRefusal(lines: readonly Line[], from: string, to: string): RouteStep[] {
  try {
    return findRoute(lines, from, to);
  } catch (error) {
    if (!(error instanceof NoRoute)) throw error;
    const direct = lines.filter((l) => (l.communityA === from && l.communityB === to) || (l.communityA === to && l.communityB === from));
    const open = direct.find((l) => l.status === "open");
    if (open) throw new LinePaused(open.lineId, to);
    const unopened = direct.find((l) => l.status === "proposed") ?? direct[0];
    if (unopened) throw new LineNotOpen(unopened.lineId, unopened.status);
    throw error;
  }
}

/**
 * The shard of `step` to use for `sent` units: among the line's gateway pairs, one whose receiving
 * end stays within its cap after the payment (the one with the most room first), skipping shards
 * in `busy` (already used in this transaction, or pending in the mempool). Undefined when none fits.
 */
export function chooseShard(step: RouteStep, gateways: readonly Gateway[], sent: bigint, busy: ReadonlySet<number> = new Set()): number | undefined {
  const { line, from } = step;
  const converted = quoteHop(line.terms, from, sent).converted;
  const cap = (from === 0 ? line.terms.capA : line.terms.capB) / line.terms.shards;
  const receivers = gateways.filter((g) => g.lineId === line.lineId && g.side === 1 - from && !busy.has(g.shard));
  const senders = new Set(gateways.filter((g) => g.lineId === line.lineId && g.side === from).map((g) => g.shard));
  const fits = receivers
    .filter((g) => senders.has(g.shard) && g.position - converted + cap >= 0n)
    .sort((a, b) => Number(b.position - a.position) || a.shard - b.shard);
  return fits[0]?.shard;
}
