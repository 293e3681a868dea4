/**
 * The underwriting rows (migration 0018, docs/underwriting.md): planned from each block's changes
 * with the batch (`planBatch`), written in the batch's transaction, undone with its blocks.
 * `underwriting_stakes` holds each stake's deal; its live box and its state are rebuilt from its
 * newest `underwriting_boxes` row and its `underwriting_events` after a write or an undo, so undoing is exact.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { NewStake, NewUnderwritingBox, NewUnderwritingEvent } from "../db/underwriting-schema.ts";
import type { Database } from "../db/schema.ts";
import type { BlockChanges } from "./lets-events.ts";
import type { MemoryLetsState } from "./memory-state.ts";
import { insertSlices, markSpent } from "./row-writes.ts";
import type { UnderwritingRecord } from "./underwriting-records.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What a batch adds to the underwriting tables. */
export interface UnderwritingRows {
  boxes: NewUnderwritingBox[];
  /** Underwriting boxes from before the batch that it spends. */
  spends: { boxId: string; height: number }[];
  offers: NewStake[];
  events: NewUnderwritingEvent[];
  /** The batch's own boxes by box id (a box made and spent in the batch is written spent). */
  made: Map<string, NewUnderwritingBox>;
}

export const emptyUnderwritingRows = (): UnderwritingRows => ({ boxes: [], spends: [], offers: [], events: [], made: new Map() });

/** Records that the batch spends underwriting box `boxId` at `height`; returns the stake, or undefined when `boxId` is none. */
export function spendUnderwritingRow(rows: UnderwritingRows, state: MemoryLetsState, boxId: string, height: number): UnderwritingRecord | undefined {
  const stake = state.underwriting(boxId);
  if (!stake) return undefined;
  const made = rows.made.get(boxId);
  if (made) made.spent_height = height;
  else rows.spends.push({ boxId, height });
  return stake;
}

/** Adds the rows of one block's underwriting changes. */
export function addUnderwritingRows(rows: UnderwritingRows, changes: BlockChanges, height: number, timestamp: bigint, txOf: ReadonlyMap<string, string>): void {
  for (const s of changes.underwritings) {
    const row: NewUnderwritingBox = {
      box_id: s.boxId, stake_id: s.id, version: s.version, state: s.state, community_id: s.communityId, account_id: s.accountId, tx_id: txOf.get(s.boxId) ?? "",
      height, stake_nano_erg: s.stakeNanoErg, creation_height: s.creationHeight, spent_height: null,
    };
    rows.made.set(s.boxId, row);
    rows.boxes.push(row);
  }
  for (const a of changes.underwritingActivities) {
    const s = a.stake;
    const txId = a.site.txId;
    if (a.kind === "offered") {
      rows.offers.push({
        stake_id: s.id, community_id: s.communityId, account_id: s.accountId, underwriter: s.underwriter, raise: s.raise, premium: s.premium,
        premium_account_id: s.premiumAccountId === "" ? null : s.premiumAccountId, stake_nano_erg: s.stakeNanoErg, state: "offer", box_id: s.boxId, version: 0,
        offered_height: height, offered_tx_id: txId, offered_timestamp: timestamp, accepted_height: null, accepted_tx_id: null, ended_height: null, ended_tx_id: null,
        exit_kind: null, lost_nano_erg: null, returned_nano_erg: null,
      });
    }
    const ended = a.kind === "cancelled" || a.kind === "withdrawn" || a.kind === "exited";
    rows.events.push({
      tx_id: txId, stake_id: s.id, height, timestamp, event: a.kind, box_id: ended ? null : s.boxId, stake_nano_erg: s.stakeNanoErg,
      exit_kind: a.exit?.kind ?? null, lost_nano_erg: a.exit?.lost ?? null, returned_nano_erg: a.exit?.returned ?? null,
    });
  }
}

