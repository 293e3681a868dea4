/**
 * The trade network as a graph to draw: one node per account that paid or was paid, one link per
 * (payer, payee) pair. Amounts become numbers in display units for drawing only.
 */
import type { SimulationLinkDatum, SimulationNodeDatum } from "d3-force";

/** An edge as the network download sends it. */
export interface EdgeRow {
  source: string;
  target: string;
  amount: string;
  count: number;
}

export interface GraphNode extends SimulationNodeDatum {
  id: string;
  paid: number;
  received: number;
  /** Distinct counterparties. */
  degree: number;
}

export interface GraphLink extends SimulationLinkDatum<GraphNode> {
  source: string | GraphNode;
  target: string | GraphNode;
  amount: number;
  count: number;
}

/** Nodes and links of the edge list; nodes sorted by id so layouts start the same for everyone. */
export function buildGraph(edges: readonly EdgeRow[], decimals: number): { nodes: GraphNode[]; links: GraphLink[] } {
  const nodes = new Map<string, GraphNode>();
  const node = (id: string) => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { id, paid: 0, received: 0, degree: 0 }));
    return n;
  };
  const links = edges.map((e) => {
    const amount = Number(e.amount) / 10 ** decimals;
    node(e.source).paid += amount;
    node(e.target).received += amount;
    return { source: e.source, target: e.target, amount, count: e.count };
  });
  const neighbours = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!neighbours.has(e.source)) neighbours.set(e.source, new Set());
    if (!neighbours.has(e.target)) neighbours.set(e.target, new Set());
    neighbours.get(e.source)!.add(e.target);
    neighbours.get(e.target)!.add(e.source);
  }
  for (const [id, set] of neighbours) node(id).degree = set.size;
  return { nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), links };
}

/** A node's radius in CSS pixels: grows with the square root of what flowed through it. */
export function nodeRadius(n: GraphNode, maxFlow: number): number {
  const flow = n.paid + n.received;
  return 3 + (maxFlow > 0 ? 9 * Math.sqrt(flow / maxFlow) : 0);
}

/** A link's width in CSS pixels, by its share of the largest amount. */
export function linkWidth(l: GraphLink, maxAmount: number): number {
  return 0.5 + (maxAmount > 0 ? 3.5 * (l.amount / maxAmount) : 0);
}
