/** Small checks of a JSON object's shape that every marketplace note shares. */
import { InvalidIntent } from "../errors.ts";

/** A plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Refuses keys outside `keys`, naming them: a note carries nothing its readers would not show. */
export function only(what: string, value: Record<string, unknown>, keys: readonly string[]): void {
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new InvalidIntent(`${what} has only ${keys.join(", ")}, not ${extra.join(", ")}`);
}
