/**
 * The payment network of a community: one directed edge per (payer, payee) pair with the units
 * that flowed and how many legs carried them. A leg with a negative amount (a co-payer in a
 * transaction where several balances fell) is an edge the other way, so every edge amount is
 * positive and the edges of a transaction still say exactly who paid whom.
 */
import { sql } from "kysely";
import { communityExists, countAll, type Db, type Range } from "./common.ts";
import { inRange } from "./payments.ts";

/** Units that flowed from `source` to `target` (account ids), over `count` payment legs. */
export interface EdgeView {
  source: string;
  target: string;
  amount: string;
  count: number;
}

/** The edges of `communityId` in `range`, ordered by source then target; undefined when the community is unknown. */
export async function paymentNetwork(db: Db, communityId: string, range: Range): Promise<EdgeView[] | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const forward = sql<boolean>`payments.amount >= 0`;
  const legs = inRange(db.selectFrom("payments").where("payments.community_id", "=", communityId), range).select([
    sql<string>`case when ${forward} then payments.payer else payments.payee end`.as("source"),
    sql<string>`case when ${forward} then payments.payee else payments.payer end`.as("target"),
    sql<string>`abs(payments.amount)`.as("amount"),
  ]);
  const rows = await db
    .selectFrom(legs.as("l"))
    .groupBy(["l.source", "l.target"])
    .select(["l.source", "l.target", sql<string>`sum(l.amount)::text`.as("amount"), countAll().as("count")])
    .orderBy("l.source")
    .orderBy("l.target")
    .execute();
  return rows.map((r) => ({ source: r.source, target: r.target, amount: r.amount, count: Number(r.count) }));
}
