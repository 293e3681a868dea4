/**
 * Batch settlements (contract version 5, docs/batches.md): a community's, newest first, through
 * `batches_community`; one with the orders it carried, through the primary keys.
 */
import { asText, communityExists, countAll, type Db, type Page, type Paged, type Range } from "./common.ts";

/** One settlement. */
export interface BatchView {
  txId: string;
  height: number;
  timestamp: number;
  communityId: string;
  /** The batch box it spent first. */
  batchBoxId: string;
  /** How many orders it settled. */
  orders: number;
  /** The units they moved. */
  total: string;
  /** The single key its change went to (`08cd` + key), or null. */
  settler: string | null;
}

/** One order a settlement carried. */
export interface BatchLegView {
  leg: number;
  orderId: string;
  payer: string;
  payee: string;
  amount: string;
  seq: string;
  expiry: string;
  signature: { commitment: string; response: string };
}

export interface BatchDetailView extends BatchView {
  legs: BatchLegView[];
}

export interface BatchListing extends Page, Range {
  order: "asc" | "desc";
}

const base = (db: Db) =>
  db.selectFrom("batches as b").select([
    "b.tx_id", "b.height", asText("b.timestamp").as("timestamp"), "b.community_id", "b.batch_box_id", "b.orders", asText("b.total").as("total"), "b.settler",
  ]);

type Row = Awaited<ReturnType<ReturnType<typeof base>["executeTakeFirstOrThrow"]>>;

const view = (r: Row): BatchView => ({
  txId: r.tx_id, height: r.height, timestamp: Number(r.timestamp), communityId: r.community_id, batchBoxId: r.batch_box_id, orders: r.orders,
  total: r.total, settler: r.settler,
});

/** A community's settlements in `listing`'s range, paged; undefined when the community is unknown. */
export async function listBatches(db: Db, communityId: string, listing: BatchListing): Promise<Paged<BatchView> | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  let query = db.selectFrom("batches as b").where("b.community_id", "=", communityId);
  if (listing.fromHeight !== undefined) query = query.where("b.height", ">=", listing.fromHeight);
  if (listing.toHeight !== undefined) query = query.where("b.height", "<=", listing.toHeight);
  if (listing.fromTime !== undefined) query = query.where("b.timestamp", ">=", BigInt(listing.fromTime));
  if (listing.toTime !== undefined) query = query.where("b.timestamp", "<=", BigInt(listing.toTime));
  const { total } = await query.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await base(db).where("b.tx_id", "in", query.select("b.tx_id"))
    .orderBy("b.height", listing.order).orderBy("b.tx_id", listing.order).limit(listing.limit).offset(listing.offset).execute();
  return { total: Number(total), items: rows.map(view) };
}

/** One settlement with its orders in leg order, or undefined. */
export async function getBatch(db: Db, txId: string): Promise<BatchDetailView | undefined> {
  const row = await base(db).where("b.tx_id", "=", txId).executeTakeFirst();
  if (!row) return undefined;
  const legs = await db.selectFrom("settled_orders").where("tx_id", "=", txId).orderBy("leg")
    .select(["leg", "order_id", "payer", "payee", asText("amount").as("amount"), asText("seq").as("seq"), asText("expiry").as("expiry"), "commitment", "response"])
    .execute();
  return {
    ...view(row),
    legs: legs.map((l) => ({
      leg: l.leg, orderId: l.order_id, payer: l.payer, payee: l.payee, amount: l.amount, seq: l.seq, expiry: l.expiry,
      signature: { commitment: l.commitment, response: l.response },
    })),
  };
}
