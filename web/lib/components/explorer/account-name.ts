/**
 * An account as a person reads it: the name its owner set, followed by its shortened id so two
 * members of the same name stay apart, or the shortened id alone when it has no name. Names are
 * not unique and anyone may choose any name, so a named account always shows its id too (never
 * the name alone): two "Bob"s read "Bob · 3f2a9c…b81e" and "Bob · 77e0b5…c0de", the id written
 * as everywhere else in the app (and as the search box takes it).
 */
import { shortId } from "./ids.ts";

/** What to show for an account. */
export interface AccountLabel {
  /** The owner's display name, when it set one. */
  name: string | undefined;
  /** The shortened id ("3f2a9c…b81e"). */
  id: string;
  /** Plain text of both: "Bob · 3f2a9c…b81e", or "3f2a9c…b81e". */
  text: string;
  /** The tooltip: the name and the whole id. */
  title: string;
}

/** The label of `accountId` named `name` (null, undefined or blank: no name). */
export function accountLabel(accountId: string, name?: string | null): AccountLabel {
  const named = name?.trim() ? name : undefined;
  const id = shortId(accountId);
  if (named === undefined) return { name: undefined, id, text: id, title: `account ${accountId}` };
  return { name: named, id, text: `${named} · ${id}`, title: `${named}, account ${accountId}` };
}

/** A member's link as an `href`, or undefined when it is not an http(s) address (the indexer refuses others; a page never makes a `javascript:` link of one anyway). */
export function safeLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
