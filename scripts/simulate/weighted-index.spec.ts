import { describe, expect, it } from "vitest";
import { Random } from "../../util/prng.ts";
import { WeightedIndex } from "./weighted-index.ts";

describe("WeightedIndex", () => {
  it("picks each index in proportion to its weight and never one at 0", () => {
    const index = new WeightedIndex();
    const weights = [0, 5, 0, 1, 4, 0, 10];
    weights.forEach((w, i) => index.set(i, w));
    const random = new Random(11, "pick");
    const counts = new Array<number>(weights.length).fill(0);
    for (let n = 0; n < 40_000; n++) counts[index.pick(random)!]! += 1;
    weights.forEach((w, i) => {
      if (w === 0) expect(counts[i]).toBe(0);
      else expect(counts[i]! / 40_000).toBeCloseTo(w / 20, 1);
    });
  });

  it("keeps exact totals through many updates, in any order of growth", () => {
    const index = new WeightedIndex();
    const random = new Random(12, "updates");
    const shadow: number[] = [];
    for (let n = 0; n < 5_000; n++) {
      const at = random.int(300);
      const weight = random.chance(0.2) ? 0 : random.int(2_000_000);
      index.set(at, weight);
      shadow[at] = weight;
    }
    expect(index.total).toBe(shadow.reduce((s, w) => s + (w ?? 0), 0));
    shadow.forEach((w, i) => expect(index.weight(i)).toBe(w ?? 0));
    // Zeroing all but one: it is the only pick.
    shadow.forEach((_, i) => index.set(i, i === 123 ? 7 : 0));
    for (let n = 0; n < 50; n++) expect(index.pick(random)).toBe(123);
  });

  it("answers undefined when every weight is 0, and refuses negative or fractional weights", () => {
    const index = new WeightedIndex();
    expect(index.pick(new Random(1, "x"))).toBeUndefined();
    index.set(3, 0);
    expect(index.pick(new Random(1, "x"))).toBeUndefined();
    expect(() => index.set(0, -1)).toThrow(RangeError);
    expect(() => index.set(0, 1.5)).toThrow(RangeError);
  });
});
