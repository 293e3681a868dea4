/** Field readers for scenario validation: each returns a typed value or throws `ScenarioError` naming the field. */
import { ScriptsError } from "../errors.ts";

/** A scenario that cannot run, with where it came from and which field is wrong. */
export class ScenarioError extends ScriptsError {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`scenario ${source}: ${field === "" ? "" : `${field}: `}${problem}`);
  }
}

/** Reads fields of one object of a scenario, refusing unknown keys. */
export class Fields {
  constructor(
    readonly source: string,
    readonly path: string,
    readonly raw: Record<string, unknown>,
  ) {}

  /** The object at `value` (an empty object when absent), as `Fields`. */
  static of(source: string, path: string, value: unknown, allowed: readonly string[]): Fields {
    if (value === undefined) return new Fields(source, path, {});
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ScenarioError(source, path, "must be an object");
    const raw = value as Record<string, unknown>;
    for (const key of Object.keys(raw)) {
      if (!allowed.includes(key)) throw new ScenarioError(source, join(path, key), `unknown field (expected one of: ${allowed.join(", ")})`);
    }
    return new Fields(source, path, raw);
  }

  fail(key: string, problem: string): never {
    throw new ScenarioError(this.source, join(this.path, key), problem);
  }

  /** A safe integer in [min, max]. */
  integer(key: string, fallback: number | undefined, min: number, max: number): number {
    const value = this.raw[key] ?? fallback;
    if (value === undefined) this.fail(key, "is required");
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min || n > max) {
      this.fail(key, `must be a whole number from ${min} to ${max}, got ${show(value)}`);
    }
    return n;
  }

  /** A whole number of units as bigint in [min, max]. */
  units(key: string, fallback: bigint | undefined, min: bigint, max: bigint): bigint {
    const value = this.raw[key] ?? fallback;
    if (value === undefined) this.fail(key, "is required");
    const text = typeof value === "bigint" || typeof value === "number" ? String(value) : value;
    if (typeof text !== "string" || !/^\d{1,19}$/.test(text.trim()) || BigInt(text.trim()) < min || BigInt(text.trim()) > max) {
      this.fail(key, `must be a whole number from ${min} to ${max}, got ${show(value)}`);
    }
    return BigInt(text.trim());
  }

  /** An amount of ERG given as a decimal ("0.01"), returned in nanoERG. */
  erg(key: string, fallback: string, minNanoErg: bigint, maxNanoErg: bigint): bigint {
    const value = this.raw[key] ?? fallback;
    const nanoErg = parseErg(typeof value === "number" ? String(value) : value);
    if (nanoErg === undefined || nanoErg < minNanoErg || nanoErg > maxNanoErg) {
      this.fail(key, `must be an amount of ERG from ${formatErg(minNanoErg)} to ${formatErg(maxNanoErg)} (at most 9 decimals), got ${show(value)}`);
    }
    return nanoErg;
  }

  /** A finite number in [min, max]. */
  number(key: string, fallback: number | undefined, min: number, max: number): number {
    const value = this.raw[key] ?? fallback;
    if (value === undefined) this.fail(key, "is required");
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      this.fail(key, `must be a number from ${min} to ${max}, got ${show(value)}`);
    }
    return value;
  }

  /** A string matching `pattern` (described by `what`). */
  text(key: string, fallback: string | undefined, pattern: RegExp, what: string): string {
    const value = this.raw[key] ?? fallback;
    if (value === undefined) this.fail(key, "is required");
    if (typeof value !== "string" || !pattern.test(value)) this.fail(key, `must be ${what}, got ${show(value)}`);
    return value;
  }

  /** The nested object at `key`. */
  object(key: string, allowed: readonly string[]): Fields {
    return Fields.of(this.source, join(this.path, key), this.raw[key], allowed);
  }
}

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? String(value);
}

/** "0.01" → 10000000n nanoERG; undefined when not a plain decimal with at most 9 decimals. */
export function parseErg(value: unknown): bigint | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d{1,10})(?:\.(\d{1,9}))?$/.exec(value.trim());
  if (!match) return undefined;
  return BigInt(match[1]!) * 1_000_000_000n + BigInt((match[2] ?? "").padEnd(9, "0"));
}

/** 10000000n → "0.01". */
export function formatErg(nanoErg: bigint): string {
  const whole = nanoErg / 1_000_000_000n;
  const fraction = (nanoErg % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}
