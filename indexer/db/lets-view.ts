/** Loads, for one block, the LETS state it can read: live boxes it spends and the communities its outputs name. */
import type { Kysely, Transaction } from "kysely";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import type { ChainBlock } from "../sync/apply-block.ts";
import { MemoryLetsState } from "../sync/memory-state.ts";
import { accountFromRow, communityFromRow } from "./records.ts";
import type { Database } from "./schema.ts";

const CHUNK = 5_000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The view `applyBlock` needs for `block`, read from the database. */
export async function loadView(db: Kysely<Database> | Transaction<Database>, block: ChainBlock): Promise<MemoryLetsState> {
  const view = new MemoryLetsState();
  const inputIds = [...new Set(block.transactions.flatMap((t) => t.inputs.map((i) => i.boxId)))];
  const letsOutputs = block.transactions.flatMap((t) => t.outputs).filter((o) => o.ergoTree === ACCOUNT_ERGO_TREE || o.ergoTree === COMMUNITY_ERGO_TREE);
  const tokenIds = [...new Set(letsOutputs.flatMap((o) => (o.assets ?? []).map((a) => a.tokenId)))];
  for (const ids of chunks(inputIds)) {
    const accounts = await db.selectFrom("account_boxes").selectAll().where("box_id", "in", ids).where("spent_height", "is", null).execute();
    for (const row of accounts) view.accounts.set(row.box_id, accountFromRow(row));
    const communities = await db.selectFrom("community_boxes").selectAll().where("box_id", "in", ids).where("spent_height", "is", null).execute();
    for (const row of communities) view.communities.set(row.box_id, communityFromRow(row));
  }
  for (const ids of chunks(tokenIds)) {
    const valid = await db.selectFrom("communities").select("community_id").where("community_id", "in", ids).execute();
    for (const row of valid) view.validCommunities.add(row.community_id);
  }
  return view;
}
