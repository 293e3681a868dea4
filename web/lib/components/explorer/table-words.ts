/** What a table's caption says of its order, in plain words rather than the URL's sort keys. */
import type { AccountSort, Order } from "$lib/server/indexer-types.ts";

const MEMBERS_ORDER: Record<AccountSort, Record<Order, string>> = {
  joinedHeight: { asc: "date joined, oldest first", desc: "date joined, newest first" },
  balance: { asc: "balance, lowest first", desc: "balance, highest first" },
  lastActiveHeight: { asc: "last active, longest ago first", desc: "last active, most recent first" },
};

/** The members table's order: "date joined, oldest first". */
export function membersOrder(sort: AccountSort, order: Order): string {
  return MEMBERS_ORDER[sort][order];
}
