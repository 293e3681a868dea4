/**
 * The explorer's tables as URL parameters: one parser per table, shared by the page that shows the
 * rows and the download of them, so a download holds exactly the rows on screen.
 */
import type { AccountSort, AccountStatus, AccountsQuery, Interval, Order, PaymentsQuery } from "./indexer-types.ts";
import { enumParam, intParam, pageParams } from "./paging.ts";

const MAX_HEIGHT = 2_147_483_647;
const MAX_TIME = 8_640_000_000_000_000;

export const ACCOUNT_SORTS: readonly AccountSort[] = ["joinedHeight", "balance", "lastActiveHeight"];
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ["open", "left", "defaulted", "closed"];
export const ORDERS: readonly Order[] = ["asc", "desc"];
export const INTERVALS: readonly Interval[] = ["day", "week", "month"];

/** A community's members table: `sort`, `order`, `status`, `limit`, `offset`. */
export function membersQuery(url: URL): AccountsQuery & { limit: number; offset: number; sort: AccountSort; order: Order } {
  const status = url.searchParams.get("status") ? enumParam(url, "status", ACCOUNT_STATUSES, "open") : undefined;
  return {
    sort: enumParam(url, "sort", ACCOUNT_SORTS, "joinedHeight"),
    order: enumParam(url, "order", ORDERS, "asc"),
    status,
    ...pageParams(url),
  };
}

/**
 * A payments table: `payOrder`, `payLimit`, `payOffset` and the range `fromHeight`, `toHeight`,
 * `fromTime`, `toTime` (a time filter in the URL is ms since the epoch).
 */
export function paymentsQuery(url: URL): PaymentsQuery & { limit: number; offset: number; order: Order } {
  const optional = (key: string, max: number) => (url.searchParams.get(key) ? intParam(url, key, 0, 0, max) : undefined);
  return {
    order: enumParam(url, "payOrder", ORDERS, "desc"),
    ...pageParams(url, "pay", 25),
    fromHeight: optional("fromHeight", MAX_HEIGHT),
    toHeight: optional("toHeight", MAX_HEIGHT),
    fromTime: optional("fromTime", MAX_TIME),
    toTime: optional("toTime", MAX_TIME),
  };
}

/** The table's parameters as they appear in the URL (for links and downloads). */
export function paymentsParams(q: ReturnType<typeof paymentsQuery>): Record<string, string | number | undefined> {
  return {
    payOrder: q.order, payLimit: q.limit, payOffset: q.offset,
    fromHeight: q.fromHeight, toHeight: q.toHeight, fromTime: q.fromTime, toTime: q.toTime,
  };
}

/** The charts' bucket size: `interval`. */
export const intervalParam = (url: URL): Interval => enumParam(url, "interval", INTERVALS, "day");
