/**
 * The escrows' rows (migration 0017, docs/escrow.md): planned from each block's changes with the
 * batch (`planBatch`), written in the batch's transaction, undone with its blocks. `escrows` holds
 * each escrow's newest `escrow_boxes` row, rebuilt from it after a write or an undo; an order's
 * settlement columns are cleared when the block that settled it is undone, so undoing is exact.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { NewEscrow, NewEscrowBox, NewEscrowOrder } from "../db/escrow-schema.ts";
import type { Database } from "../db/schema.ts";
import type { EscrowOutcome, EscrowRecord } from "./escrow-records.ts";
import type { BlockChanges } from "./lets-events.ts";
import type { MemoryLetsState } from "./memory-state.ts";
import { insertSlices, markSpent } from "./row-writes.ts";

type Db = Kysely<Database> | Transaction<Database>;

interface Settle {
  orderId: string;
  height: number;
  txId: string;
  timestamp: bigint;
  released: bigint;
  returned: bigint;
  outcome: EscrowOutcome;
}

/** What a batch adds to the escrow tables. */
export interface EscrowRows {
  boxes: NewEscrowBox[];
  /** Escrow boxes from before the batch that it spends. */
  spends: { boxId: string; height: number }[];
  opens: NewEscrow[];
  closes: { escrowId: string; height: number; txId: string }[];
  commits: NewEscrowOrder[];
  settles: Settle[];
  /** The batch's own boxes by box id (a box made and spent in the batch is written spent). */
  made: Map<string, NewEscrowBox>;
}

export const emptyEscrowRows = (): EscrowRows => ({ boxes: [], spends: [], opens: [], closes: [], commits: [], settles: [], made: new Map() });

/** Records that the batch spends escrow box `boxId` at `height`; returns the escrow, or undefined when `boxId` is none. */
export function spendEscrowRow(rows: EscrowRows, state: MemoryLetsState, boxId: string, height: number): EscrowRecord | undefined {
  const escrow = state.escrow(boxId);
  if (!escrow) return undefined;
  const made = rows.made.get(boxId);
  if (made) made.spent_height = height;
  else rows.spends.push({ boxId, height });
  return escrow;
}

/** Adds the rows of one block's escrow changes. */
export function addEscrowRows(rows: EscrowRows, changes: BlockChanges, height: number, timestamp: bigint, txOf: ReadonlyMap<string, string>): void {
  for (const e of changes.escrows) {
    const row: NewEscrowBox = {
      box_id: e.boxId, escrow_id: e.escrowId, version: e.version, community_id: e.communityId, tx_id: txOf.get(e.boxId) ?? "", height, balance: e.balance,
      deposit_nano_erg: e.depositNanoErg, order_id: e.orderId, owner: e.owner, creation_height: e.creationHeight, spent_height: null,
    };
    rows.made.set(e.boxId, row);
    rows.boxes.push(row);
  }
  for (const a of changes.escrowActivities) {
    const e = a.escrow;
    const txId = a.site.txId;
    if (a.kind === "opened") {
      rows.opens.push({
        escrow_id: e.escrowId, community_id: e.communityId, owner: e.owner, account_id: a.openerId ?? "", opened_height: height, opened_tx_id: txId,
        opened_timestamp: timestamp, closed_height: null, closed_tx_id: null, box_id: e.boxId, version: e.version, balance: e.balance,
        deposit_nano_erg: e.depositNanoErg, order_id: e.orderId,
      });
    } else if (a.kind === "closed") rows.closes.push({ escrowId: e.escrowId, height, txId });
    if (a.order && (a.kind === "commit" || a.kind === "claim")) {
      const o = a.order;
      rows.commits.push({
        order_id: o.orderId, escrow_id: e.escrowId, community_id: e.communityId, payer_id: o.payerId, payee_id: o.payeeId, max_units: o.max,
        minimum_units: o.minimum, deadline: o.deadline, reference: o.reference, committed_height: height, committed_tx_id: txId,
        committed_timestamp: timestamp, status: "open", settled_height: null, settled_tx_id: null, settled_timestamp: null,
        released_units: null, returned_units: null, outcome: null,
      });
    }
    if (a.settlement) {
      const s = a.settlement;
      rows.settles.push({ orderId: s.orderId, height, txId, timestamp, released: s.released, returned: s.returned, outcome: s.outcome });
    }
  }
}


