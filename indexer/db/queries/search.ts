/**
 * Blocks and search, for the explorer's block page and search box. The indexer keeps every block it
 * synced (height, id, parent, time: the `blocks` table, for reorgs) and the LETS events of each
 * (and the cross payments and line events of a transaction with no community event: trade lines),
 * so it answers both without the node: the node knows a block's transactions but not which of them
 * are LETS ones. Every lookup is by a primary key or a unique or indexed column, except the
 * community name, which is a scan of the live community boxes (one per community). An id may be
 * given whole, by its first 8 hex digits or more, or shortened as the explorer prints it
 * ("3f2a9c…b81e"): a range on the id column's index (`id-pattern.ts`).
 */
import { sql } from "kysely";
import { getAccount, accountsByOwner, type AccountView } from "./accounts.ts";
import { accountsNamed } from "./profiles.ts";
import { asText, type Db } from "./common.ts";
import { fitsPattern, idMatches, idPattern, type IdPattern } from "./id-pattern.ts";
import { lineOnlyKind } from "./transactions.ts";

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

/** The condition that no community event has the transaction id in `column` (qualified: `events` is aliased here). */
const noEvent = (column: string) => sql<boolean>`not exists (select 1 from events as x where x.tx_id = ${sql.ref(column)})`;

/**
 * The transactions with no community event (a cross payment alone, a line action or refresh) at `height` or
 * whose id fits `id` (at most `SEARCH_LIMIT`), by id, each with the kind and community
 * `/transactions/{txId}` gives it (`lineOnlyKind`). Found through the height indexes of
 * `cross_payments` and `line_events`, or by id through the primary key of `cross_payments` and a
 * scan of `line_events` (a handful of committee actions per line).
 */
async function lineOnlyTransactions(db: Db, at: { height: number } | { id: IdPattern }): Promise<TransactionMatchView[]> {
  const fits = "height" in at ? sql<boolean>`t.height = ${at.height}` : idMatches("t.tx_id", at.id);
  let union = db.selectFrom("cross_payments as t").select(["t.tx_id", "t.height"]).where(fits).where(noEvent("t.tx_id"))
    .union(db.selectFrom("line_events as t").select(["t.tx_id", "t.height"]).where(fits).where(noEvent("t.tx_id")))
    .orderBy("tx_id");
  if ("id" in at) union = union.limit(SEARCH_LIMIT);
  const found = await union.execute();
  if (found.length === 0) return [];
  const txIds = found.map((r) => r.tx_id);
  const [payers, actors] = await Promise.all([
    db.selectFrom("cross_payments").select(["tx_id", "payer_community"]).where("tx_id", "in", txIds).orderBy("tx_id").orderBy("leg").execute(),
    db.selectFrom("line_events as e").innerJoin("lines as l", "l.line_id", "e.line_id").select(["e.tx_id", "e.side", "l.community_a", "l.community_b"])
      .where("e.tx_id", "in", txIds).orderBy("e.tx_id").orderBy("e.line_id").orderBy("e.seq").execute(),
  ]);
  return found.map((r) => {
    const lines = actors.filter((e) => e.tx_id === r.tx_id)
      .map((e) => ({ communityA: e.community_a, communityId: e.side === null ? null : e.side === 0 ? e.community_a : e.community_b }));
    const { kind, communityId } = lineOnlyKind(payers.filter((p) => p.tx_id === r.tx_id).map((p) => p.payer_community), lines);
    return { txId: r.tx_id, communityId, kind, height: r.height };
  });
}

/** The first of each transaction's events and the transactions with none (`lineOnlyTransactions`), by id. */
function byTxId<T extends { txId: string }>(withEvents: readonly T[], lineOnly: readonly T[]): T[] {
  return [...withEvents, ...lineOnly].sort((a, b) => (a.txId < b.txId ? -1 : 1));
}

