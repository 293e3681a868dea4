/**
 * Waiting on a condition, never on a fixed time: polls until it holds, and fails naming what it
 * waited for and what it last saw.
 */

/** The condition did not hold in time; `what` says which, `last` what the check last saw. */
export class WaitTimeout extends Error {
  constructor(readonly what: string, readonly timeoutMs: number, readonly last: unknown) {
    super(`waited ${timeoutMs} ms for ${what}${last === undefined ? "" : `; last seen: ${show(last)}`}`);
    this.name = new.target.name;
  }
}

export interface UntilOptions {
  /** Give up after this long (30 s unless told). */
  timeoutMs?: number;
  /** Ask again this often (20 ms unless told). */
  pollMs?: number;
}

type Awaitable<T> = T | Promise<T>;

/**
 * Resolves with the first answer of `check` that is neither `undefined` nor `false`; or, given
 * `accept`, with the first value `read` answers that `accept` takes. A check that throws has not
 * held yet (the thing may not be there yet); its error is what the timeout reports as last seen.
 */
export function until<T>(what: string, check: () => Awaitable<T | undefined | false>, options?: UntilOptions): Promise<T>;
export function until<T>(what: string, read: () => Awaitable<T>, accept: (value: T) => boolean, options?: UntilOptions): Promise<T>;
export async function until<T>(
  what: string,
  read: () => Awaitable<T | undefined | false>,
  acceptOrOptions?: ((value: T) => boolean) | UntilOptions,
  maybeOptions: UntilOptions = {},
): Promise<T> {
  const accept = typeof acceptOrOptions === "function" ? acceptOrOptions : (value: T | undefined | false) => value !== undefined && value !== false;
  const { timeoutMs = 30_000, pollMs = 20 } = (typeof acceptOrOptions === "function" ? maybeOptions : acceptOrOptions) ?? {};
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (accept(value as T)) return value as T;
      if (value !== undefined && value !== false) last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() >= deadline) throw new WaitTimeout(what, timeoutMs, last);
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

/** JSON where it can (amounts as bigints too), else `String`. */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
