/** Waiting on a condition (never on a fixed time): polls until it holds, fails naming what never happened. */

/** The condition did not hold in time; `what` says which, `last` what the check last saw. */
export class WaitTimeout extends Error {
  constructor(readonly what: string, readonly timeoutMs: number, readonly last: unknown) {
    super(`waited ${timeoutMs} ms for ${what}${last === undefined ? "" : `; last seen: ${String(last)}`}`);
    this.name = new.target.name;
  }
}

/**
 * Resolves with the first value `check` answers other than `undefined`; `check` may also throw
 * (the thing is not there yet), which counts as not yet.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, pollMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() >= deadline) throw new WaitTimeout(what, timeoutMs, last);
    await new Promise((done) => setTimeout(done, pollMs));
  }
}
