/** Result of decoding a box someone else built: the typed value, or why it is not one. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Runs a decoder that throws on malformed input and turns the throw into a reason. */
export function decoded<T>(read: () => T): Decoded<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
