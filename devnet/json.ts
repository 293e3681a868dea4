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
