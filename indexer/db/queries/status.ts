/** Where the sync is: the cursor (highest indexed block) and what has been indexed so far. */
import { asText, countAll, type Db } from "./common.ts";
import { compromiseCounts, type CompromiseCounts } from "./compromises.ts";

/** The cursor and counts; `height` 0 and nulls before the first block. */
export interface SyncView {
  height: number;
  blockId: string | null;
  timestamp: number | null;
  communities: number;
  ignoredBoxes: number;
  compromises: CompromiseCounts;
}

/** The cursor and what has been indexed so far. */
export async function syncStatus(db: Db): Promise<SyncView> {
  const tip = await db.selectFrom("blocks").select(["height", "block_id", asText("timestamp").as("timestamp")]).orderBy("height", "desc").limit(1).executeTakeFirst();
  const communities = await db.selectFrom("communities").select(countAll().as("n")).executeTakeFirstOrThrow();
  const ignored = await db.selectFrom("ignored_boxes").select(countAll().as("n")).executeTakeFirstOrThrow();
  return {
    height: tip?.height ?? 0,
    blockId: tip?.block_id ?? null,
    timestamp: tip ? Number(tip.timestamp) : null,
    communities: Number(communities.n),
    ignoredBoxes: Number(ignored.n),
    compromises: await compromiseCounts(db),
  };
}
