/**
 * Writes one block's LETS changes, and undoes blocks for reorgs. Callers run each inside one
 * database transaction together with the `blocks` row, so the cursor (the highest block) and the
 * LETS state always agree, whatever moment a crash comes.
 */
import type { Kysely, Transaction } from "kysely";
import type { ChainBlock } from "../sync/apply-block.ts";
import type { BlockChanges, LetsEvent } from "../sync/lets-events.ts";
import { accountRow, communityRow } from "./records.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

interface EventRow {
  community_id: string;
  account_id: string | null;
  amount: bigint | null;
}

function eventRows(event: LetsEvent): EventRow[] {
  switch (event.kind) {
    case "create":
    case "govern":
      return [{ community_id: event.community.communityId, account_id: null, amount: null }];
    case "join":
      return [{ community_id: event.community.communityId, account_id: event.account.accountId, amount: null }];
    case "leave":
      return [{ community_id: event.community.communityId, account_id: event.accountId, amount: null }];
    case "default":
      return [{ community_id: event.community.communityId, account_id: event.accountId, amount: event.debt }];
    case "payment":
      return [{ community_id: event.communityId, account_id: event.payer, amount: event.payees.reduce((s, p) => s + p.amount, 0n) }];
  }
}

/** Inserts the block row and everything the block changed. */
export async function writeBlock(db: Db, block: ChainBlock & { header: { parentId: string } }, changes: BlockChanges): Promise<void> {
  const { height, timestamp } = block.header;
  await db.insertInto("blocks").values({ height, block_id: block.header.id, parent_id: block.header.parentId, timestamp: BigInt(timestamp) }).execute();
  if (changes.spent.length > 0) {
    await db.updateTable("account_boxes").set({ spent_height: height }).where("box_id", "in", changes.spent).execute();
    await db.updateTable("community_boxes").set({ spent_height: height }).where("box_id", "in", changes.spent).execute();
  }
  const txOf = (boxId: string) => block.transactions.find((t) => t.outputs.some((o) => o.boxId === boxId))?.id ?? "";
  if (changes.accounts.length > 0) await db.insertInto("account_boxes").values(changes.accounts.map((a) => accountRow(a, txOf(a.boxId), height))).execute();
  if (changes.communities.length > 0) await db.insertInto("community_boxes").values(changes.communities.map((c) => communityRow(c, txOf(c.boxId), height))).execute();
  const seq = new Map<string, number>();
  const events = changes.events.flatMap((e) =>
    eventRows(e).map((row) => {
      const n = seq.get(e.site.txId) ?? 0;
      seq.set(e.site.txId, n + 1);
      return { ...row, tx_id: e.site.txId, seq: n, height, timestamp: BigInt(timestamp), kind: e.kind };
    }),
  );
  if (events.length > 0) await db.insertInto("events").values(events).execute();
  const created = changes.events.filter((e) => e.kind === "create");
  if (created.length > 0) {
    await db.insertInto("communities").values(created.map((e) => ({ community_id: e.community.communityId, genesis_tx_id: e.site.txId, created_height: height }))).execute();
  }
  const payments = changes.events.flatMap((e) =>
    e.kind === "payment"
      ? e.payees.map((p, leg) => ({ tx_id: e.site.txId, leg, height, timestamp: BigInt(timestamp), community_id: e.communityId, payer: e.payer, payee: p.accountId, amount: p.amount }))
      : [],
  );
  if (payments.length > 0) await db.insertInto("payments").values(payments).execute();
  if (changes.ignored.length > 0) {
    await db.insertInto("ignored_boxes").values(changes.ignored.map((i) => ({ box_id: i.boxId, tx_id: i.txId, height, reason: i.reason }))).execute();
  }
}

/** Undoes every block at `height` and above. */
export async function rollbackFrom(db: Db, height: number): Promise<void> {
  for (const table of ["account_boxes", "community_boxes"] as const) {
    await db.deleteFrom(table).where("created_height", ">=", height).execute();
    await db.updateTable(table).set({ spent_height: null }).where("spent_height", ">=", height).execute();
  }
  for (const table of ["events", "payments", "ignored_boxes", "blocks"] as const) {
    await db.deleteFrom(table).where("height", ">=", height).execute();
  }
  await db.deleteFrom("communities").where("created_height", ">=", height).execute();
}
