/**
 * Weighted choice among many members, with weights that change one at a time: a Fenwick tree of
 * integer weights, so a pick and an update each cost O(log n) instead of a pass over everyone.
 * Integers keep the sums exact: no rounding drift after millions of updates, and a member with
 * weight 0 can never be picked.
 */
import type { Random } from "../../util/prng.ts";

/** Largest total the tree accepts: sums stay exact doubles. */
const MAX_TOTAL = Number.MAX_SAFE_INTEGER;

export class WeightedIndex {
  private tree: number[] = [0];
  private weights: number[] = [];
  private sum = 0;

  get total(): number {
    return this.sum;
  }

  /** The weight of `index` (0 when never set). */
  weight(index: number): number {
    return this.weights[index] ?? 0;
  }

  /** Sets the weight of `index` (a non-negative integer), growing the index as needed. */
  set(index: number, weight: number): void {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`weights are non-negative integers, got ${weight}`);
    while (this.weights.length <= index) this.grow();
    const delta = weight - this.weights[index]!;
    if (delta === 0) return;
    if (this.sum + delta > MAX_TOTAL) throw new RangeError("the weights sum past 2^53");
    this.weights[index] = weight;
    this.sum += delta;
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i]! += delta;
  }

  /** An index drawn with probability weight / total; undefined when every weight is 0. */
  pick(random: Random): number | undefined {
    if (this.sum === 0) return undefined;
    let target = Math.floor(random.next() * this.sum);
    let position = 0;
    for (let step = highestPowerOfTwo(this.tree.length - 1); step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && this.tree[next]! <= target) {
        position = next;
        target -= this.tree[next]!;
      }
    }
    return position;
  }

  /** Appends one slot with weight 0 (the tree node covering it sums its range, all zero so far but for its children). */
  private grow(): void {
    const index = this.weights.length;
    this.weights.push(0);
    const node = index + 1;
    // A new node covers (node - lowbit(node), node]: the sum of the existing weights in that range.
    let sum = 0;
    for (let i = node - (node & -node); i < index; i++) sum += this.weights[i]!;
    this.tree.push(sum);
  }
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return n === 0 ? 0 : p;
}