/** The transactions (first event of each, or the kind `lineOnlyKind` gives one with none) at `height`. */
async function transactionsAt(db: Db, height: number): Promise<BlockTransactionView[]> {
  const [rows, lineOnly] = await Promise.all([
    db.selectFrom("events").select(["tx_id", "community_id", "kind"]).where("height", "=", height).where("seq", "=", 0).orderBy("tx_id").execute(),
    lineOnlyTransactions(db, { height }),
  ]);
  const withEvents = rows.map((r) => ({ txId: r.tx_id, communityId: r.community_id, kind: r.kind }));
  return byTxId(withEvents, lineOnly.map(({ height: _h, ...t }) => t));
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

/** A box of an account or of a community, by its id: the transaction that made it, and whether it is spent. */
export interface BoxMatchView {
  boxId: string;
  kind: "account" | "community";
  communityId: string;
  /** The account whose box it is; null for a community box. */
  accountId: string | null;
  txId: string;
  createdHeight: number;
  spentHeight: number | null;
}

export interface SearchView {
  communities: CommunityMatchView[];
  accounts: AccountView[];
  transactions: TransactionMatchView[];
  blocks: BlockMatchView[];
  boxes: BoxMatchView[];
}

/** How many of each kind a search answers at most. */
export const SEARCH_LIMIT = 20;

/** Live communities whose id fits `id`, whose symbol is `needle` or whose name contains it; ids first, then symbols, then names. */
async function communitiesMatching(db: Db, needle: string, id: IdPattern | undefined): Promise<CommunityMatchView[]> {
  const live = await db.selectFrom("community_boxes").select(["community_id", "metadata"])
    .where("spent_height", "is", null)
    .where((eb) => eb.or([
      ...(id ? [idMatches("community_id", id)] : []),
      eb(sql`strpos(lower(metadata::json->>'name'), ${needle})`, ">", 0),
      eb(sql`lower(metadata::json->>'symbol')`, "=", needle),
    ]))
    .orderBy("community_id").limit(SEARCH_LIMIT).execute();
  const communities = live.map((r): CommunityMatchView => {
    const meta = JSON.parse(r.metadata) as { name?: unknown; symbol?: unknown };
    const name = String(meta.name ?? ""), symbol = String(meta.symbol ?? "");
    const matched: CommunityMatchField = id && fitsPattern(r.community_id, id) ? "id" : symbol.toLowerCase() === needle ? "symbol" : "name";
    return { communityId: r.community_id, name, symbol, matched };
  });
  const rank: Record<CommunityMatchField, number> = { id: 0, symbol: 1, name: 2 };
  return communities.sort((a, b) => rank[a.matched] - rank[b.matched] || a.name.localeCompare(b.name));
}

/** Accounts whose id fits `id` (any status: every account has a box), by id. */
async function accountsByName(db: Db, text: string): Promise<AccountView[]> {
  const ids = await accountsNamed(db, text, SEARCH_LIMIT);
  const accounts = await Promise.all(ids.map((accountId) => getAccount(db, accountId)));
  return accounts.filter((a): a is AccountView => a !== undefined);
}

async function accountsMatching(db: Db, id: IdPattern): Promise<AccountView[]> {
  const rows = await db.selectFrom("account_boxes").select("account_id").distinct()
    .where(idMatches("account_id", id)).orderBy("account_id").limit(SEARCH_LIMIT).execute();
  const accounts = await Promise.all(rows.map((r) => getAccount(db, r.account_id)));
  return accounts.filter((a): a is AccountView => a !== undefined);
}

/** LETS transactions whose id fits `id` (the first event of each, or the kind `lineOnlyKind` gives one with none), by id. */
async function transactionsMatching(db: Db, id: IdPattern): Promise<TransactionMatchView[]> {
  const [rows, lineOnly] = await Promise.all([
    db.selectFrom("events").select(["tx_id", "community_id", "kind", "height"])
      .where(idMatches("tx_id", id)).where("seq", "=", 0).orderBy("tx_id").limit(SEARCH_LIMIT).execute(),
    lineOnlyTransactions(db, { id }),
  ]);
  const withEvents = rows.map((r) => ({ txId: r.tx_id, communityId: r.community_id, kind: r.kind, height: r.height }));
  return byTxId(withEvents, lineOnly).slice(0, SEARCH_LIMIT);
}

/** Synced blocks whose id fits `id` or at `height`, lowest first. */
async function blocksMatching(db: Db, id: IdPattern | undefined, height: number | undefined): Promise<BlockMatchView[]> {
  if (!id && height === undefined) return [];
  const rows = await db.selectFrom("blocks").select(["height", "block_id", asText("timestamp").as("timestamp")])
    .where((eb) => eb.or([...(id ? [idMatches("block_id", id)] : []), ...(height !== undefined ? [eb("height", "=", height)] : [])]))
    .orderBy("height").limit(SEARCH_LIMIT).execute();
  return rows.map((r) => ({ height: r.height, blockId: r.block_id, timestamp: Number(r.timestamp) }));
}

/**
 * Account and community boxes whose id fits `id`, by id. A join spends the community box and the
 * new account takes that box's id as its own, so such a box is found as the account, not again here.
 */
async function boxesMatching(db: Db, id: IdPattern): Promise<BoxMatchView[]> {
  const [accountBoxes, communityBoxes] = await Promise.all([
    db.selectFrom("account_boxes").select(["box_id", "community_id", "account_id", "tx_id", "created_height", "spent_height"])
      .where(idMatches("box_id", id)).orderBy("box_id").limit(SEARCH_LIMIT).execute(),
    db.selectFrom("community_boxes as c").select(["c.box_id", "c.community_id", "c.tx_id", "c.created_height", "c.spent_height"])
      .where(idMatches("c.box_id", id))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("account_boxes as a").select("a.box_id").whereRef("a.account_id", "=", "c.box_id"))))
      .orderBy("c.box_id").limit(SEARCH_LIMIT).execute(),
  ]);
  const boxes: BoxMatchView[] = [
    ...accountBoxes.map((b) => ({ boxId: b.box_id, kind: "account" as const, communityId: b.community_id, accountId: b.account_id, txId: b.tx_id, createdHeight: b.created_height, spentHeight: b.spent_height })),
    ...communityBoxes.map((b) => ({ boxId: b.box_id, kind: "community" as const, communityId: b.community_id, accountId: null, txId: b.tx_id, createdHeight: b.created_height, spentHeight: b.spent_height })),
  ];
  return boxes.sort((a, b) => (a.boxId < b.boxId ? -1 : 1)).slice(0, SEARCH_LIMIT);
}

/**
 * Everything `text` names: with an id (whole, its first 8 hex digits or more, or shortened as
 * "3f2a9c…b81e"; `idPattern`), the communities, accounts, LETS transactions, blocks and boxes whose
 * id fits it; with digits only, the block at that height; with an owner (`08cd…`, the caller
 * decodes an address), that owner's accounts; open accounts whose display name contains the text
 * (2 characters or more); and communities whose name contains the text or whose symbol is it.
 */
export async function search(db: Db, text: string, owner?: string): Promise<SearchView> {
  const id = idPattern(text);
  const height = /^[0-9]{1,10}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined;
  const [communities, byId, byOwner, byName, transactions, blocks, boxes] = await Promise.all([
    communitiesMatching(db, text.toLowerCase(), id),
    id ? accountsMatching(db, id) : [],
    owner ? accountsByOwner(db, owner) : [],
    !id && !owner && [...text].length >= 2 ? accountsByName(db, text) : [],
    id ? transactionsMatching(db, id) : [],
    blocksMatching(db, id, height),
    id ? boxesMatching(db, id) : [],
  ]);
  return { communities, accounts: [...byId, ...byOwner.slice(0, SEARCH_LIMIT), ...byName], transactions, blocks, boxes };
}
