/**
 * Profiles: the display name, description and link an account's owner set, each in a transaction
 * its key signed (contracts/notes.ts). An account's profile is the one it set last; earlier ones
 * stay as its history. Found through `profiles (account_id, height)`.
 */
import { sql } from "kysely";
import { accountExists, asText, communityExists, countAll, type Db, type Page, type Paged } from "./common.ts";

/** One profile as set. */
export interface ProfileView {
  accountId: string;
  communityId: string;
  name: string;
  about: string | null;
  link: string | null;
  /** The transaction that set it, and its block. */
  txId: string;
  height: number;
  timestamp: number;
}

type Row = { account_id: string; community_id: string; name: string; about: string | null; link: string | null; tx_id: string; height: number; timestamp: string };

const view = (r: Row): ProfileView => ({
  accountId: r.account_id, communityId: r.community_id, name: r.name, about: r.about, link: r.link, txId: r.tx_id, height: r.height, timestamp: Number(r.timestamp),
});

const COLUMNS = ["p.account_id", "p.community_id", "p.name", "p.about", "p.link", "p.tx_id", "p.height"] as const;

/**
 * The current profile of every account of a community that set one, by accountId; with
 * `accountIds`, of those accounts only (a page naming a few dozen accounts reads their rows
 * through `profiles (account_id, ...)` instead of every profile of a large community). Undefined
 * when the community is unknown.
 */
export async function communityProfiles(db: Db, communityId: string, page: Page, accountIds?: readonly string[]): Promise<Paged<ProfileView> | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  if (accountIds?.length === 0) return { total: 0, items: [] };
  const latest = db.selectFrom("profiles as p").where("p.community_id", "=", communityId)
    .$if(accountIds !== undefined, (q) => q.where("p.account_id", "in", accountIds!)).distinctOn("p.account_id")
    .select([...COLUMNS, asText("p.timestamp").as("timestamp")])
    .orderBy("p.account_id").orderBy("p.height", "desc").orderBy("p.position", "desc").orderBy("p.tx_id", "desc");
  const { total } = await db.selectFrom(latest.as("l")).select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await db.selectFrom(latest.as("l")).selectAll().orderBy("l.account_id").limit(page.limit).offset(page.offset).execute();
  return { total: Number(total), items: rows.map(view) };
}

/** Every profile an account set, newest first; undefined when the account is unknown. */
export async function profileHistory(db: Db, accountId: string, page: Page): Promise<Paged<ProfileView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const base = db.selectFrom("profiles as p").where("p.account_id", "=", accountId);
  const { total } = await base.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await base.select([...COLUMNS, asText("p.timestamp").as("timestamp")])
    .orderBy("p.height", "desc").orderBy("p.position", "desc").orderBy("p.tx_id", "desc").limit(page.limit).offset(page.offset).execute();
  return { total: Number(total), items: rows.map(view) };
}

/**
 * Open accounts whose current name contains `text` (any case), at most `limit`, by name then id.
 * A scan of the profiles whose name matches (a substring cannot use the `lower(name)` index; there
 * is one profile row per change, far fewer than payments), keeping each account's latest.
 */
export async function accountsNamed(db: Db, text: string, limit: number): Promise<string[]> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.selectFrom("profiles as p")
    .innerJoin("account_boxes as b", (join) => join.onRef("b.account_id", "=", "p.account_id").on("b.spent_height", "is", null))
    .where(sql<boolean>`lower(p.name) like ${pattern}`)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom("profiles as q").whereRef("q.account_id", "=", "p.account_id")
        .where(sql<boolean>`(q.height, q.position, q.tx_id) > (p.height, p.position, p.tx_id)`).select(sql`1`.as("one")),
    )))
    .select(["p.account_id", "p.name"]).orderBy("p.name").orderBy("p.account_id").limit(limit).execute();
  return rows.map((r) => r.account_id);
}
