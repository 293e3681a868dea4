/**
 * The explorer's search: what the indexer's `/search` found, as links a visitor can follow. The
 * indexer looks the text up as an id (community, account, transaction, block, box: whole, its first
 * 8 hex digits or more, or shortened as the pages print it, "3f2a9c…b81e"), a block height, an
 * address (its accounts), a member's display name (part of it, any case) and a community's name or
 * symbol; this turns its answer into one list. Names are not unique, so a hit shows the short id too.
 */
import type { IndexerClient } from "./indexer.ts";
import type { SearchResult } from "./indexer-types.ts";
import { accountLabel } from "$lib/components/explorer/account-name.ts";
import { shortId } from "$lib/components/explorer/ids.ts";
import { formatTime } from "$lib/dates.ts";

/** The longest text searched for (the indexer's limit). */
export const MAX_QUERY = 200;

/** One thing the text names: where it is, what it is, and a line to tell it apart. */
export interface SearchHit {
  href: string;
  kind: "Community" | "Account" | "Transaction" | "Block" | "Box";
  label: string;
  detail: string;
}

const KIND_WORDS: Record<string, string> = {
  create: "creation of the community", join: "a member joining", payment: "a payment", leave: "a member leaving",
  default: "an account closed as defaulted", close: "a dormant account closed", govern: "a committee change", refresh: "the community box refreshed",
};
const STATUS_WORDS: Record<string, string> = { open: "open", left: "left", defaulted: "defaulted", closed: "closed as dormant" };

/** The indexer's answer as links, communities first; `names` gives a community's name by id where known. */
export function searchHits(found: Omit<SearchResult, "q">, names: ReadonlyMap<string, string>): SearchHit[] {
  const community = (id: string) => names.get(id) ?? `community ${shortId(id)}`;
  return [
    ...found.communities.map((c): SearchHit => ({
      href: `/lets/${c.communityId}`,
      kind: "Community",
      label: `${c.name} (${c.symbol})`,
      detail: c.matched === "id" ? `community id ${shortId(c.communityId)}` : `${c.matched === "symbol" ? "symbol" : "name"} matches; id ${shortId(c.communityId)}`,
    })),
    ...found.accounts.map((a): SearchHit => ({
      href: `/lets/${a.communityId}/members/${a.accountId}`,
      kind: "Account",
      label: a.name === null ? `Account ${shortId(a.accountId)}` : accountLabel(a.accountId, a.name).text,
      detail: `in ${community(a.communityId)}, ${STATUS_WORDS[a.status] ?? a.status}`,
    })),
    ...found.transactions.map((t): SearchHit => ({
      href: `/tx/${t.txId}`,
      kind: "Transaction",
      label: `Transaction ${shortId(t.txId)}`,
      detail: `${KIND_WORDS[t.kind] ?? t.kind} in ${community(t.communityId)}, block ${t.height}`,
    })),
    ...found.blocks.map((b): SearchHit => ({
      href: `/blocks/${b.height}`,
      kind: "Block",
      label: `Block ${b.height}`,
      detail: `id ${shortId(b.blockId)}, ${formatTime(b.timestamp)}`,
    })),
    ...found.boxes.map((b): SearchHit => ({
      href: `/tx/${b.txId}#box-${b.boxId}`,
      kind: "Box",
      label: `Box ${shortId(b.boxId)}`,
      detail: `${b.accountId === null ? "the community box" : `a box of account ${shortId(b.accountId)}`} of ${community(b.communityId)}, made in block ${b.createdHeight}${
        b.spentHeight === null ? ", unspent" : `, spent in block ${b.spentHeight}`}`,
    })),
  ];
}

/** Text that looks like (part of) an id: hex digits, perhaps shortened with an ellipsis. */
const ID_LIKE = /^[0-9a-f]+(?:(?:…|\.\.\.)[0-9a-f]*)?$/i;

/**
 * What to add when nothing matches a text that looks like part of an id (hex with a digit in it,
 * not a height, not a whole id): how ids are found. Words such as "cafe" get no advice.
 */
export function idAdvice(q: string): string | undefined {
  if (!ID_LIKE.test(q) || !/[0-9]/.test(q) || /^[0-9]+$/.test(q) || /^[0-9a-f]{64}$/i.test(q)) return undefined;
  return "An id is found by its first 8 hex digits or more, or copied as a page shortens it (3f2a9c…b81e).";
}

/** What the search page shows: nothing asked yet, a text refused (and why), or the hits. */
export type SearchOutcome = { q: ""; hits: [] } | { q: string; problem: string; hits: [] } | { q: string; hits: SearchHit[]; advice?: string };

/** Searches the indexer for `raw` (trimmed); community names for the hits come from the indexer too. */
export async function runSearch(indexer: IndexerClient, raw: string): Promise<SearchOutcome> {
  const q = raw.trim();
  if (!q) return { q: "", hits: [] };
  if (q.length > MAX_QUERY) return { q: `${q.slice(0, 40)}…`, problem: `That is too long to be anything here: at most ${MAX_QUERY} characters.`, hits: [] };
  const found = await indexer.search(q);
  const ids = new Set([...found.accounts, ...found.transactions, ...found.boxes].map((x) => x.communityId));
  for (const c of found.communities) ids.delete(c.communityId);
  const names = new Map(found.communities.map((c) => [c.communityId, c.name]));
  await Promise.all([...ids].map(async (id) => {
    const c = await indexer.community(id).catch(() => undefined);
    if (c) names.set(id, c.metadata.name);
  }));
  const hits = searchHits(found, names);
  const advice = hits.length === 0 ? idAdvice(q) : undefined;
  return advice ? { q, hits, advice } : { q, hits };
}
