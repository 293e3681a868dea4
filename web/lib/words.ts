/**
 * Small words the pages put around numbers and names, in one place so every page says them the
 * same way: counts with thousands separators, plurals, possessives, and sentences that end in an
 * ellipsis without a second period.
 */

const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A count of things (members, payments, seats) as every page writes it: 1,234. Not for amounts (contracts/amounts.ts) nor block heights. */
export function formatCount(n: number | bigint): string {
  return COUNT.format(n);
}

/** `n` and the noun in the right number: "1 trading pair", "2 trading pairs", "1,234 members". */
export function plural(n: number | bigint, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 || n === 1n ? one : many}`;
}

/** The possessive of a name: "Alice's", and "Bob's Boats'" for a name ending in s. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** `text` as the end of a sentence: a period added unless it already ends in one, an ellipsis, "?" or "!". */
export function sentence(text: string): string {
  return /[.…?!]$/.test(text) ? text : `${text}.`;
}
