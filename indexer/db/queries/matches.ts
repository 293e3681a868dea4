/**
 * Matching (docs/marketplace.md): a member's active wants against other members' active offers in
 * the same community, and its offers against their wants, where the category is the same or the
 * titles share a word ('simple' lexemes). Pairs that share more rank first: the same category
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

const words = (alias: string) => sql`tsvector_to_array(to_tsvector('simple', ${sql.ref(`${alias}.title`)}))`;

/** The matches of an account's active listings, best first; undefined when the account is unknown. */
export async function accountMatches(db: Db, accountId: string, page: Page): Promise<Paged<MatchView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const tip = await indexedHeight(db);
  const shared = sql<number>`cardinality(array(select unnest(${words("m")}) intersect select unnest(${words("t")})))`;
  const pairs = sql`from listings m join listings t on t.community_id = m.community_id and t.account_id <> m.account_id and t.kind <> m.kind
    where m.account_id = ${accountId} and ${isActive(tip, "m")} and ${isActive(tip, "t")}
      and (t.category = m.category or ${words("m")} && ${words("t")})`;
  const { rows: [counted] } = await sql<{ n: number }>`select count(*)::int as n ${pairs}`.execute(db);
  const { rows } = await sql<{ mine: string; theirs: string }>`select m.id as mine, t.id as theirs ${pairs}
    order by (t.category = m.category)::int + ${shared} desc, t.published_height desc, t.published_position desc, m.id, t.id
    limit ${page.limit} offset ${page.offset}`.execute(db);
  const byId = await listingsById(db, rows.flatMap((r) => [r.mine, r.theirs]));
  return { total: counted!.n, items: rows.map((r) => ({ mine: byId.get(r.mine)!, theirs: byId.get(r.theirs)! })) };
}
