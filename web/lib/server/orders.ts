/**
 * The indexer's payment-order and batch routes for the web server (docs/indexer-api.md): orders
 * by account, one order, a community's batches and one batch with its orders, amounts as bigint;
 * and handing a signed order to the indexer's settlement service (`POST /orders`). Errors are the
 * indexer client's own (`IndexerNotFound`, `IndexerUnreachable`, `IndexerRequestError`), so the
 * pages map them in the one place they map every indexer error (`http-errors.ts`).
 */
import { parseJson } from "$ergo/json.ts";
import type { OrderJson } from "$contracts/orders.ts";
import { deepBigints } from "../lines/types.ts";
import { ORDER_AMOUNTS, type Batch, type BatchDetail, type Order, type OrderIntake, type OrderStatus } from "../orders/types.ts";
import { IndexerNotFound, IndexerRequestError, IndexerUnreachable, type IndexerClient } from "./indexer.ts";
import type { Page, PageQuery } from "./indexer-types.ts";

const TIMEOUT_MS = 10_000;

/** `GET /orders` filters: by account (paid or received), community and status. */
export interface OrdersQuery extends PageQuery {
  account?: string;
  community?: string;
  status?: OrderStatus;
  order?: "asc" | "desc";
}

async function getJson<T>(indexer: IndexerClient, path: string, query: Record<string, string | number | undefined>): Promise<T> {
  const response = await indexer.raw(path, query);
  try {
    return deepBigints<T>(parseJson(await response.text(), "refuse"), ORDER_AMOUNTS);
  } catch (cause) {
    throw new IndexerRequestError(response.status, "unreadable", (cause as Error).message, response.url, { cause });
  }
}

/** Orders as the indexer lists them, newest first unless asked. */
export const listOrders = (indexer: IndexerClient, q: OrdersQuery): Promise<Page<Order>> => getJson(indexer, "/orders", { ...q });

/** One order and what became of it (404: `IndexerNotFound`). */
export const getOrder = (indexer: IndexerClient, orderId: string): Promise<Order> => getJson(indexer, `/orders/${encodeURIComponent(orderId)}`, {});

/** A community's batches, newest first. */
export const communityBatches = (indexer: IndexerClient, communityId: string, q: PageQuery & { order?: "asc" | "desc" } = {}): Promise<Page<Batch>> =>
  getJson(indexer, `/communities/${encodeURIComponent(communityId)}/batches`, { ...q });

/** One batch with the orders it settled (404: `IndexerNotFound`). */
export const getBatch = (indexer: IndexerClient, txId: string): Promise<BatchDetail> => getJson(indexer, `/batches/${encodeURIComponent(txId)}`, {});

/**
 * Hands one signed order to the indexer (`POST /orders`): kept for the settlement service, or
 * refused with the indexer's reason (a bad signature, a used number, an expired order...).
 */
export async function postOrder(indexer: IndexerClient, order: OrderJson, fetchFn: typeof fetch = fetch): Promise<OrderIntake> {
  const url = `${indexer.baseUrl}/orders`;
  let response: Response;
  try {
    response = await fetchFn(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(order), signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    throw new IndexerUnreachable(0, "unreachable", cause instanceof Error ? cause.message : String(cause), url, { cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new IndexerRequestError(response.status, "unreadable", text.slice(0, 200), url, { cause });
  }
  if (!response.ok) {
    const { reason, detail } = (body ?? {}) as { reason?: unknown; detail?: unknown };
    const Failure = response.status === 404 ? IndexerNotFound : IndexerRequestError;
    throw new Failure(response.status, typeof reason === "string" ? reason : "error", typeof detail === "string" ? detail : response.statusText, url);
  }
  const item = (body as { items?: OrderIntake[] }).items?.[0];
  if (!item) throw new IndexerRequestError(response.status, "unreadable", "the answer names no order", url);
  return { orderId: item.orderId, accepted: item.accepted, added: item.added, reason: item.reason };
}
