/** Rows of batch settlements (contract version 5, docs/batches.md) <-> the records `applyBlock` reads and writes. */
import type { BatchBoxRow, NewBatch, NewBatchBox, NewSettledOrder } from "../db/schema.ts";
import type { BatchBoxRecord, LetsEvent } from "./lets-events.ts";

type BatchEvent = Extract<LetsEvent, { kind: "batch" }>;

/** A batch box row, made by `txId` at `height`. */
export const batchBoxRow = (box: BatchBoxRecord, txId: string, height: number): NewBatchBox => ({
  box_id: box.boxId, tx_id: txId, value_nano_erg: box.valueNanoErg, creation_height: box.creationHeight, created_height: height, spent_height: null,
});

/** The batch box record of a row. */
export const batchBoxFromRow = (row: BatchBoxRow): BatchBoxRecord => ({
  boxId: row.box_id, valueNanoErg: BigInt(row.value_nano_erg), creationHeight: row.creation_height,
});

/** The `batches` row of a settlement and a `settled_orders` row per leg (legs numbered from `firstLeg`, like its payments). */
export function settlementRows(event: BatchEvent, timestamp: bigint, firstLeg: number): { batch: NewBatch; orders: NewSettledOrder[] } {
  const { site } = event;
  const batch: NewBatch = {
    tx_id: site.txId, height: site.height, timestamp, community_id: event.communityId, batch_box_id: event.batchBoxId,
    orders: event.orders.length, total: event.orders.reduce((sum, o) => sum + o.amount, 0n), settler: event.settler,
  };
  const orders = event.orders.map((o, i): NewSettledOrder => ({
    tx_id: site.txId, leg: firstLeg + i, order_id: o.orderId, height: site.height, timestamp, community_id: o.communityId, payer: o.payer, payee: o.payee,
    amount: o.amount, seq: o.seq, expiry: o.expiry, commitment: o.signature.commitment, response: o.signature.response.toString(),
  }));
  return { batch, orders };
}
