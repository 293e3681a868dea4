/**
 * Payment orders (contract version 5, docs/batches.md): those posted to the API (`payment_orders`)
 * and those a settlement carried (`settled_orders`), whoever posted them. What became of a posted
 * order is read from the chain tables each time, never stored, so undoing blocks needs nothing and
 * a settlement service that stops leaves nothing stale behind:
 *
 * - `settled`: a confirmed settlement carried it (its batch transaction and height);
 * - `void`: its payer's live nextSeq is past it (settled under another order with its number, or
 *   revoked by the owner), or its payer's or payee's account is closed;
 * - `expired`: its expiry is below the next block's height;
 * - `submitted`: a settlement in the node's mempool carries it, or the settlement service submitted
 *   one at the current tip (the mempool view has not caught up yet);
 * - `pending` otherwise: waiting for a settlement.
 */
import { sql, type RawBuilder } from "kysely";
import { countAll, type Db, type Page, type Paged } from "./common.ts";

export const ORDER_STATUSES = ["pending", "submitted", "settled", "void", "expired"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One payment order and what became of it. */
export interface OrderView {
  orderId: string;
  communityId: string;
  payer: string;
  payee: string;
  amount: string;
  seq: string;
  expiry: string;
  signature: { commitment: string; response: string };
  status: OrderStatus;
  /** The settlement that carried it (settled), or that carries it (submitted); null otherwise. */
  txId: string | null;
  /** The height of its settlement; null unless settled. */
  height: number | null;
  /** Why it is not settled: void and expired say why; pending, why the settlement service left it out last (null when it never did). */
  reason: string | null;
  /** When the API received it (ms); null for an order known only from the chain. */
  receivedAt: number | null;
}

/** Which orders: by account (paid or received), community and status; every filter optional. */
export interface OrderFilter {
  account?: string;
  community?: string;
  status?: OrderStatus;
}

export interface OrderListing extends OrderFilter, Page {
  order: "asc" | "desc";
}

/** The latest indexed height, as SQL. */
const tip = sql`(select coalesce(max(height), 0) from blocks)`;

/** The posted orders with their status and the facts behind it. `at` orders them: the height it settled at, else the tip when it came. */
function postedOrders(): RawBuilder<unknown> {
  return sql`
    select o.order_id, o.community_id, o.payer, o.payee, o.amount, o.seq, o.expiry, o.commitment, o.response, o.received_at, o.reason,
      s.tx_id as settled_tx_id, s.height as settled_height, u.tx_id as pool_tx_id, o.submitted_tx_id, o.submitted_height,
      p.next_seq as payer_next_seq, (p.box_id is not null) as payer_open, (q.box_id is not null) as payee_open, ${tip} as tip,
      coalesce(s.height, o.received_height) as at,
      case
        when s.tx_id is not null then 'settled'
        when p.box_id is null or q.box_id is null or p.next_seq > o.seq then 'void'
        when o.expiry <= ${tip} then 'expired'
        when u.tx_id is not null or (o.submitted_tx_id is not null and o.submitted_height >= ${tip}) then 'submitted'
        else 'pending'
      end as status
    from payment_orders o
    left join lateral (select x.tx_id, x.height from settled_orders x where x.order_id = o.order_id order by x.height limit 1) s on true
    left join lateral (select x.tx_id from unconfirmed_settlements x where x.order_id = o.order_id order by x.tx_id limit 1) u on true
    left join lateral (select b.box_id, b.next_seq from account_boxes b where b.account_id = o.payer and b.spent_height is null limit 1) p on true
    left join lateral (select b.box_id from account_boxes b where b.account_id = o.payee and b.spent_height is null limit 1) q on true`;
}

/** Every order as a derived table: the posted ones (`postedOrders`), then those only a settlement made known. */
function allOrders(): RawBuilder<unknown> {
  return sql`
    ${postedOrders()}
    union all
    select s.order_id, s.community_id, s.payer, s.payee, s.amount, s.seq, s.expiry, s.commitment, s.response, null, null,
      s.tx_id, s.height, null, null, null, null, null, null, null, s.height, 'settled'
    from settled_orders s
    where not exists (select 1 from payment_orders o where o.order_id = s.order_id)`;
}

interface Row {
  order_id: string;
  community_id: string;
  payer: string;
  payee: string;
  amount: string;
  seq: string;
  expiry: string;
  commitment: string;
  response: string;
  received_at: string | null;
  reason: string | null;
  settled_tx_id: string | null;
  settled_height: number | null;
  pool_tx_id: string | null;
  submitted_tx_id: string | null;
  payer_next_seq: string | null;
  payer_open: boolean | null;
  payee_open: boolean | null;
  tip: number | null;
  status: OrderStatus;
  total?: number;
}

/** The columns a view reads, amounts as text. */
const COLUMNS = sql`a.order_id, a.community_id, a.payer, a.payee, a.amount::text as amount, a.seq::text as seq, a.expiry::text as expiry,
  a.commitment, a.response, a.received_at::text as received_at, a.reason, a.settled_tx_id, a.settled_height, a.pool_tx_id, a.submitted_tx_id,
  a.payer_next_seq::text as payer_next_seq, a.payer_open, a.payee_open, a.tip, a.status`;

/** Why an order that will not settle will not. */
function reasonOf(r: Row): string | null {
  if (r.status === "void") {
    if (!r.payer_open) return "the payer's account is closed";
    if (!r.payee_open) return "the payee's account is closed";
    return `the payer's next order is number ${r.payer_next_seq}: this one (number ${r.seq}) was passed, settled under another order with its number or revoked`;
  }
  if (r.status === "expired") return `it expired at height ${r.expiry} (the indexed tip is ${r.tip})`;
  return r.status === "pending" ? r.reason : null;
}

const view = (r: Row): OrderView => ({
  orderId: r.order_id, communityId: r.community_id, payer: r.payer, payee: r.payee, amount: r.amount, seq: r.seq, expiry: r.expiry,
  signature: { commitment: r.commitment, response: r.response }, status: r.status,
  txId: r.settled_tx_id ?? (r.status === "submitted" ? (r.pool_tx_id ?? r.submitted_tx_id) : null),
  height: r.settled_height === null ? null : Number(r.settled_height), reason: reasonOf(r), receivedAt: r.received_at === null ? null : Number(r.received_at),
});

/** The conditions of `filter` on the derived table `a`. */
function where(filter: OrderFilter): RawBuilder<unknown> {
  const parts = [sql`true`];
  if (filter.account !== undefined) parts.push(sql`(a.payer = ${filter.account} or a.payee = ${filter.account})`);
  if (filter.community !== undefined) parts.push(sql`a.community_id = ${filter.community}`);
  if (filter.status !== undefined) parts.push(sql`a.status = ${filter.status}`);
  return sql.join(parts, sql` and `);
}

/** Orders matching `listing`, newest first (or oldest), paged. */
export async function listOrders(db: Db, listing: OrderListing): Promise<Paged<OrderView>> {
  const order = sql.raw(listing.order === "asc" ? "asc" : "desc");
  const { rows } = await sql<Row>`
    select ${COLUMNS}, count(*) over ()::int as total from (${allOrders()}) a where ${where(listing)}
    order by a.at ${order}, a.payer ${order}, a.seq ${order}, a.order_id limit ${listing.limit} offset ${listing.offset}`.execute(db);
  const total = rows[0]?.total ?? (await countOrders(db, listing));
  return { total, items: rows.map(view) };
}

async function countOrders(db: Db, filter: OrderFilter): Promise<number> {
  const { rows } = await sql<{ total: number }>`select ${countAll()} as total from (${allOrders()}) a where ${where(filter)}`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

/** One order by id (posted, or carried by a settlement), or undefined. */
export async function getOrder(db: Db, orderId: string): Promise<OrderView | undefined> {
  const { rows } = await sql<Row>`select ${COLUMNS} from (${allOrders()}) a where a.order_id = ${orderId} order by a.at limit 1`.execute(db);
  return rows[0] && view(rows[0]);
}

/** Sums of the pending orders each of `accountIds` is to receive (`in`) and to pay (`out`), as decimal text (only posted orders can be pending). */
export async function pendingOrderSums(db: Db, accountIds: readonly string[]): Promise<Map<string, { in: string; out: string }>> {
  const sums = new Map<string, { in: string; out: string }>();
  if (accountIds.length === 0) return sums;
  const ids = [...new Set(accountIds)];
  const { rows } = await sql<{ account_id: string; side: "in" | "out"; total: string }>`
    select a.payee as account_id, 'in' as side, sum(a.amount)::text as total from (${postedOrders()}) a
      where a.status = 'pending' and a.payee = any(${ids}::text[]) group by a.payee
    union all
    select a.payer, 'out', sum(a.amount)::text from (${postedOrders()}) a
      where a.status = 'pending' and a.payer = any(${ids}::text[]) group by a.payer`.execute(db);
  for (const id of ids) sums.set(id, { in: "0", out: "0" });
  for (const row of rows) sums.get(row.account_id)![row.side] = row.total;
  return sums;
}
