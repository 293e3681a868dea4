/**
 * The explorer's search: what the indexer's `/search` found, as links a visitor can follow. The
 * indexer looks the text up as an id (community, account, transaction, block), a block height, an
 * address (its accounts) and a community's name or symbol; this turns its answer into one list.
 * Members have no names yet (profiles are future work), so a person is found by address or account id.
 */
import type { IndexerClient } from "./indexer.ts";
import type { SearchResult } from "./indexer-types.ts";
import { shortId } from "$lib/components/explorer/ids.ts";
import { formatTime } from "$lib/dates.ts";

/** The longest text searched for (the indexer's limit). */
export const MAX_QUERY = 200;

/** One thing the text names: where it is, what it is, and a line to tell it apart. */
export interface SearchHit {
  href: string;
  kind: "Community" | "Account" | "Transaction" | "Block";
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
      label: `Account ${shortId(a.accountId)}`,
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
  ];
}

/** What the search page shows: nothing asked yet, a text refused (and why), or the hits. */
export type SearchOutcome = { q: ""; hits: [] } | { q: string; problem: string; hits: [] } | { q: string; hits: SearchHit[] };

/** Searches the indexer for `raw` (trimmed); community names for the hits come from the indexer too. */
export async function runSearch(indexer: IndexerClient, raw: string): Promise<SearchOutcome> {
  const q = raw.trim();
  if (!q) return { q: "", hits: [] };
  if (q.length > MAX_QUERY) return { q: `${q.slice(0, 40)}…`, problem: `That is too long to be anything here: at most ${MAX_QUERY} characters.`, hits: [] };
  const found = await indexer.search(q);
  const ids = new Set([...found.accounts.map((a) => a.communityId), ...found.transactions.map((t) => t.communityId)]);
  for (const c of found.communities) ids.delete(c.communityId);
  const names = new Map(found.communities.map((c) => [c.communityId, c.name]));
  await Promise.all([...ids].map(async (id) => {
    const c = await indexer.community(id).catch(() => undefined);
    if (c) names.set(id, c.metadata.name);
  }));
  return { q, hits: searchHits(found, names) };
}
