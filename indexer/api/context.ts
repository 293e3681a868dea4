/** What every route plugin of the API reads: the database, and what `/status` reports about the node and the sync. */
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
}
