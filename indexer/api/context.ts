/** What every route plugin of the API reads: the database, what `/status` reports about the node and the sync, and whom new orders wake. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { SyncStatus } from "../sync/loop.ts";

/** What the routes share. */
export interface ApiContext {
  db: Kysely<Database>;
  /** The followed node, for `/status`; without it the node height is null. */
  nodeUrl?: string;
  /** The sync loop writing this database, for `/status`; without it (a read-only API) `sync` is null. */
  syncStatus?: () => SyncStatus;
  /** Told when `POST /orders` kept a new order (the settlement service wakes). */
  onOrders?: () => void;
}
