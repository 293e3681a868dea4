/** Lifetimes of ergo-lib wasm objects: free them when done, not whenever the GC gets a turn. */

/** Registers a wasm object to be freed when the enclosing `withOwned` returns. */
export type Own = <T extends { free(): void }>(value: T) => T;

export function withOwned<R>(body: (own: Own) => R): R {
  const owned: { free(): void }[] = [];
  try {
    return body((value) => (owned.push(value), value));
  } finally {
    for (const value of owned) value.free();
  }
}
