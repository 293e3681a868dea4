/**
 * Reads a table's paging from the URL. A value that is not a whole number in range is a 400 page
 * naming the parameter, rather than silently shown as something else.
 */
import { error } from "@sveltejs/kit";

export const PAGE_SIZES = [25, 50, 100, 250] as const;

/** An integer parameter in [min, max], or `fallback` when absent. */
export function intParam(url: URL, key: string, fallback: number, min: number, max: number): number {
  const text = url.searchParams.get(key);
  if (text === null || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) error(400, `${key} must be a whole number from ${min} to ${max}`);
  return value;
}

/** One of `allowed`, or `fallback` when absent. */
export function enumParam<T extends string>(url: URL, key: string, allowed: readonly T[], fallback: T): T {
  const text = url.searchParams.get(key);
  if (text === null || text === "") return fallback;
  if (!(allowed as readonly string[]).includes(text)) error(400, `${key} must be one of ${allowed.join(", ")}`);
  return text as T;
}

/** `limit` and `offset` of a table whose parameters may carry `prefix`. */
export function pageParams(url: URL, prefix = "", defaultLimit = 50): { limit: number; offset: number } {
  const key = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return { limit: intParam(url, key("limit"), defaultLimit, 1, 1000), offset: intParam(url, key("offset"), 0, 0, 2_147_483_647) };
}
