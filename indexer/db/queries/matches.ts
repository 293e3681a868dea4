/**
 * Matching (docs/marketplace.md): a member's active wants against other members' active offers in
 * the same community, and its offers against their wants, where the category is the same or the
 * titles share a word ('simple' lexemes of 3 characters or more, filler words left out). Pairs that share more rank first: the same category
 * counts one, each shared title word one; then the other member's newest listing.
 */
import { sql } from "kysely";
import { accountExists, type Db, type Page, type Paged } from "./common.ts";
import { indexedHeight, isActive, listingsById, type ListingView } from "./listings.ts";

/** One of the member's listings and one of another member's that answers it. */
export interface MatchView {
  mine: ListingView;
  theirs: ListingView;
}

/**
 * Words that say nothing about what is offered: 'simple' keeps every word, so without this almost
 * any two titles would share "a" or "for". Words under 3 characters go too ("tv" is the loss).
 */
const FILLER = ["and", "the", "for", "with", "from", "you", "your", "our", "are", "not", "but", "any", "all", "some", "who", "can", "has", "have", "will", "need", "want", "wanted", "offer", "offered"];

const words = (alias: string) =>
  sql`array(select w from unnest(tsvector_to_array(to_tsvector('simple', ${sql.ref(`${alias}.title`)}))) w where char_length(w) >= 3 and w <> all(${sql.val(FILLER)}::text[]))`;

/** The matches of an account's active listings, best first; undefined when the account is unknown. */
export async function accountMatches(db: Db, accountId: string, page: Page): Promise<Paged<MatchView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const tip = await indexedHeight(db);
  // Each listing's title words are computed once (not once per pair): the member's active listings,
  // and the other members' active listings of those communities.
  const pairs = sql`with mine as materialized (
      select m.id, m.community_id, m.kind, m.category, ${words("m")} as words from listings m where m.account_id = ${accountId} and ${isActive(tip, "m")}
    ), theirs as materialized (
      select t.id, t.community_id, t.kind, t.category, t.published_height, t.published_position, ${words("t")} as words from listings t
      where t.community_id in (select community_id from mine) and t.account_id <> ${accountId} and ${isActive(tip, "t")}
    ), matched as (
      select m.id as mine, t.id as theirs, (t.category = m.category)::int + cardinality(array(select unnest(m.words) intersect select unnest(t.words))) as score,
        t.published_height, t.published_position
      from mine m join theirs t on t.community_id = m.community_id and t.kind <> m.kind and (t.category = m.category or m.words && t.words)
    )`;
  const { rows } = await sql<{ mine: string; theirs: string; total: number }>`${pairs} select mine, theirs, count(*) over ()::int as total from matched
    order by score desc, published_height desc, published_position desc, mine, theirs limit ${page.limit} offset ${page.offset}`.execute(db);
  // The window counts every pair; only a page past the last one has no row to carry it.
  const total = rows[0]?.total ?? (page.offset === 0 ? 0 : (await sql<{ n: number }>`${pairs} select count(*)::int as n from matched`.execute(db)).rows[0]!.n);
  const byId = await listingsById(db, rows.flatMap((r) => [r.mine, r.theirs]));
  return { total, items: rows.map((r) => ({ mine: byId.get(r.mine)!, theirs: byId.get(r.theirs)! })) };
}
