/**
 * An account's payment orders for its page (docs/batches.md): one page of the orders it signed or
 * is paid by (filtered by status: `ordStatus`, `ordLimit`, `ordOffset`), and the pending orders it
 * signed: what revoking would void. (What pending orders will take and bring is the account's own
 * `pendingOut` and `pendingIn` in the indexer's answer.)
 */
import { allPages } from "./all-pages.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Page } from "./indexer-types.ts";
import { listOrders } from "./orders.ts";
import { enumParam, pageParams } from "./paging.ts";
import { ORDER_STATUSES, type Order, type OrderStatus } from "../orders/types.ts";

/** The orders table's parameters. */
export interface OrdersTableQuery {
  status: OrderStatus | undefined;
  limit: number;
  offset: number;
}

/** `ordStatus` (one of the statuses, or all when absent), `ordLimit`, `ordOffset`. */
export function ordersTableQuery(url: URL): OrdersTableQuery {
  const status = url.searchParams.get("ordStatus") ? enumParam(url, "ordStatus", ORDER_STATUSES, "pending") : undefined;
  return { status, ...pageParams(url, "ord", 25) };
}

/** What revoking would void: the orders the account signed that are still pending (not yet in a batch). */
export interface Revocable {
  count: number;
  total: bigint;
  /** The next order number that voids every one of them, or null when it has none. */
  revokeTo: bigint | null;
}

/** What revoking voids among `orders` (any orders naming the account): the pending ones `accountId` signed. */
export function revocableOrders(accountId: string, orders: readonly Order[]): Revocable {
  const pending = orders.filter((o) => o.payer === accountId && o.status === "pending");
  return {
    count: pending.length,
    total: pending.reduce((sum, o) => sum + o.amount, 0n),
    revokeTo: pending.length === 0 ? null : pending.reduce((top, o) => (o.seq > top ? o.seq : top), 0n) + 1n,
  };
}

/** The page of orders asked for, and what revoking would void. */
export async function accountOrders(indexer: IndexerClient, accountId: string, q: OrdersTableQuery): Promise<{ page: Page<Order>; revocable: Revocable }> {
  const [page, pending] = await Promise.all([
    listOrders(indexer, { account: accountId, status: q.status, limit: q.limit, offset: q.offset, order: "desc" }),
    allPages((limit, offset) => listOrders(indexer, { account: accountId, status: "pending", limit, offset })),
  ]);
  return { page, revocable: revocableOrders(accountId, pending) };
}
