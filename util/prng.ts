/**
 * A seeded pseudo-random generator (sfc32, 32-bit state words, period about 2^128) and the
 * distributions the agent model draws from. Same seed and stream name, same numbers, on every
 * platform: only 32-bit integer arithmetic and IEEE doubles, no `Math.random`.
 */

/** Mixes a 32-bit word (murmur3's finalizer): small input changes flip about half the bits. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Four state words from a seed (any safe integer) and a stream name. */
function seedState(seed: number, stream: string): [number, number, number, number] {
  let h = mix32(seed % 0x1_0000_0000) ^ mix32(Math.floor(seed / 0x1_0000_0000) + 0x9e3779b9);
  for (let i = 0; i < stream.length; i++) h = mix32(h ^ stream.charCodeAt(i)) + i;
  return [mix32(h ^ 0x243f6a88), mix32(h ^ 0x85a308d3), mix32(h ^ 0x13198a2e), mix32(h ^ 0x03707344)];
}

/** A stream of random numbers. Independent streams for independent parts keep changes local. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed`: a non-negative safe integer; `stream`: names the purpose (e.g. "trades"). */
  constructor(seed: number, stream: string) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    [this.a, this.b, this.c, this.d] = seedState(seed, stream);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1), 53 bits. */
  next(): number {
    return (this.uint32() * 0x20_0000 + (this.uint32() >>> 11)) / 2 ** 53;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller; one value per call, so the stream stays easy to reason about). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and spread (the standard deviation of its logarithm). */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  /**
   * Poisson with mean `lambda`: Knuth's product method below 30, the normal approximation
   * (rounded, at least 0) above, where it is within a fraction of a percent.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson needs a finite mean >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  /** An index drawn with probability proportional to `weights` (non-negative, not all 0). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError("weighted() needs at least one positive weight");
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    // Rounding left a sliver of `target`: the last positive weight takes it.
    let last = weights.length - 1;
    while (weights[last] === 0) last--;
    return last;
  }
}