/** Rewrites the `escrows` rows of `escrowIds` (all when undefined) from their newest box. */
async function refreshEscrows(db: Db, escrowIds?: readonly string[]): Promise<void> {
  const which = escrowIds === undefined ? sql`true` : sql`escrow_id = any(${escrowIds}::text[])`;
  await sql`update escrows as e set box_id = s.box_id, version = s.version, balance = s.balance, deposit_nano_erg = s.deposit_nano_erg, order_id = s.order_id
    from (select distinct on (escrow_id) * from escrow_boxes where ${which} order by escrow_id, version desc) as s
    where e.escrow_id = s.escrow_id`.execute(db);
}

/** Writes a batch's escrow rows in block order (an order committed and settled in one batch is inserted, then settled), then brings `escrows` up to date. */
export async function writeEscrowRows(db: Db, rows: EscrowRows): Promise<void> {
  await markSpent(db, "escrow_boxes", rows.spends);
  await insertSlices(db, "escrow_boxes", rows.boxes);
  await insertSlices(db, "escrows", rows.opens);
  await insertSlices(db, "escrow_orders", rows.commits);
  for (const s of rows.settles) {
    await db.updateTable("escrow_orders").set({
      status: "settled", settled_height: s.height, settled_tx_id: s.txId, settled_timestamp: s.timestamp, released_units: s.released, returned_units: s.returned, outcome: s.outcome,
    }).where("order_id", "=", s.orderId).execute();
  }
  for (const c of rows.closes) await db.updateTable("escrows").set({ closed_height: c.height, closed_tx_id: c.txId }).where("escrow_id", "=", c.escrowId).execute();
  const touched = [...new Set(rows.boxes.map((b) => b.escrow_id))];
  if (touched.length > 0) await refreshEscrows(db, touched);
}

/** Undoes the escrow rows of every block at `height` and above. */
export async function rollbackEscrows(db: Db, height: number): Promise<void> {
  await db.deleteFrom("escrow_boxes").where("height", ">=", height).execute();
  await db.updateTable("escrow_boxes").set({ spent_height: null }).where("spent_height", ">=", height).execute();
  await db.deleteFrom("escrow_orders").where("committed_height", ">=", height).execute();
  await db.updateTable("escrow_orders").set({
    status: "open", settled_height: null, settled_tx_id: null, settled_timestamp: null, released_units: null, returned_units: null, outcome: null,
  }).where("settled_height", ">=", height).execute();
  await db.deleteFrom("escrows").where("opened_height", ">=", height).execute();
  await db.updateTable("escrows").set({ closed_height: null, closed_tx_id: null }).where("closed_height", ">=", height).execute();
  await refreshEscrows(db);
}

/** Sum of the open escrows' balances per community, for the books. */
export async function escrowBalances(db: Db, communityIds: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await db.selectFrom("escrows").select(["community_id", sql<string>`sum(balance)::text`.as("sum")])
    .where(sql<boolean>`community_id = any(${communityIds}::text[])`).where("closed_height", "is", null).groupBy("community_id").execute();
  return new Map(rows.map((r) => [r.community_id, BigInt(r.sum)]));
}

/** Loads into `view` the live escrow boxes among `inputIds`, each with its open order's terms. */
export async function loadEscrowView(db: Db, view: MemoryLetsState, inputIds: readonly string[]): Promise<void> {
  const ids = inputIds.filter((id) => !view.has(id));
  if (ids.length === 0) return;
  const rows = await db.selectFrom("escrow_boxes as b").leftJoin("escrow_orders as o", "o.order_id", "b.order_id")
    .select(["b.box_id", "b.escrow_id", "b.version", "b.community_id", "b.balance", "b.deposit_nano_erg", "b.order_id", "b.owner", "b.creation_height",
      "o.payer_id", "o.payee_id", "o.max_units", "o.minimum_units", "o.deadline", "o.reference"])
    .where(sql<boolean>`b.box_id = any(${ids}::text[])`).where("b.spent_height", "is", null).execute();
  for (const r of rows) {
    const order = r.order_id === null || r.payer_id === null ? null : {
      max: BigInt(r.max_units!), minimum: BigInt(r.minimum_units!), deadline: BigInt(r.deadline!), payerId: r.payer_id, payeeId: r.payee_id!, reference: r.reference!,
    };
    view.escrows.set(r.box_id, {
      boxId: r.box_id, escrowId: r.escrow_id, communityId: r.community_id, balance: BigInt(r.balance), owner: r.owner, order,
      depositNanoErg: BigInt(r.deposit_nano_erg), creationHeight: r.creation_height, version: r.version, orderId: r.order_id,
    });
  }
}
