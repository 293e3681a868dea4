/** Exact non-negative-denominator fractions of bigints, for the economics model's demurrage. */

export interface Fraction {
  num: bigint;
  /** Always positive; the fraction is in lowest terms. */
  den: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num / den in lowest terms. */
export function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new Error("fraction: zero denominator");
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Fraction = { num: 0n, den: 1n };

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);

/** The greatest integer not above `a` (also for negative fractions). */
export function floor(a: Fraction): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}
