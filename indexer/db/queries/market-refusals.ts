/**
 * Refused marketplace notes (`refused_notes` rows with a `note`): counted by note and reason, so a
 * reader sees what the indexer turned away and why, and the rows themselves, newest first.
 */
import { sql } from "kysely";
import type { Db, Page, Paged } from "./common.ts";

/** How many notes of one kind were refused for one reason. */
export interface RefusalCountView {
  note: string;
  reason: string;
  count: number;
}

/** One refused marketplace note. */
export interface RefusalView {
  note: string;
  reason: string;
  txId: string;
  boxId: string;
  accountId: string;
  height: number;
}

/** Refusal counts by note and reason, most frequent first. */
export async function refusalCounts(db: Db, page: Page): Promise<Paged<RefusalCountView>> {
  const grouped = db.selectFrom("refused_notes").where("note", "is not", null).groupBy(["note", "reason"])
    .select(["note", "reason", sql<number>`count(*)::int`.as("count")]);
  const { total } = await db.selectFrom(grouped.as("g")).select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  const rows = await grouped.orderBy("count", "desc").orderBy("note").orderBy("reason").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => ({ note: r.note!, reason: r.reason, count: r.count })) };
}

/** Refused marketplace notes, newest first. */
export async function refusals(db: Db, page: Page): Promise<Paged<RefusalView>> {
  const base = db.selectFrom("refused_notes").where("note", "is not", null);
  const { total } = await base.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  const rows = await base.select(["note", "reason", "tx_id", "box_id", "account_id", "height"])
    .orderBy("height", "desc").orderBy("tx_id").orderBy("box_id").orderBy("reason").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => ({ note: r.note!, reason: r.reason, txId: r.tx_id, boxId: r.box_id, accountId: r.account_id, height: r.height })) };
}
