import { describe, expect, it } from "vitest";
import { buildGraph, linkWidth, nodeRadius } from "./network-graph.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);

describe("buildGraph", () => {
  it("makes one node per account with what it paid and received, in display units", () => {
    const { nodes, links } = buildGraph(
      [
        { source: A, target: B, amount: "1250", count: 2 },
        { source: B, target: C, amount: "100", count: 1 },
        { source: C, target: B, amount: "5", count: 1 },
      ],
      2,
    );
    expect(nodes.map((n) => [n.id, n.paid, n.received, n.degree])).toEqual([
      [A, 12.5, 0, 1],
      [B, 1, 12.55, 2],
      [C, 0.05, 1, 1],
    ]);
    expect(links).toEqual([
      { source: A, target: B, amount: 12.5, count: 2 },
      { source: B, target: C, amount: 1, count: 1 },
      { source: C, target: B, amount: 0.05, count: 1 },
    ]);
  });

  it("gives an empty graph for no payments", () => {
    expect(buildGraph([], 0)).toEqual({ nodes: [], links: [] });
  });
});

describe("sizes", () => {
  it("grow with the flow and stay within bounds", () => {
    const small = { id: A, paid: 1, received: 0, degree: 1 };
    const big = { id: B, paid: 50, received: 50, degree: 3 };
    expect(nodeRadius(small, 100)).toBeLessThan(nodeRadius(big, 100));
    expect(nodeRadius(big, 100)).toBe(12);
    expect(nodeRadius(small, 0)).toBe(3);
    expect(linkWidth({ source: A, target: B, amount: 10, count: 1 }, 10)).toBe(4);
  });
});
