/**
 * Compromise flags: what broke a community's guarantees, one row per box and kind, found through
 * `compromises (community_id, height)`; and their counts for `/status`.
 */
import { COMPROMISE_KINDS, type CompromiseKind } from "../schema.ts";
import { asText, communityExists, countAll, type Db, type Page, type Paged } from "./common.ts";

/** One compromise flag. */
export interface CompromiseView {
  communityId: string;
  kind: CompromiseKind;
  txId: string;
  height: number;
  timestamp: number;
  /** The box it concerns: the output holding the unit or the forged account, or the rent-spent box. */
  boxId: string;
  detail: string;
}

/** How many flags there are, in how many communities, by kind. */
export interface CompromiseCounts {
  total: number;
  communities: number;
  byKind: Record<CompromiseKind, number>;
}

/** A community's compromise flags, oldest first (by height, then txId, kind and boxId); undefined when the community is unknown. */
export async function listCompromises(db: Db, communityId: string, page: Page): Promise<Paged<CompromiseView> | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const { total } = await db.selectFrom("compromises").where("community_id", "=", communityId).select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("compromises as k")
    .innerJoin("blocks as b", "b.height", "k.height")
    .where("k.community_id", "=", communityId)
    .select(["k.community_id", "k.kind", "k.tx_id", "k.height", asText("b.timestamp").as("timestamp"), "k.box_id", "k.detail"])
    .orderBy("k.height").orderBy("k.tx_id").orderBy("k.kind").orderBy("k.box_id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const items = rows.map((r) => ({
    communityId: r.community_id, kind: r.kind as CompromiseKind, txId: r.tx_id, height: r.height, timestamp: Number(r.timestamp), boxId: r.box_id, detail: r.detail,
  }));
  return { total: Number(total), items };
}

/** Counts of every flag. */
export async function compromiseCounts(db: Db): Promise<CompromiseCounts> {
  const rows = await db.selectFrom("compromises").select(["kind", countAll().as("n")]).groupBy("kind").execute();
  const { n: communities } = await db.selectFrom("compromises").select(db.fn.count<number>("community_id").distinct().as("n")).executeTakeFirstOrThrow();
  const byKind = Object.fromEntries(COMPROMISE_KINDS.map((k) => [k, 0])) as Record<CompromiseKind, number>;
  for (const row of rows) if (row.kind in byKind) byKind[row.kind as CompromiseKind] = Number(row.n);
  return { total: Object.values(byKind).reduce((s, n) => s + n, 0), communities: Number(communities), byKind };
}
