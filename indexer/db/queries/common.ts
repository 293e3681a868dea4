/**
 * What the read queries share. Every query takes the database first, is plain SQL through kysely,
 * and returns rows in the LETS vocabulary (camelCase). Values of `Long` registers and sums of them
 * are cast to `text` in SQL, so they reach JavaScript exact on every driver (pg gives `bigint` as
 * string, PGlite as bigint, `numeric` sums differ again); heights and counts are numbers.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../schema.ts";

export type Db = Kysely<Database>;

/** A page of a list: at most `limit` rows after skipping `offset`. */
export interface Page {
  limit: number;
  offset: number;
}

/** A page of rows and how many rows the whole list has. */
export interface Paged<T> {
  total: number;
  items: T[];
}

/** An inclusive range of heights and block times (ms); every bound optional. */
export interface Range {
  fromHeight?: number;
  toHeight?: number;
  fromTime?: number;
  toTime?: number;
}

/** A column or expression as decimal text. */
export const asText = (expression: RawBuilder<unknown> | string): RawBuilder<string> =>
  typeof expression === "string" ? sql<string>`${sql.ref(expression)}::text` : sql<string>`(${expression})::text`;

/** A count as a JavaScript number (count(*) is bigint in PostgreSQL). */
export const countAll = (): RawBuilder<number> => sql<number>`count(*)::int`;

/** Whether a community with a valid genesis is indexed under `communityId`. */
export async function communityExists(db: Db, communityId: string): Promise<boolean> {
  const row = await db.selectFrom("communities").select("community_id").where("community_id", "=", communityId).executeTakeFirst();
  return row !== undefined;
}

/** Whether an account (open or closed) is indexed under `accountId`. */
export async function accountExists(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom("account_boxes").select("account_id").where("account_id", "=", accountId).limit(1).executeTakeFirst();
  return row !== undefined;
}
