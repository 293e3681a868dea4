/**
 * An account's payment orders for its page (docs/batches.md): one page of the orders it signed or
 * is paid by (filtered by status: `ordStatus`, `ordLimit`, `ordOffset`), and the orders still
 * waiting (pending, or submitted in a batch in the mempool): what they will take from and bring to
 * the balance once settled, and what revoking would void.
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

/** What the orders still waiting mean for the account. */
export interface WaitingOrders {
  /** Units orders it signed will take once settled. */
  pendingOut: bigint;
  /** Units orders to it will bring once settled. */
  pendingIn: bigint;
  /** The orders it signed that are still pending (not yet in a batch): those revoking voids. */
  revocable: { count: number; total: bigint };
  /** The next order number that voids every one of its waiting orders, or null when it has none. */
  revokeTo: bigint | null;
}

/** Sums what `waiting` (the account's pending and submitted orders) will do to `accountId`. */
export function waitingOrders(accountId: string, waiting: readonly Order[]): WaitingOrders {
  const sent = waiting.filter((o) => o.payer === accountId);
  const pending = sent.filter((o) => o.status === "pending");
  const sum = (orders: readonly Order[]) => orders.reduce((total, o) => total + o.amount, 0n);
  return {
    pendingOut: sum(sent),
    pendingIn: sum(waiting.filter((o) => o.payee === accountId)),
    revocable: { count: pending.length, total: sum(pending) },
    revokeTo: pending.length === 0 ? null : pending.reduce((top, o) => (o.seq > top ? o.seq : top), 0n) + 1n,
  };
}

/** The page of orders asked for, and every waiting order of the account summed. */
export async function accountOrders(indexer: IndexerClient, accountId: string, q: OrdersTableQuery): Promise<{ page: Page<Order>; waiting: WaitingOrders }> {
  const waitingOf = (status: OrderStatus) => allPages((limit, offset) => listOrders(indexer, { account: accountId, status, limit, offset }));
  const [page, pending, submitted] = await Promise.all([
    listOrders(indexer, { account: accountId, status: q.status, limit: q.limit, offset: q.offset, order: "desc" }),
    waitingOf("pending"),
    waitingOf("submitted"),
  ]);
  return { page, waiting: waitingOrders(accountId, [...pending, ...submitted]) };
}
