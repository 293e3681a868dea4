/**
 * Ids as people copy or type them: whole (64 hex digits), the first few digits, or shortened as the
 * explorer prints them ("3f2a9c…b81e"), in any case. A pattern becomes a condition a B-tree index
 * on the id column answers: a range `id >= head AND id < head || 'g'` (every lowercase hex id that
 * starts with `head` sorts in it, "g" sorting after every hex digit in any collation), then the
 * tail compared on the few rows inside the range.
 */
import { sql, type RawBuilder } from "kysely";

/** The fewest hex digits a bare prefix needs to be looked up as an id. */
export const MIN_ID_PREFIX = 8;
/** The fewest digits before and after the ellipsis of a shortened id: the explorer's shortest form is 6…4. */
export const MIN_SHORT_HEAD = 6;
export const MIN_SHORT_TAIL = 4;

/** The digits an id starts with and ends with (`tail` empty for a bare prefix or a whole id), lowercase. */
export interface IdPattern {
  head: string;
  tail: string;
}

const ID_LENGTH = 64;
const PREFIX = new RegExp(`^([0-9a-f]{${MIN_ID_PREFIX},${ID_LENGTH}})(?:…|\\.\\.\\.)?$`, "i");
const SHORTENED = new RegExp(`^([0-9a-f]{${MIN_SHORT_HEAD},})(?:…|\\.\\.\\.)([0-9a-f]{${MIN_SHORT_TAIL},})$`, "i");

/**
 * The id `text` names, if it names one: 8 to 64 hex digits (a trailing "…" or "..." allowed, as
 * after a cut-off id), or at least 6 digits, "…" or "...", and at least 4 digits, 64 at most in all.
 * Fewer digits are not an id (too many ids would share them); the caller treats them as text.
 */
export function idPattern(text: string): IdPattern | undefined {
  const prefix = PREFIX.exec(text);
  if (prefix) return { head: prefix[1]!.toLowerCase(), tail: "" };
  const shortened = SHORTENED.exec(text);
  if (!shortened || shortened[1]!.length + shortened[2]!.length > ID_LENGTH) return undefined;
  return { head: shortened[1]!.toLowerCase(), tail: shortened[2]!.toLowerCase() };
}

/** True when the lowercase hex `id` fits `pattern`. */
export const fitsPattern = (id: string, pattern: IdPattern): boolean => id.startsWith(pattern.head) && id.endsWith(pattern.tail);

/** The condition that `column` (a lowercase hex id with a B-tree index) fits `pattern`, for `where`. */
export function idMatches(column: string, pattern: IdPattern): RawBuilder<boolean> {
  const ref = sql.ref(column);
  const range = sql<boolean>`${ref} >= ${pattern.head} and ${ref} < ${`${pattern.head}g`}`;
  if (!pattern.tail) return sql<boolean>`(${range})`;
  return sql<boolean>`(${range} and right(${ref}, ${sql.lit(pattern.tail.length)}) = ${pattern.tail})`;
}
