/**
 * The exchange desk's rows (migration 0016, docs/desk.md): planned from each block's changes with
 * the batch (`planBatch`), written in the batch's transaction, undone with its blocks. `desks` is a
 * cache of each desk's newest `desk_states` row, rebuilt from it after a write or an undo, so
 * undoing blocks is exact: what is left of the states says what the desk is.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { NewDeskEvent, NewDeskOracleBox, NewDeskState, NewDeskTrade, DeskRow } from "../db/desk-schema.ts";
import type { Database } from "../db/schema.ts";
import { deskPendingJson, deskPendingOf, deskTermsJson, deskTermsOf } from "../db/desk-json.ts";
import type { DeskRecord } from "./desk-records.ts";
import type { BlockChanges } from "./lets-events.ts";
import type { MemoryLetsState } from "./memory-state.ts";
import { insertSlices, markSpent } from "./row-writes.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What a batch adds to the desk's tables. */
export interface DeskRows {
  states: NewDeskState[];
  /** Desk boxes from before the batch that it spends. */
  spends: { boxId: string; height: number }[];
  trades: NewDeskTrade[];
  events: NewDeskEvent[];
  oracleBoxes: NewDeskOracleBox[];
  /** The batch's own states by box id (a box made and spent in the batch is written spent). */
  made: Map<string, NewDeskState>;
}

export const emptyDeskRows = (): DeskRows => ({ states: [], spends: [], trades: [], events: [], oracleBoxes: [], made: new Map() });

/** Records that the batch spends desk box `boxId` at `height`; returns the desk, or undefined when `boxId` is none. */
export function spendDeskRow(rows: DeskRows, state: MemoryLetsState, boxId: string, height: number): DeskRecord | undefined {
  const desk = state.desk(boxId);
  if (!desk) return undefined;
  const made = rows.made.get(boxId);
  if (made) made.spent_height = height;
  else rows.spends.push({ boxId, height });
  return desk;
}

/** Adds the rows of one block's desk changes. */
export function addDeskRows(rows: DeskRows, changes: BlockChanges, height: number, timestamp: bigint, txOf: ReadonlyMap<string, string>): void {
  for (const d of changes.desks) {
    const row: NewDeskState = {
      box_id: d.boxId, desk_id: d.deskId, version: d.version, community_id: d.communityId, tx_id: txOf.get(d.boxId) ?? "", height, timestamp,
      terms: JSON.stringify(deskTermsJson(d.terms)), pending: deskPendingJson(d.pending), balance: d.balance, reserve_nano_erg: d.reserveNanoErg,
      committee: d.committee, last_price: d.lastPrice, creation_height: d.creationHeight, spent_height: null,
    };
    rows.made.set(d.boxId, row);
    rows.states.push(row);
  }
  for (const a of changes.deskActivities) {
    const at = { tx_id: a.site.txId, desk_id: a.desk.deskId, community_id: a.desk.communityId, height, position: a.position, timestamp };
    const t = a.trade;
    if (t) {
      rows.trades.push({ ...at, side: t.side, account_id: t.accountId, units: t.units, nano_erg: t.nanoErg, price: t.price, oracle_box_id: t.oracleBoxId, fee_nano_erg: t.feeNanoErg });
    }
    a.notes.forEach((n, seq) => rows.events.push({
      ...at, seq, kind: n.kind, nano_erg: n.nanoErg ?? null, terms: n.terms ? JSON.stringify(deskTermsJson(n.terms)) : null,
      effective_height: n.effectiveHeight ?? null, committee: n.committee ?? null,
    }));
  }
  for (const o of changes.oracleBoxes) {
    rows.oracleBoxes.push({ box_id: o.boxId, nft: o.nft, nano_erg_per_usd: o.nanoErgPerUsd, creation_height: o.creationHeight, tx_id: txOf.get(o.boxId) ?? "", height });
  }
}


const DESK_COLUMNS = sql`box_id = s.box_id, terms = s.terms, pending = s.pending, balance = s.balance, reserve_nano_erg = s.reserve_nano_erg,
  committee = s.committee, last_price = s.last_price, creation_height = s.creation_height, version = s.version, updated_height = s.height`;

