/**
 * The network of communities and trade lines as the network page draws it: communities on a
 * circle (those with lines first, each next to its partners as far as a circle allows), one edge
 * per line labelled with who owes whom and how much of the cap that is. Pure, so it is tested
 * without a browser.
 */
import { displayAmount } from "../amount.ts";
import { shortId } from "../components/explorer/ids.ts";
import type { TradeLine } from "./types.ts";
import { rateWords, statusLabel, type StatusLabel, type Units } from "./words.ts";

export interface NetworkNode extends Units {
  communityId: string;
  x: number;
  y: number;
  lines: number;
  /**
   * False for a line's partner the indexer does not list (a community of another contract
   * version, or one it never synced): it has no page, so the drawing does not link it, and its
   * amounts are in its base units ("?": its decimals and symbol are not known).
   */
  known: boolean;
}

export interface NetworkEdge {
  lineId: string;
  from: NetworkNode;
  to: NetworkNode;
  status: StatusLabel;
  rate: string;
  /** Who owes whom, in the debtor's units ("Otago owes Kaikoura 16.50 OTD"), or "balanced". */
  position: string;
  /** The cap on that debt, in the creditor's units ("cap 100.00 KCD"), or both caps when balanced. */
  cap: string;
  /** How much of the debtor's cap is used, 0 to 1 (the edge's weight), at the creditor's end. */
  use: number;
  /** Where the label's middle line sits: beside the edge's middle, off the line; `anchor` its SVG text-anchor. */
  labelX: number;
  labelY: number;
  anchor: "start" | "middle" | "end";
}

export interface NetworkDrawing {
  width: number;
  height: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** A community a line names that the indexer did not list: named by its id, amounts in base units. */
const unknownCommunity = (communityId: string) => ({ communityId, name: `community ${shortId(communityId)}`, symbol: "?", decimals: 0, known: false });

/**
 * Lays out `communities` (only those with a line, when any has one) on a circle and joins them by
 * `lines`. A community a line names that is not given is drawn after them, unknown (`known`).
 */
export function drawNetwork(communities: (Units & { communityId: string })[], lines: TradeLine[], sizeGiven?: number): NetworkDrawing {
  const count = new Map<string, number>();
  for (const l of lines) for (const id of [l.communityA, l.communityB]) count.set(id, (count.get(id) ?? 0) + 1);
  const given = new Set(communities.map((c) => c.communityId));
  const shown = [
    ...communities.filter((c) => count.has(c.communityId)).map((c) => ({ ...c, known: true })),
    ...[...count.keys()].filter((id) => !given.has(id)).map(unknownCommunity),
  ];
  // A few communities get a smaller canvas, so the labels stay readable when it is scaled to a phone.
  const size = sizeGiven ?? (shown.length <= 4 ? 520 : 720);
  const radius = size / 2 - 110;
  const centre = size / 2;
  const nodes: NetworkNode[] = shown.map((c, i) => {
    const angle = (2 * Math.PI * i) / Math.max(shown.length, 1) - Math.PI / 2;
    const r = shown.length === 1 ? 0 : radius;
    return { ...c, x: centre + r * Math.cos(angle), y: centre + r * Math.sin(angle), lines: count.get(c.communityId) ?? 0 };
  });
  const byId = new Map(nodes.map((n) => [n.communityId, n]));
  const edges: NetworkEdge[] = [];
  for (const l of lines) {
    const a = byId.get(l.communityA);
    const b = byId.get(l.communityB);
    if (!a || !b) continue;
    const f = (v: bigint, u: Units) => displayAmount(v, u.decimals, { symbol: u.symbol });
    let position: string;
    let cap: string;
    let use = 0;
    if (l.positionA > 0n) {
      // A paid in: A owes B; its deficit is B's gateways' negative position, capped by capA (B-units).
      position = `${a.name} owes ${b.name} ${f(l.positionA, a)}`;
      cap = `${f(abs(l.positionB), b)} of cap ${f(l.terms.capA, b)}`;
      use = l.terms.capA > 0n ? Number((abs(l.positionB) * 1000n) / l.terms.capA) / 1000 : 0;
    } else if (l.positionB > 0n) {
      position = `${b.name} owes ${a.name} ${f(l.positionB, b)}`;
      cap = `${f(abs(l.positionA), a)} of cap ${f(l.terms.capB, a)}`;
      use = l.terms.capB > 0n ? Number((abs(l.positionA) * 1000n) / l.terms.capB) / 1000 : 0;
    } else {
      position = "balanced";
      cap = `caps ${f(l.terms.capA, b)} / ${f(l.terms.capB, a)}`;
    }
    // Lines between the same two communities are spread apart.
    const twins = edges.filter((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a)).length;
    // The label goes beside the edge, on one side of it: its three lines (rate, position, cap)
    // stand next to a steep edge (anchored at their start or end) and above or below a flat one.
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const length = Math.hypot(dx, dy) || 1;
    const [px, py] = [-dy / length, dx / length];
    const steep = Math.abs(px) > 0.5;
    const offset = (steep ? 10 : 30) + twins * 48;
    const [mx, my] = [(a.x + b.x) / 2, (a.y + b.y) / 2];
    edges.push({
      lineId: l.lineId, from: a, to: b, status: statusLabel(l), rate: rateWords(l.terms, a, b), position, cap, use: Math.min(use, 1),
      labelX: mx + px * offset, labelY: my + py * offset, anchor: steep ? (px > 0 ? "start" : "end") : "middle",
    });
  }
  return { width: size, height: size, nodes, edges };
}
