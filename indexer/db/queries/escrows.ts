/**
 * Escrows for post-factum payments (docs/escrow.md): a community's escrows, and orders by
 * community, by account (as payer or payee) and by id. Units are decimal strings; a deadline is a
 * number (the contract keeps it within the dormancy window of the commit's height).
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../schema.ts";
import { asText, countAll, type Db, type Page, type Paged } from "./common.ts";

/** An escrow: its opening, closing and live (or last) box. */
export interface EscrowView {
  escrowId: string;
  communityId: string;
  owner: string;
  accountId: string;
  boxId: string;
  depositNanoErg: string;
  balance: string;
  openOrderId: string | null;
  openedHeight: number;
  openedTxId: string;
  openedTimestamp: number;
  closedHeight: number | null;
  closedTxId: string | null;
}

/** An order and, once settled, how. */
export interface EscrowOrderView {
  orderId: string;
  escrowId: string;
  communityId: string;
  payerId: string;
  payeeId: string;
  maxUnits: string;
  minimumUnits: string;
  deadline: number;
  reference: string;
  committedHeight: number;
  committedTxId: string;
  committedTimestamp: number;
  status: "open" | "settled";
  settledHeight: number | null;
  settledTxId: string | null;
  settledTimestamp: number | null;
  releasedUnits: string | null;
  returnedUnits: string | null;
  outcome: "released" | "refunded" | "claimed" | null;
}

/** An order with the account's side in it. */
export type AccountEscrowOrderView = EscrowOrderView & { role: "payer" | "payee" };

/** The community's escrows, newest opened first. */
export async function listEscrows(db: Db, communityId: string, page: Page): Promise<Paged<EscrowView>> {
  const q = db.selectFrom("escrows").where("community_id", "=", communityId);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.select([
    "escrow_id", "community_id", "owner", "account_id", "box_id", asText("deposit_nano_erg").as("deposit"), asText("balance").as("balance_text"), "order_id",
    "opened_height", "opened_tx_id", asText("opened_timestamp").as("opened_ts"), "closed_height", "closed_tx_id",
  ]).orderBy("opened_height", "desc").orderBy("escrow_id").limit(page.limit).offset(page.offset).execute();
  return {
    total,
    items: rows.map((r) => ({
      escrowId: r.escrow_id, communityId: r.community_id, owner: r.owner, accountId: r.account_id, boxId: r.box_id, depositNanoErg: r.deposit, balance: r.balance_text,
      openOrderId: r.order_id, openedHeight: r.opened_height, openedTxId: r.opened_tx_id, openedTimestamp: Number(r.opened_ts), closedHeight: r.closed_height, closedTxId: r.closed_tx_id,
    })),
  };
}

const orderColumns = (q: SelectQueryBuilder<Database, "escrow_orders", object>) =>
  q.selectAll("escrow_orders").select([
    asText("max_units").as("max_text"), asText("minimum_units").as("minimum_text"), asText("deadline").as("deadline_text"), asText("committed_timestamp").as("committed_ts"),
    asText("settled_timestamp").as("settled_ts"), asText("released_units").as("released_text"), asText("returned_units").as("returned_text"),
  ]);

type OrderRow = Awaited<ReturnType<ReturnType<typeof orderColumns>["executeTakeFirstOrThrow"]>>;

const orderOf = (r: OrderRow): EscrowOrderView => ({
  orderId: r.order_id, escrowId: r.escrow_id, communityId: r.community_id, payerId: r.payer_id, payeeId: r.payee_id, maxUnits: r.max_text, minimumUnits: r.minimum_text,
  deadline: Number(r.deadline_text), reference: r.reference, committedHeight: r.committed_height, committedTxId: r.committed_tx_id, committedTimestamp: Number(r.committed_ts),
  status: r.status, settledHeight: r.settled_height, settledTxId: r.settled_tx_id, settledTimestamp: r.settled_ts === null ? null : Number(r.settled_ts),
  releasedUnits: r.released_text, returnedUnits: r.returned_text, outcome: r.outcome,
});

/** The order `orderId`, or undefined. */
export async function getEscrowOrder(db: Db, orderId: string): Promise<EscrowOrderView | undefined> {
  const row = await orderColumns(db.selectFrom("escrow_orders")).where("order_id", "=", orderId).executeTakeFirst();
  return row && orderOf(row);
}

/** The community's orders (only those of `status` if given), newest committed first. */
export async function listCommunityEscrowOrders(db: Db, communityId: string, status: "open" | "settled" | undefined, page: Page): Promise<Paged<EscrowOrderView>> {
  let q = db.selectFrom("escrow_orders").where("community_id", "=", communityId);
  if (status) q = q.where("status", "=", status);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await orderColumns(q).orderBy("committed_height", "desc").orderBy("order_id").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map(orderOf) };
}

/** The orders `accountId` pays or is paid by (only those of `status` if given), newest committed first. */
export async function listAccountEscrowOrders(db: Db, accountId: string, status: "open" | "settled" | undefined, page: Page): Promise<Paged<AccountEscrowOrderView>> {
  let q = db.selectFrom("escrow_orders").where((eb) => eb.or([eb("payer_id", "=", accountId), eb("payee_id", "=", accountId)]));
  if (status) q = q.where("status", "=", status);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await orderColumns(q).select(sql<"payer" | "payee">`case when payer_id = ${accountId} then 'payer' else 'payee' end`.as("role"))
    .orderBy("committed_height", "desc").orderBy("order_id").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => ({ ...orderOf(r), role: r.role })) };
}
