/**
 * Accounts, open and closed. An open account is its live box. A closed one is its closing event
 * (`leave`, `default` or a dormant `close`) plus what never changes in its boxes (owner, terms,
 * joinedHeight): its balance is 0 when it left, minus the debt when it defaulted, and the balance
 * written off when it was closed as dormant, exactly as the event recorded, with no need to find
 * which of several boxes made in the closing block came last. An economics account (docs/economics.md)
 * adds its levers, R9 state and, at the latest indexed height, its demurrage due and earned credit
 * limit (`account-economics.ts`); its `creditLeft` is counted from that limit.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import { DORMANT_BLOCKS } from "../../../contracts/scripts.ts";
import type { Database } from "../schema.ts";
import { accountsEconomics, type AccountEconomicsView } from "./account-economics.ts";
import { asText, communityExists, countAll, type Db, type Page, type Paged } from "./common.ts";
import { pendingOrderSums } from "./orders.ts";

export const ACCOUNT_STATUSES = ["open", "left", "defaulted", "closed"] as const;
/** The closing event of each closed status. */
const CLOSING_KIND = { left: "leave", defaulted: "default", closed: "close" } as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_SORTS = ["balance", "joinedHeight", "lastActiveHeight"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** An account now. `creditLeft` = balance + creditLimit (the earned one now, with economics) while open, 0 once closed. */
export interface AccountView {
  accountId: string;
  communityId: string;
  owner: string;
  status: AccountStatus;
  balance: string;
  creditLimit: string;
  positiveCap: string;
  creditLeft: string;
  collateralNanoErg: string;
  inactivityBlocks: string;
  joinedHeight: number;
  lastActiveHeight: number;
  /**
   * A plain account's R9 (version 5, docs/batches.md): the sequence number of its owner's next
   * payment order (decimal); once closed, the last its boxes recorded; null for an economics account.
   */
  nextSeq: string | null;
  /** Units of pending payment orders (posted, waiting for a settlement) it is to receive, and to pay. */
  pendingIn: string;
  pendingOut: string;
  valueNanoErg: string | null;
  boxId: string | null;
  closedHeight: number | null;
  /** While open: from this height anyone may close the account as dormant (its box's creation height + the dormancy window). */
  dormantFromHeight: number | null;
  /** The profile its owner set last (contracts/notes.ts), or null: a display name, not unique. */
  name: string | null;
  about: string | null;
  link: string | null;
  /** An economics account's levers, R9 and what they mean now; null for a plain account. */
  economics: AccountEconomicsView | null;
}

/** Which accounts: of a community, one account, or every account of an owner. */
export type AccountScope = { communityId: string } | { accountId: string } | { owner: string };

/** How to list a community's accounts. */
export interface AccountListing extends Page {
  sort: AccountSort;
  order: "asc" | "desc";
  status?: AccountStatus;
}

type Branch = SelectQueryBuilder<Database, never, AccountColumns>;
interface AccountColumns {
  account_id: string;
  community_id: string;
  owner: string;
  status: string;
  balance: string;
  credit_limit: string;
  positive_cap: string;
  collateral_nano_erg: string;
  inactivity_blocks: string;
  joined_height: string;
  last_active_height: string;
  next_seq: string | null;
  value_nano_erg: string | null;
  box_id: string | null;
  closed_height: number | null;
  dormant_from_height: number | null;
}

function openBranch(db: Db, scope: AccountScope): Branch {
  let query = db.selectFrom("account_boxes as b").where("b.spent_height", "is", null);
  if ("communityId" in scope) query = query.where("b.community_id", "=", scope.communityId);
  if ("accountId" in scope) query = query.where("b.account_id", "=", scope.accountId);
  if ("owner" in scope) query = query.where("b.owner", "=", scope.owner);
  return query.select([
    "b.account_id", "b.community_id", "b.owner", sql<string>`'open'`.as("status"), sql<string>`b.balance`.as("balance"),
    sql<string>`b.credit_limit`.as("credit_limit"), sql<string>`b.positive_cap`.as("positive_cap"),
    sql<string>`b.collateral_nano_erg`.as("collateral_nano_erg"), sql<string>`b.inactivity_blocks`.as("inactivity_blocks"),
    sql<string>`b.joined_height`.as("joined_height"), sql<string>`b.last_active_height`.as("last_active_height"),
    sql<string | null>`b.next_seq`.as("next_seq"), sql<string | null>`b.value_nano_erg`.as("value_nano_erg"), sql<string | null>`b.box_id`.as("box_id"),
    sql<number | null>`null::integer`.as("closed_height"),
    sql<number | null>`b.creation_height + ${DORMANT_BLOCKS}::integer`.as("dormant_from_height"),
  ]) as unknown as Branch;
}

function closedBranch(db: Db, scope: AccountScope, kinds: string[]): Branch {
  let query = db.selectFrom("events as e").where("e.kind", "in", kinds);
  if ("communityId" in scope) query = query.where("e.community_id", "=", scope.communityId);
  if ("accountId" in scope) {
    const communityOf = db.selectFrom("account_boxes").where("account_id", "=", scope.accountId).select("community_id");
    query = query.where("e.community_id", "in", communityOf).where("e.account_id", "=", scope.accountId);
  }
  const terms = ["owner", "credit_limit", "positive_cap", "collateral_nano_erg", "inactivity_blocks", "joined_height"] as const;
  return query
    .innerJoinLateral(
      (eb) => {
        // Every box of an account has its owner: an owner's closed accounts are the closing events
        // whose boxes it owns (only live boxes are indexed by owner; closings are few).
        let boxes = eb.selectFrom("account_boxes as a").whereRef("a.account_id", "=", "e.account_id");
        if ("owner" in scope) boxes = boxes.where("a.owner", "=", scope.owner);
        // The order sequence is never lowered: the highest is the last box's.
        return boxes.groupBy([...terms]).select([
          ...terms, sql<string>`max(a.last_active_height)`.as("last_active_height"), sql<string | null>`max(a.next_seq)`.as("next_seq"),
        ]).as("t");
      },
      (join) => join.onTrue(),
    )
    .select([
      sql<string>`e.account_id`.as("account_id"), "e.community_id", "t.owner",
      sql<string>`case e.kind when 'leave' then 'left' when 'default' then 'defaulted' else 'closed' end`.as("status"),
      sql<string>`case e.kind when 'default' then -e.amount when 'close' then e.amount else 0 end`.as("balance"),
      sql<string>`t.credit_limit`.as("credit_limit"), sql<string>`t.positive_cap`.as("positive_cap"),
      sql<string>`t.collateral_nano_erg`.as("collateral_nano_erg"), sql<string>`t.inactivity_blocks`.as("inactivity_blocks"),
      sql<string>`t.joined_height`.as("joined_height"), "t.last_active_height", "t.next_seq",
      sql<string | null>`null::bigint`.as("value_nano_erg"), sql<string | null>`null::text`.as("box_id"),
      sql<number | null>`e.height`.as("closed_height"),
      sql<number | null>`null::integer`.as("dormant_from_height"),
    ]) as unknown as Branch;
}

/** The accounts of `scope`, open and closed, as one derived table (restricted to `status` when given). */
function accountsOf(db: Db, scope: AccountScope, status?: AccountStatus) {
  if (status === "open") return openBranch(db, scope);
  if (status) return closedBranch(db, scope, [CLOSING_KIND[status]]);
  return openBranch(db, scope).unionAll(closedBranch(db, scope, Object.values(CLOSING_KIND)));
}

function selectView(db: Db, scope: AccountScope, status?: AccountStatus) {
  return db.selectFrom(accountsOf(db, scope, status).as("x")).select([
    "x.account_id", "x.community_id", "x.owner", "x.status", "x.box_id", "x.closed_height", "x.dormant_from_height",
    asText("x.balance").as("balance"), asText("x.credit_limit").as("credit_limit"), asText("x.positive_cap").as("positive_cap"),
    asText(sql`case when x.status = 'open' then x.balance + x.credit_limit else 0 end`).as("credit_left"),
    asText("x.collateral_nano_erg").as("collateral_nano_erg"), asText("x.inactivity_blocks").as("inactivity_blocks"),
    asText("x.joined_height").as("joined_height"), asText("x.last_active_height").as("last_active_height"),
    sql<string | null>`x.next_seq::text`.as("next_seq"), sql<string | null>`x.value_nano_erg::text`.as("value_nano_erg"),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectView>["executeTakeFirstOrThrow"]>>;

type Named = Pick<AccountView, "name" | "about" | "link">;
const NO_PROFILE: Named = { name: null, about: null, link: null };

/**
 * The profile each of `accountIds` set last (by height, then place in the block), looked up for
 * the rows of a page once it is cut: a join before the sort and limit would look up every
 * account of the community (117 ms for a page of 50 among 10,000 named members).
 */
async function profilesOf(db: Db, accountIds: readonly string[]): Promise<Map<string, Named>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.selectFrom("profiles as p").where("p.account_id", "in", [...new Set(accountIds)]).distinctOn("p.account_id")
    .select(["p.account_id", "p.name", "p.about", "p.link"])
    .orderBy("p.account_id").orderBy("p.height", "desc").orderBy("p.position", "desc").orderBy("p.tx_id", "desc").execute();
  return new Map(rows.map((r) => [r.account_id, { name: r.name, about: r.about, link: r.link }]));
}

/** The latest indexed height (0 before the first block). */
async function tipHeight(db: Db): Promise<number> {
  const tip = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
  return tip?.height ?? 0;
}

/** The views of `rows`, each with its profile and, for an economics account, its economics at the latest indexed height. */
async function views(db: Db, rows: readonly Row[]): Promise<AccountView[]> {
  const profiles = await profilesOf(db, rows.map((r) => r.account_id));
  const inputs = rows.map((r) => ({
    accountId: r.account_id, open: r.status === "open", boxId: r.box_id, balance: r.balance, creditLimit: r.credit_limit, joinedHeight: Number(r.joined_height),
  }));
  const [economics, orders] = await Promise.all([accountsEconomics(db, inputs, await tipHeight(db)), pendingOrderSums(db, rows.map((r) => r.account_id))]);
  return rows.map((r) => {
    const e = economics.get(r.account_id) ?? null;
    const creditLeft = e?.creditLimit ? (BigInt(r.balance) + BigInt(e.creditLimit.limit)).toString() : r.credit_left;
    const pending = orders.get(r.account_id)!;
    return { ...view(r), creditLeft, pendingIn: pending.in, pendingOut: pending.out, ...(profiles.get(r.account_id) ?? NO_PROFILE), economics: e };
  });
}

function view(r: Row): Omit<AccountView, keyof Named | "economics" | "pendingIn" | "pendingOut"> {
  return {
    accountId: r.account_id, communityId: r.community_id, owner: r.owner, status: r.status as AccountStatus,
    balance: r.balance, creditLimit: r.credit_limit, positiveCap: r.positive_cap, creditLeft: r.credit_left,
    collateralNanoErg: r.collateral_nano_erg, inactivityBlocks: r.inactivity_blocks,
    joinedHeight: Number(r.joined_height), lastActiveHeight: Number(r.last_active_height), nextSeq: r.next_seq,
    valueNanoErg: r.value_nano_erg, boxId: r.box_id, closedHeight: r.closed_height === null ? null : Number(r.closed_height),
    dormantFromHeight: r.dormant_from_height === null ? null : Number(r.dormant_from_height),
  };
}

const SORT_COLUMNS = { balance: "x.balance", joinedHeight: "x.joined_height", lastActiveHeight: "x.last_active_height" } as const;

/** A community's accounts, sorted and paged; undefined when the community is unknown. */
export async function listAccounts(db: Db, communityId: string, listing: AccountListing): Promise<Paged<AccountView> | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const scope = { communityId };
  const { total } = await db.selectFrom(accountsOf(db, scope, listing.status).as("x")).select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await selectView(db, scope, listing.status)
    .orderBy(sql.ref(SORT_COLUMNS[listing.sort]), listing.order)
    .orderBy("x.account_id")
    .limit(listing.limit)
    .offset(listing.offset)
    .execute();
  return { total: Number(total), items: await views(db, rows) };
}

/** One account, open or closed, or undefined when no account has this id. */
export async function getAccount(db: Db, accountId: string): Promise<AccountView | undefined> {
  const row = await selectView(db, { accountId }).executeTakeFirst();
  return row && (await views(db, [row]))[0];
}

/** Every account of `owner` (SigmaProp hex), in every community, oldest join first. */
export async function accountsByOwner(db: Db, owner: string): Promise<AccountView[]> {
  const rows = await selectView(db, { owner }).orderBy("x.joined_height").orderBy("x.account_id").execute();
  return views(db, rows);
}