/** Rewrites the `desks` rows of `deskIds` (all when undefined) from their newest state. */
async function refreshDesks(db: Db, deskIds?: readonly string[]): Promise<void> {
  const which = deskIds === undefined ? sql`true` : sql`desk_id = any(${deskIds}::text[])`;
  await sql`update desks as d set ${DESK_COLUMNS}
    from (select distinct on (desk_id) * from desk_states where ${which} order by desk_id, version desc) as s
    where d.desk_id = s.desk_id`.execute(db);
}

/** Writes a batch's desk rows, then brings `desks` up to date. */
export async function writeDeskRows(db: Db, rows: DeskRows): Promise<void> {
  await markSpent(db, "desk_states", rows.spends);
  await insertSlices(db, "desk_states", rows.states);
  await insertSlices(db, "desk_trades", rows.trades);
  await insertSlices(db, "desk_events", rows.events);
  await insertSlices(db, "desk_oracle_boxes", rows.oracleBoxes);
  const touched = [...new Set(rows.states.map((s) => s.desk_id))];
  if (touched.length === 0) return;
  await sql`insert into desks (desk_id, community_id, box_id, opened_height, opened_tx_id, terms, pending, balance, reserve_nano_erg, committee,
      last_price, creation_height, version, updated_height)
    select desk_id, community_id, box_id, height, tx_id, terms, pending, balance, reserve_nano_erg, committee, last_price, creation_height, version, height
    from desk_states where version = 0 and desk_id = any(${touched}::text[])
    on conflict (desk_id) do nothing`.execute(db);
  await refreshDesks(db, touched);
}

/** Undoes the desk rows of every block at `height` and above. */
export async function rollbackDesks(db: Db, height: number): Promise<void> {
  for (const table of ["desk_states", "desk_trades", "desk_events", "desk_oracle_boxes"] as const) await db.deleteFrom(table).where("height", ">=", height).execute();
  await db.updateTable("desk_states").set({ spent_height: null }).where("spent_height", ">=", height).execute();
  await db.deleteFrom("desks").where("opened_height", ">=", height).execute();
  await refreshDesks(db);
}

/** Sum of the live desks' balances per community, for the books. */
export async function deskBalances(db: Db, communityIds: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await db.selectFrom("desks").select(["community_id", sql<string>`sum(balance)::text`.as("sum")])
    .where(sql<boolean>`community_id = any(${communityIds}::text[])`).groupBy("community_id").execute();
  return new Map(rows.map((r) => [r.community_id, BigInt(r.sum)]));
}

/** The desk record of a `desks` row. */
export function deskFromRow(r: DeskRow): DeskRecord {
  return {
    boxId: r.box_id, deskId: r.desk_id, communityId: r.community_id, terms: deskTermsOf(JSON.parse(r.terms) as Record<string, string>),
    pending: deskPendingOf(r.pending), balance: BigInt(r.balance), committee: r.committee, reserveNanoErg: BigInt(r.reserve_nano_erg),
    creationHeight: r.creation_height, version: r.version, lastPrice: r.last_price === null ? null : BigInt(r.last_price),
  };
}

/**
 * Loads into `view` what the desk part of a batch reads: the live desks among `inputIds`, the oracle
 * pool boxes among `readIds`, and every pool NFT a desk names (a handful of rows: a desk per community).
 */
export async function loadDeskView(db: Db, view: MemoryLetsState, inputIds: readonly string[], readIds: readonly string[]): Promise<void> {
  const desks = await db.selectFrom("desks").selectAll().execute();
  for (const row of desks) {
    const desk = deskFromRow(row);
    for (const nft of [desk.terms.oracleNft, desk.pending?.terms.oracleNft ?? ""]) if (nft !== "") view.oracleNfts.add(nft);
    if (inputIds.includes(row.box_id) && !view.has(row.box_id)) view.desks.set(row.box_id, desk);
  }
  const unread = readIds.filter((id) => !view.oracleBoxes.has(id));
  if (unread.length === 0) return;
  const pools = await db.selectFrom("desk_oracle_boxes").selectAll().where(sql<boolean>`box_id = any(${unread}::text[])`).execute();
  for (const p of pools) view.oracleBoxes.set(p.box_id, { boxId: p.box_id, nft: p.nft, nanoErgPerUsd: BigInt(p.nano_erg_per_usd), creationHeight: p.creation_height });
}