/** Rewrites the live box and the state of the `underwriting_stakes` rows of `stakeIds` (all when undefined) from their boxes and events. */
async function refreshStakes(db: Db, stakeIds?: readonly string[]): Promise<void> {
  const which = (column: string) => (stakeIds === undefined ? sql`true` : sql`${sql.ref(column)} = any(${stakeIds}::text[])`);
  await sql`update underwriting_stakes as s set box_id = b.box_id, version = b.version
    from (select distinct on (stake_id) stake_id, box_id, version from underwriting_boxes where ${which("stake_id")} order by stake_id, version desc) as b
    where s.stake_id = b.stake_id`.execute(db);
  const last = (column: string, events: string) =>
    sql`(select ${sql.ref(`e.${column}`)} from underwriting_events as e where e.stake_id = s.stake_id and e.event in (${sql.raw(events)}) order by e.height desc limit 1)`;
  const has = (condition: string) => sql`exists (select 1 from underwriting_events as e where e.stake_id = s.stake_id and ${sql.raw(condition)})`;
  const ends = "'cancelled', 'withdrawn', 'exited'";
  await sql`update underwriting_stakes as s set
      accepted_height = ${last("height", "'accepted'")}, accepted_tx_id = ${last("tx_id", "'accepted'")},
      ended_height = ${last("height", ends)}, ended_tx_id = ${last("tx_id", ends)},
      exit_kind = ${last("exit_kind", "'exited'")}, lost_nano_erg = ${last("lost_nano_erg", "'exited'")}, returned_nano_erg = ${last("returned_nano_erg", "'exited'")},
      state = case
        when ${has("e.event = 'cancelled'")} then 'cancelled'
        when ${has("e.event = 'withdrawn'")} then 'withdrawn'
        when ${has("e.event = 'exited' and e.lost_nano_erg > 0")} then 'settled'
        when ${has("e.event = 'exited'")} then 'returned'
        when ${has("e.event = 'accepted'")} then 'active'
        else 'offer' end
    where ${which("s.stake_id")}`.execute(db);
}

/** Writes a batch's underwriting rows, then brings `underwriting_stakes` up to date. */
export async function writeUnderwritingRows(db: Db, rows: UnderwritingRows): Promise<void> {
  await markSpent(db, "underwriting_boxes", rows.spends);
  await insertSlices(db, "underwriting_boxes", rows.boxes);
  await insertSlices(db, "underwriting_stakes", rows.offers);
  await insertSlices(db, "underwriting_events", rows.events);
  const touched = [...new Set([...rows.boxes.map((b) => b.stake_id), ...rows.events.map((e) => e.stake_id)])];
  if (touched.length > 0) await refreshStakes(db, touched);
}

/** Undoes the underwriting rows of every block at `height` and above. */
export async function rollbackUnderwriting(db: Db, height: number): Promise<void> {
  const touched = (await db.selectFrom("underwriting_events").select("stake_id").distinct().where("height", ">=", height).execute()).map((r) => r.stake_id);
  await db.deleteFrom("underwriting_boxes").where("height", ">=", height).execute();
  await db.updateTable("underwriting_boxes").set({ spent_height: null }).where("spent_height", ">=", height).execute();
  await db.deleteFrom("underwriting_events").where("height", ">=", height).execute();
  await db.deleteFrom("underwriting_stakes").where("offered_height", ">=", height).execute();
  if (touched.length > 0) await refreshStakes(db, touched);
}

/** Loads into `view` the live underwriting boxes among `inputIds`, each with its stake's deal. */
export async function loadUnderwritingView(db: Db, view: MemoryLetsState, inputIds: readonly string[]): Promise<void> {
  const ids = inputIds.filter((id) => !view.has(id));
  if (ids.length === 0) return;
  const rows = await db.selectFrom("underwriting_boxes as b").innerJoin("underwriting_stakes as s", "s.stake_id", "b.stake_id")
    .select(["b.box_id", "b.stake_id", "b.version", "b.state", "b.stake_nano_erg", "b.creation_height", "s.community_id", "s.account_id", "s.underwriter", "s.raise", "s.premium", "s.premium_account_id"])
    .where(sql<boolean>`b.box_id = any(${ids}::text[])`).where("b.spent_height", "is", null).execute();
  for (const r of rows) {
    view.underwritings.set(r.box_id, {
      boxId: r.box_id, id: r.stake_id, version: r.version, state: r.state, stakeId: r.state === "active" ? r.stake_id : null, underwriter: r.underwriter,
      accountId: r.account_id, communityId: r.community_id, raise: BigInt(r.raise), premium: BigInt(r.premium), premiumAccountId: r.premium_account_id ?? "",
      stakeNanoErg: BigInt(r.stake_nano_erg), creationHeight: r.creation_height,
    });
  }
}
