/**
 * Blocks and search, for the explorer's block page and search box. The indexer keeps every block it
 * synced (height, id, parent, time: the `blocks` table, for reorgs) and the LETS events of each,
 * so it answers both without the node: the node knows a block's transactions but not which of them
 * are LETS ones. Every lookup is by a primary key or a unique or indexed column, except the
 * community name, which is a scan of the live community boxes (one per community).
 */
import { sql } from "kysely";
import { getAccount, accountsByOwner, type AccountView } from "./accounts.ts";
import { asText, type Db } from "./common.ts";

/** A LETS transaction of a block: its id, community and what it did (its first event). */
export interface BlockTransactionView {
  txId: string;
  communityId: string;
  kind: string;
}

export interface BlockView {
  height: number;
  blockId: string;
  parentId: string;
  timestamp: number;
  /** The block's LETS transactions, by id (the indexer does not keep their order in the block). */
  transactions: BlockTransactionView[];
}

/** The transactions (first event of each) at `height`. */
async function transactionsAt(db: Db, height: number): Promise<BlockTransactionView[]> {
  const rows = await db.selectFrom("events").select(["tx_id", "community_id", "kind"])
    .where("height", "=", height).where("seq", "=", 0).orderBy("tx_id").execute();
  return rows.map((r) => ({ txId: r.tx_id, communityId: r.community_id, kind: r.kind }));
}

/** A synced block by height or by id (64 lowercase hex digits), or undefined. */
export async function getBlock(db: Db, key: { height: number } | { blockId: string }): Promise<BlockView | undefined> {
  const q = db.selectFrom("blocks").select(["height", "block_id", "parent_id", asText("timestamp").as("timestamp")]);
  const row = await ("height" in key ? q.where("height", "=", key.height) : q.where("block_id", "=", key.blockId)).executeTakeFirst();
  if (!row) return undefined;
  return { height: row.height, blockId: row.block_id, parentId: row.parent_id, timestamp: Number(row.timestamp), transactions: await transactionsAt(db, row.height) };
}

/** What matched in a community: its id, its name (any part, any case) or its symbol (whole, any case). */
export type CommunityMatchField = "id" | "name" | "symbol";

export interface CommunityMatchView {
  communityId: string;
  name: string;
  symbol: string;
  matched: CommunityMatchField;
}

export interface TransactionMatchView extends BlockTransactionView {
  height: number;
}

export interface BlockMatchView {
  height: number;
  blockId: string;
  timestamp: number;
}

export interface SearchView {
  communities: CommunityMatchView[];
  accounts: AccountView[];
  transactions: TransactionMatchView[];
  blocks: BlockMatchView[];
}

/** How many of each kind a search answers at most. */
export const SEARCH_LIMIT = 20;

/**
 * Everything `text` names: with 64 hex digits, the community, account, LETS transaction or block of
 * that id; with digits only, the block at that height; with an owner (`08cd…`, the caller decodes an
 * address), that owner's accounts; and communities whose name contains the text or whose symbol is it.
 */
export async function search(db: Db, text: string, owner?: string): Promise<SearchView> {
  const id = /^[0-9a-f]{64}$/i.test(text) ? text.toLowerCase() : undefined;
  const height = /^[0-9]{1,10}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined;
  const needle = text.toLowerCase();

  const live = await db.selectFrom("community_boxes").select(["community_id", "metadata"])
    .where("spent_height", "is", null)
    .where((eb) => eb.or([
      ...(id ? [eb("community_id", "=", id)] : []),
      eb(sql`strpos(lower(metadata::json->>'name'), ${needle})`, ">", 0),
      eb(sql`lower(metadata::json->>'symbol')`, "=", needle),
    ]))
    .orderBy("community_id").limit(SEARCH_LIMIT).execute();
  const communities = live.map((r): CommunityMatchView => {
    const meta = JSON.parse(r.metadata) as { name?: unknown; symbol?: unknown };
    const name = String(meta.name ?? ""), symbol = String(meta.symbol ?? "");
    const matched: CommunityMatchField = r.community_id === id ? "id" : symbol.toLowerCase() === needle ? "symbol" : "name";
    return { communityId: r.community_id, name, symbol, matched };
  });
  // Exact matches first, then symbols, then names.
  const rank: Record<CommunityMatchField, number> = { id: 0, symbol: 1, name: 2 };
  communities.sort((a, b) => rank[a.matched] - rank[b.matched] || a.name.localeCompare(b.name));

  const accounts: AccountView[] = [];
  if (id) {
    const account = await getAccount(db, id);
    if (account) accounts.push(account);
  }
  if (owner) accounts.push(...(await accountsByOwner(db, owner)).slice(0, SEARCH_LIMIT));

  const transactions: TransactionMatchView[] = [];
  if (id) {
    const row = await db.selectFrom("events").select(["tx_id", "community_id", "kind", "height"]).where("tx_id", "=", id).where("seq", "=", 0).executeTakeFirst();
    if (row) transactions.push({ txId: row.tx_id, communityId: row.community_id, kind: row.kind, height: row.height });
  }

  const blocks: BlockMatchView[] = [];
  if (id || height !== undefined) {
    const q = db.selectFrom("blocks").select(["height", "block_id", asText("timestamp").as("timestamp")]);
    const row = await (id ? q.where("block_id", "=", id) : q.where("height", "=", height!)).executeTakeFirst();
    if (row) blocks.push({ height: row.height, blockId: row.block_id, timestamp: Number(row.timestamp) });
  }
  return { communities, accounts, transactions, blocks };
}
