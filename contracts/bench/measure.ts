/**
 * Measuring a shape: check that it is accepted, count its size and cost once (both are
 * deterministic), then time `signAndValidate` on the same unsigned transaction many times.
 */
import { performance } from "node:perf_hooks";
import { estimateCost, signAndValidate } from "../testing/ergo-lib.ts";
import type { Shape } from "./shapes.ts";

/** Cost with the per-input script costs summed. */
export interface CostSummary {
  total: number;
  base: number;
  tokens: number;
  scripts: number;
  signatures: number;
}

/** What is fixed about a shape: its signed size, its cost, its input and output counts. */
export interface StaticFigures {
  bytes: number;
  cost: CostSummary;
  inputs: number;
  outputs: number;
}

/** Timing figures in milliseconds. */
export interface TimingSummary {
  median: number;
  p90: number;
  runs: number;
}

/** Signs and validates once and estimates the cost; throws with the reason if the shape is refused. */
export function staticFigures(shape: Shape): StaticFigures {
  const result = signAndValidate(shape.tx, { secrets: shape.secrets, height: shape.height });
  if (!result.ok) {
    throw new Error(`${shape.name}: refused at ${result.stage} (HEIGHT ${shape.height}): ${result.reason}`);
  }
  const cost = estimateCost(shape.tx, { height: shape.height });
  return {
    bytes: result.bytes,
    cost: {
      total: cost.total,
      base: cost.base,
      tokens: cost.tokens,
      scripts: cost.scripts.reduce((a, b) => a + b, 0),
      signatures: cost.signatures,
    },
    inputs: shape.tx.inputs.length,
    outputs: shape.tx.outputs.length,
  };
}

function timeOnce(shape: Shape): number {
  const start = performance.now();
  const result = signAndValidate(shape.tx, { secrets: shape.secrets, height: shape.height });
  const elapsed = performance.now() - start;
  if (!result.ok) throw new Error(`${shape.name}: refused during timing: ${result.reason}`);
  return elapsed;
}

/** Lets the event loop turn once, so ergo-lib's FinalizationRegistry can free the last run's wasm objects. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Times every shape `runs` times after `warmups` untimed runs each. The shapes take turns (one run
 * of each per round), so a slow spell on a shared machine falls on all of them alike and the
 * ratios between shapes stay meaningful. Between runs, outside the timed region, the event loop
 * turns: ergo-lib-wasm frees its objects only from finalizers, which never run inside a
 * synchronous loop, and its wasm heap then grows and every later run slows down (11 ms -> 20+ ms
 * for a payment after ~150 runs on the reference machine).
 */
export async function timeShapes(shapes: Shape[], runs: number, warmups: number): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(shapes.map((s) => [s.name, []]));
  for (let round = 0; round < warmups + runs; round++) {
    for (const shape of shapes) {
      await settle();
      const elapsed = timeOnce(shape);
      if (round >= warmups) samples.get(shape.name)?.push(elapsed);
    }
  }
  return samples;
}

/** The q-quantile by nearest rank (q in (0, 1]) of a non-empty sample. */
export function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** The median of a non-empty sample (mean of the two middle values when the count is even). */
export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? Number.NaN;
  return ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Median, 90th percentile and count of a timing sample, in ms rounded to 3 decimals. */
export function summarise(samples: readonly number[]): TimingSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: round(median(sorted), 3), p90: round(quantile(sorted, 0.9), 3), runs: sorted.length };
}
