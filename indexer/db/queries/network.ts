/**
 * The payment network of a community: one directed edge per (payer, payee) pair with the units
 * that flowed and how many legs carried them. A leg with a negative amount (a co-payer in a
 * transaction where several balances fell) is an edge the other way, so every edge amount is
 * positive and the edges of a transaction still say exactly who paid whom. A cross payment (trade
 * lines) is an edge between the member and the other community's account, in this community's
 * units (`cross_payments`, through its `payer_community` and `payee_community` indexes).
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
  // A cross payment is an edge in both communities, between the member and the account of the
  // other community, in this community's units: what the payer's balance fell by (debit) in the
  // payer's community, what the payee's rose by (received) in the payee's.
  const cross = (side: "payer" | "payee") => {
    let q = db.selectFrom("cross_payments as c").where(side === "payer" ? "c.payer_community" : "c.payee_community", "=", communityId);
    if (range.fromHeight !== undefined) q = q.where("c.height", ">=", range.fromHeight);
    if (range.toHeight !== undefined) q = q.where("c.height", "<=", range.toHeight);
    if (range.fromTime !== undefined) q = q.where("c.timestamp", ">=", BigInt(range.fromTime));
    if (range.toTime !== undefined) q = q.where("c.timestamp", "<=", BigInt(range.toTime));
    return q.select([sql<string>`c.payer`.as("source"), sql<string>`c.payee`.as("target"), sql<string>`${sql.ref(side === "payer" ? "c.debit" : "c.received")}`.as("amount")]);
  };
  const rows = await db
    .selectFrom(legs.unionAll(cross("payer")).unionAll(cross("payee")).as("l"))
    .groupBy(["l.source", "l.target"])
    .select(["l.source", "l.target", sql<string>`sum(l.amount)::text`.as("amount"), countAll().as("count")])
    .orderBy("l.source")
    .orderBy("l.target")
    .execute();
  return rows.map((r) => ({ source: r.source, target: r.target, amount: r.amount, count: Number(r.count) }));
}
