/**
 * Bigint-safe JSON, the one codec for node and API text. `JSON.parse` silently rounds integers
 * above 2^53 (the mainnet fixtures contain one), so integers outside the safe range parse to
 * `bigint` (or are refused, for APIs that promise to send them as strings), the rest to `number`;
 * `bigint`s serialize as plain JSON numbers, digit for digit, as the node does.
 *
 * The lossless parser is tens of times slower than `JSON.parse` on a block of a few hundred
 * transactions. But when no number in the text could be unsafe, `JSON.parse` gives the very same
 * value, and that can be told by one pass over the text: outside strings, a run of 16 or more
 * digits (2^53 has 16) or an exponent could be unsafe; anything shorter cannot. Such texts (and
 * texts with e.g. a long decimal fraction, needlessly) take the lossless path.
 */
import { isInteger, isSafeNumber, parse, stringify } from "lossless-json";

/** What to do with an integer a JSON number cannot hold exactly: make it a bigint, or refuse the text. */
export type UnsafeIntegers = "bigint" | "refuse";

const BACKSLASH = "\\";
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** Whether `text[from, to)`, text outside strings, has a run of 16 digits or digits followed by an exponent. */
function unsafeOutsideStrings(text: string, from: number, to: number): boolean {
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (++digits >= 16) return true;
    } else if ((c === LOWER_E || c === UPPER_E) && digits > 0) {
      return true;
    } else if (c !== DOT) {
      digits = 0;
    }
  }
  return false;
}

/** The index of the quote closing the string that opens at `open`, or -1, with `escape` the first backslash at or after `open` (-1: none). */
function closingQuote(text: string, open: number, escape: number): number {
  const close = text.indexOf('"', open + 1);
  if (escape === -1 || escape > close) return close; // no escapes: the usual case (hex, ids)
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === BACKSLASH) i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/**
 * Whether some number outside strings has 16 or more digits or an exponent. Strings (most of a
 * node reply: hex) are skipped with `indexOf`; only the text between them is looked at.
 */
export function mayHoldUnsafeNumber(text: string): boolean {
  let at = 0;
  let escape = text.indexOf(BACKSLASH);
  for (;;) {
    const open = text.indexOf('"', at);
    if (unsafeOutsideStrings(text, at, open === -1 ? text.length : open)) return true;
    if (open === -1) return false;
    if (escape !== -1 && escape < open) escape = text.indexOf(BACKSLASH, open);
    const close = closingQuote(text, open, escape);
    if (close === -1) return false; // an unterminated string: JSON.parse will refuse the text
    at = close + 1;
  }
}

/** Parses JSON text with the lossless parser alone (the reference the fast path must agree with). */
export function parseJsonLossless(text: string, unsafeIntegers: UnsafeIntegers = "bigint"): unknown {
  return parse(text, undefined, (value: string) => {
    if (!isInteger(value) || isSafeNumber(value)) return Number(value);
    if (unsafeIntegers === "refuse") throw new SyntaxError(`integer ${value} does not fit a JSON number exactly`);
    return BigInt(value);
  });
}

/**
 * Parses JSON text: integers beyond 2^53 become bigint (or, with `"refuse"`, a SyntaxError), the
 * rest numbers. Throws SyntaxError on malformed text.
 */
export function parseJson(text: string, unsafeIntegers: UnsafeIntegers = "bigint"): unknown {
  return mayHoldUnsafeNumber(text) ? parseJsonLossless(text, unsafeIntegers) : JSON.parse(text);
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
