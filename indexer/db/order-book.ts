/**
 * The orders the API received, written (`payment_orders`; docs/batches.md): kept once per order id
 * whoever posts them how often, and the settlement service's notes on them (the transaction it
 * submitted, why it left one out). What became of an order is never written here: the queries read
 * it from the chain tables (`queries/orders.ts`).
 */
import { sql } from "kysely";
import type { SignedOrder } from "../../contracts/orders.ts";
import type { Db } from "./queries/common.ts";

/** A signed order with its id (the hash of its message, `orderId`). */
export type IdentifiedOrder = SignedOrder & { orderId: string };

/** A live account as an order needs it: its community, owner and next sequence number (null: economics). */
export interface LiveAccount {
  communityId: string;
  owner: string;
  nextSeq: bigint | null;
}

/** The latest indexed height (0 before the first block). */
export async function indexedTip(db: Db): Promise<number> {
  const row = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
  return row?.height ?? 0;
}

/** The live accounts among `accountIds`, by id. */
export async function liveAccounts(db: Db, accountIds: readonly string[]): Promise<Map<string, LiveAccount>> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("account_boxes").select(["account_id", "community_id", "owner", sql<string | null>`next_seq::text`.as("next_seq")])
    .where(sql<boolean>`account_id = any(${ids}::text[])`).where("spent_height", "is", null).execute();
  return new Map(rows.map((r) => [r.account_id, { communityId: r.community_id, owner: r.owner, nextSeq: r.next_seq === null ? null : BigInt(r.next_seq) }]));
}

/** Keeps `orders` received at `receivedAt` (ms) with the tip at `height`; an order already kept stays as it was. Returns the ids newly kept. */
export async function addOrders(db: Db, orders: readonly IdentifiedOrder[], receivedAt: number, height: number): Promise<Set<string>> {
  if (orders.length === 0) return new Set();
  const rows = orders.map((o) => ({
    order_id: o.orderId, community_id: o.communityId, payer: o.payer, payee: o.payee, amount: o.amount, seq: o.seq, expiry: o.expiry,
    commitment: o.signature.commitment, response: o.signature.response.toString(), received_at: BigInt(receivedAt), received_height: height,
    submitted_tx_id: null, submitted_height: null, reason: null,
  }));
  const added = await db.insertInto("payment_orders").values(rows).onConflict((c) => c.column("order_id").doNothing()).returning("order_id").execute();
  return new Set(added.map((r) => r.order_id));
}

/** Notes that the settlement `txId` carrying `orderIds` was submitted with the tip at `height`, and clears their reasons. */
export async function markSubmitted(db: Db, orderIds: readonly string[], txId: string, height: number): Promise<void> {
  if (orderIds.length === 0) return;
  await db.updateTable("payment_orders").set({ submitted_tx_id: txId, submitted_height: height, reason: null })
    .where(sql<boolean>`order_id = any(${[...orderIds]}::text[])`).execute();
}

/** Notes why each order was left out of a settlement (null: it was not). */
export async function noteReasons(db: Db, reasons: ReadonlyMap<string, string | null>): Promise<void> {
  for (const [orderId, reason] of reasons) await db.updateTable("payment_orders").set({ reason }).where("order_id", "=", orderId).execute();
}
