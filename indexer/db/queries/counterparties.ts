/**
 * Who an account traded with, aggregated in SQL from its payment legs (read through the
 * `payments (payer, height)` and `payments (payee, height)` indexes). What a leg did to the account
 * is `+amount` when it was paid and `-amount` when it paid, so a co-payer's negative leg counts the
 * right way round: `paid` sums the falls, `received` the rises, `net = received - paid`.
 * Cross payments (trade lines) count too, through the `cross_payments (payer, height)` and
 * `(payee, height)` indexes: the other account is in another community, and the amounts are this
 * account's units (what its balance fell by, fees included, or rose by).
 */
import { sql } from "kysely";
import { accountExists, type Db, type Page, type Paged } from "./common.ts";

export const COUNTERPARTY_SORTS = ["payments", "paid", "received", "net", "lastHeight"] as const;
export type CounterpartySort = (typeof COUNTERPARTY_SORTS)[number];

export interface CounterpartyView {
  accountId: string;
  owner: string;
  /** Units the account paid them. */
  paid: string;
  /** Units they paid the account. */
  received: string;
  net: string;
  /** Legs between the two. */
  payments: number;
  lastHeight: number;
}

export interface CounterpartyListing extends Page {
  sort: CounterpartySort;
  order: "asc" | "desc";
}

const SORT_COLUMNS: Record<CounterpartySort, string> = { payments: "payments", paid: "paid", received: "received", net: "net", lastHeight: "last_height" };

interface Row {
  account_id: string;
  owner: string;
  paid: string;
  received: string;
  net: string;
  payments: number;
  last_height: number;
  total: number;
}

/** `accountId`'s counterparties, sorted (ties by accountId) and paged; undefined when the account is unknown. */
export async function listCounterparties(db: Db, accountId: string, listing: CounterpartyListing): Promise<Paged<CounterpartyView> | undefined> {
  if (!(await accountExists(db, accountId))) return undefined;
  const order = sql.raw(listing.order === "asc" ? "asc" : "desc");
  const { rows } = await sql<Row>`
    with legs as (
      select payee as other, -amount as delta, height from payments where payer = ${accountId} and payee <> ${accountId}
      union all
      select payer as other, amount as delta, height from payments where payee = ${accountId} and payer <> ${accountId}
      union all
      select payee as other, -debit as delta, height from cross_payments where payer = ${accountId}
      union all
      select payer as other, received as delta, height from cross_payments where payee = ${accountId}
    ),
    t as (
      select other, coalesce(sum(-delta) filter (where delta < 0), 0) as paid, coalesce(sum(delta) filter (where delta > 0), 0) as received,
             sum(delta) as net, count(*)::int as payments, max(height) as last_height
      from legs group by other
    )
    select t.other as account_id, o.owner, t.paid::text as paid, t.received::text as received, t.net::text as net,
           t.payments, t.last_height, count(*) over ()::int as total
    from t cross join lateral (select owner from account_boxes where account_id = t.other limit 1) o
    order by ${sql.ref(`t.${SORT_COLUMNS[listing.sort]}`)} ${order}, t.other
    limit ${listing.limit} offset ${listing.offset}`.execute(db);
  const total = rows[0]?.total ?? (listing.offset > 0 ? await countCounterparties(db, accountId) : 0);
  return {
    total,
    items: rows.map((r) => ({
      accountId: r.account_id, owner: r.owner, paid: r.paid, received: r.received, net: r.net, payments: Number(r.payments),
      lastHeight: Number(r.last_height),
    })),
  };
}

/** How many counterparties, for a page past the end (which has no row to carry the total). */
async function countCounterparties(db: Db, accountId: string): Promise<number> {
  const { rows } = await sql<{ total: number }>`
    select count(distinct other)::int as total from (
      select payee as other from payments where payer = ${accountId} and payee <> ${accountId}
      union all
      select payer as other from payments where payee = ${accountId} and payer <> ${accountId}
      union all
      select payee as other from cross_payments where payer = ${accountId}
      union all
      select payer as other from cross_payments where payee = ${accountId}
    ) x`.execute(db);
  return Number(rows[0]?.total ?? 0);
}
