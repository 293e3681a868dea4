/**
 * `POST /orders`: payment orders received (docs/batches.md). Each is read strictly (its JSON with
 * amounts as decimal strings, or its `lets-order:` text) and checked against the mirror: a live
 * account of a plain community pays a live account of the same one, the payer's key signed it, its
 * number is not passed and it has not expired. An order that passes is kept once, whoever posts it
 * how often; every other comes back with its reason. Junk is refused one item at a time, never
 * answered with a 5xx.
 */
import { decodeOrder, orderFromJson, orderId, ownerKey, verifyOrder, type SignedOrder } from "../../contracts/orders.ts";
import { addOrders, indexedTip, liveAccounts, type IdentifiedOrder, type LiveAccount } from "../db/order-book.ts";
import type { Db } from "../db/queries/common.ts";

/** Most orders one request may carry. */
export const MAX_ORDERS = 1_000;

/** What became of one posted item. */
export interface IntakeResult {
  /** Its place in the request (0 for a single order). */
  index: number;
  /** Its id, when it could be read. */
  orderId: string | null;
  /** Kept (now or before) and waiting for a settlement. */
  accepted: boolean;
  /** Whether this request added it (false: it was kept already, or refused). */
  added: boolean;
  /** Why it was refused; null when accepted. */
  reason: string | null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An order read from one posted item (its JSON, or its text form), or the reason it cannot be read. */
function readItem(item: unknown): SignedOrder | string {
  try {
    if (typeof item === "string") return decodeOrder(item.trim());
    if (typeof item === "object" && item !== null && !Array.isArray(item)) return orderFromJson(item);
    return "an order is a JSON object (amounts as decimal strings) or its text form 'lets-order:...'";
  } catch (error) {
    return messageOf(error);
  }
}

/** Why `order` may not wait for a settlement, or undefined when it may. */
function refusal(order: SignedOrder, accounts: ReadonlyMap<string, LiveAccount>, tip: number): string | undefined {
  const payer = accounts.get(order.payer);
  const payee = accounts.get(order.payee);
  if (!payer || payer.communityId !== order.communityId) return `no open account ${order.payer} in community ${order.communityId}`;
  if (!payee || payee.communityId !== order.communityId) return `no open account ${order.payee} in community ${order.communityId}`;
  if (payer.nextSeq === null) return "the community is an economics community: payment orders are for plain communities";
  try {
    ownerKey(payer.owner);
  } catch (error) {
    return messageOf(error);
  }
  if (!verifyOrder(order, payer.owner)) return "the signature is not the payer's: its owner's key did not sign this order";
  if (order.seq < payer.nextSeq) return `its number ${order.seq} is passed: the payer's next order is ${payer.nextSeq} (settled, or revoked)`;
  if (order.expiry <= BigInt(tip)) return `it expired at height ${order.expiry} (the indexed tip is ${tip})`;
  return undefined;
}

/** Reads, checks and keeps `items` received now; one result per item, in order. */
export async function takeOrders(db: Db, items: readonly unknown[], now: number): Promise<IntakeResult[]> {
  const read = items.map(readItem);
  const orders = read.filter((r): r is SignedOrder => typeof r !== "string");
  const [accounts, tip] = await Promise.all([liveAccounts(db, orders.flatMap((o) => [o.payer, o.payee])), indexedTip(db)]);
  const checked = read.map((r): { order?: IdentifiedOrder; orderId: string | null; reason: string | null } => {
    if (typeof r === "string") return { orderId: null, reason: r };
    const id = orderId(r);
    return { order: { ...r, orderId: id }, orderId: id, reason: refusal(r, accounts, tip) ?? null };
  });
  const keep = checked.flatMap((c) => (c.reason === null && c.order ? [c.order] : []));
  const added = await addOrders(db, [...new Map(keep.map((o) => [o.orderId, o])).values()], now, tip);
  const first = new Set<string>();
  return checked.map((c, index) => {
    const isNew = c.orderId !== null && added.has(c.orderId) && !first.has(c.orderId);
    if (isNew) first.add(c.orderId!);
    return { index, orderId: c.orderId, accepted: c.reason === null, added: isNew, reason: c.reason };
  });
}
