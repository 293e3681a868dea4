/**
 * An account's balance after each block that changed it, read from its boxes (the
 * `account_boxes (account_id, spent_height)` index) rather than replayed from payments: every
 * join and payment leaves a new account box holding the balance. When several of the account's
 * transactions share a block only the box that outlived the block is a point, because the order
 * of transactions inside a block is not kept; so every point is a balance the chain really had
 * between blocks. The join is the first point (balance 0 unless the join box said otherwise).
 * The leave, default or dormant close that closed the account is the last point: 0, minus the
 * debt, or the balance written off. A box a sweep made (economics: demurrage charged on the way) is a
 * `sweep` point.
 */
import { sql } from "kysely";
import { accountExists, type Db, type Page, type Paged } from "./common.ts";

export interface BalancePointView {
  height: number;
  timestamp: number;
  /** The transaction that left this balance (the last of the account's in that block). */
  txId: string;
  balance: string;
  /** What that transaction did to the account. */
  kind: "join" | "payment" | "leave" | "default" | "close" | "sweep";
}

export interface HistoryListing extends Page {
  order: "asc" | "desc";
}

interface Row {
  height: number;
  timestamp: string;
  tx_id: string;
  balance: string;
  kind: BalancePointView["kind"];
  total: number;
}

/** The points as a subquery: boxes that outlived their block, then the closing event. */
const points = (accountId: string) => sql`
  select a.created_height as height, a.tx_id, a.balance,
         case when exists (select 1 from events j where j.tx_id = a.tx_id and j.kind = 'join' and j.account_id = a.account_id) then 'join'
           when a.accrued is not null and exists (select 1 from economics_events s where s.tx_id = a.tx_id and s.account_id = a.account_id and s.kind = 'sweep')
           then 'sweep' else 'payment' end as kind
  from account_boxes a
  where a.account_id = ${accountId} and (a.spent_height is null or a.spent_height > a.created_height)
  union all
  select e.height, e.tx_id, case e.kind when 'default' then -e.amount when 'close' then e.amount else 0 end, e.kind
  from events e
  where e.account_id = ${accountId} and e.kind in ('leave', 'default', 'close')`;

/** The points of `accountId`'s balance history, oldest or newest first, paged; undefined when the account is unknown. */
export async function balanceHistory(db: Db, accountId: string, listing: HistoryListing): Promise<Paged<BalancePointView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const order = sql.raw(listing.order === "asc" ? "asc" : "desc");
  const { rows } = await sql<Row>`
    select p.height, b.timestamp::text as timestamp, p.tx_id, p.balance::text as balance, p.kind, count(*) over ()::int as total
    from (${points(accountId)}) p join blocks b on b.height = p.height
    order by p.height ${order}, case when p.kind in ('leave', 'default', 'close') then 1 else 0 end ${order}
    limit ${listing.limit} offset ${listing.offset}`.execute(db);
  const total = rows[0]?.total ?? (await countPoints(db, accountId));
  return {
    total,
    items: rows.map((r) => ({ height: Number(r.height), timestamp: Number(r.timestamp), txId: r.tx_id, balance: r.balance, kind: r.kind })),
  };
}

async function countPoints(db: Db, accountId: string): Promise<number> {
  const { rows } = await sql<{ total: number }>`select count(*)::int as total from (${points(accountId)}) p`.execute(db);
  return Number(rows[0]?.total ?? 0);
}
