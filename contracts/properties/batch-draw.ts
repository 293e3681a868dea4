/**
 * Random choices for the batch properties, drawn through fast-check's generator so that a failing
 * case replays from its seed and shrinks.
 */
import fc from "fast-check";
import type { Draw } from "./mutation-kinds.ts";

/** A `Draw` (mutation-kinds.ts) with the few helpers the batch properties need. */
export interface BatchDraw extends Draw {
  /** True with probability `p` (in hundredths). */
  chance(percent: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(xs: readonly T[]): T[];
}

/**
 * Draws from `g`. fast-check biases numbers towards small ones and the bounds, which would make a
 * weighted choice `int(0, 99) < 10` far likelier than one in ten: draws here are unbiased, and a
 * property that wants the edges draws them on purpose.
 */
export function drawFrom(g: fc.GeneratorValue): BatchDraw {
  const int = (min: number, max: number) => g((c: fc.IntegerConstraints) => fc.noBias(fc.integer(c)), { min, max });
  return {
    int,
    big: (min, max) => g((c: fc.BigIntConstraints) => fc.noBias(fc.bigInt(c)), { min, max }),
    bytes: (length) => g(fc.uint8Array, { minLength: length, maxLength: length }),
    chance: (percent) => int(0, 99) < percent,
    pick: (xs) => {
      if (xs.length === 0) throw new Error("draw: nothing to pick from");
      return xs[int(0, xs.length - 1)]!;
    },
    shuffle: (xs) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** How often each outcome occurred, to prove a run covered what it claims. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Sorted, for LETS_PROPERTY_STATS. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
