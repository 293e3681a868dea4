/**
 * Bigint-safe JSON for node-facing code. Integers outside the safe range parse to `bigint`, the
 * rest to `number`; `bigint`s serialize as plain JSON numbers, digit for digit, as the node does.
 * (`JSON.parse` silently rounds values above 2^53: the mainnet fixtures contain one.)
 */
import { isInteger, isSafeNumber, parse, stringify } from "lossless-json";

/** Parses JSON text; integers beyond 2^53 become bigint. Throws SyntaxError on malformed text. */
export function parseJson(text: string): unknown {
  return parse(text, undefined, (value: string) => {
    if (isInteger(value) && !isSafeNumber(value)) return BigInt(value);
    return Number(value);
  });
}

/** Serializes a value; bigints become JSON numbers. */
export function stringifyJson(value: unknown, indent?: number): string {
  return stringify(value, undefined, indent) ?? "null";
}

/**
 * The JSON text an object was read from, where key order matters: the node writes the keys of a
 * context extension in its own (Scala hash map) order, a JS object puts integer-like keys in
 * ascending order, and ergo-lib serializes an extension in the order it reads it, so a transaction
 * re-serialized from the object can get another id. Validation hands ergo-lib this text instead.
 */
export const sourceText = new WeakMap<object, string>();
