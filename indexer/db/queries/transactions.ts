/**
 * A confirmed LETS transaction by id: its events, payment legs, the LETS boxes it created (those
 * that outlived their block: the sync keeps no box created and spent in one block), and each
 * account's balance before and after. "After" is the account box the transaction created; "before"
 * is after minus what the legs did to it (exact: the legs are the balance changes), 0 for a leave
 * and minus the debt for a default. A join has no before (it opened the account); a leave or
 * default no after (it closed it). Found through the primary keys of `events` and `payments` and
 * the created-height index of the box tables: no scan.
 */
import { sql } from "kysely";
import { asText, type Db } from "./common.ts";
import { boxesCreatedBy, type AccountBoxView, type BoxView } from "./boxes.ts";

export const TRANSACTION_KINDS = ["create", "join", "payment", "leave", "default", "close", "govern", "refresh"] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** One thing the transaction did (a transaction joining and closing accounts has several). */
export interface EventView {
  seq: number;
  kind: TransactionKind;
  communityId: string;
  /** The joining, leaving, defaulted or closed account, or the payer; null for create, govern and refresh. */
  accountId: string | null;
  /** A payment's total, a default's debt, the balance a dormant close wrote off; null otherwise. */
  amount: string | null;
}

/** One payee of a payment. */
export interface LegView {
  leg: number;
  payer: string;
  payee: string;
  amount: string;
}

/**
 * An account the transaction touched. A balance is null when there is none (before an opening,
 * after a closing) or when it is not known: the account box this transaction made was spent again
 * in the same block (such boxes are not kept), and the order of transactions inside a block is not
 * kept either.
 */
export interface AccountChangeView {
  accountId: string;
  owner: string;
  /** The transaction opened the account (a join). */
  opened: boolean;
  /** The transaction closed the account (a leave or default). */
  closed: boolean;
  balanceBefore: string | null;
  balanceAfter: string | null;
  /** The account box it made, when that box outlived the block. */
  boxId: string | null;
}

export interface TransactionView {
  txId: string;
  height: number;
  blockId: string;
  timestamp: number;
  communityId: string;
  /** The first event's kind. */
  kind: TransactionKind;
  events: EventView[];
  legs: LegView[];
  /** A payment's memo and the request it paid (contracts/notes.ts), or null. */
  memo: string | null;
  requestId: string | null;
  accounts: AccountChangeView[];
  boxes: BoxView[];
}

async function eventsOf(db: Db, txId: string) {
  return db
    .selectFrom("events as e")
    .innerJoin("blocks as b", "b.height", "e.height")
    .where("e.tx_id", "=", txId)
    .orderBy("e.seq")
    .select(["e.seq", "e.kind", "e.community_id", "e.account_id", "e.height", "b.block_id", asText("e.timestamp").as("timestamp"),
      sql<string | null>`e.amount::text`.as("amount")])
    .execute();
}

async function legsOf(db: Db, txId: string): Promise<LegView[]> {
  const rows = await db.selectFrom("payments").where("tx_id", "=", txId).orderBy("leg")
    .select(["leg", "payer", "payee", asText("amount").as("amount")]).execute();
  return rows.map((r) => ({ leg: r.leg, payer: r.payer, payee: r.payee, amount: r.amount }));
}

/** The owner of an account with no box kept from this transaction. */
async function ownerOf(db: Db, accountId: string): Promise<string> {
  const row = await db.selectFrom("account_boxes").where("account_id", "=", accountId).select("owner").limit(1).executeTakeFirstOrThrow();
  return row.owner;
}

/** What the legs did to `accountId`'s balance. */
function legsDelta(accountId: string, legs: readonly LegView[]): bigint {
  let delta = 0n;
  for (const l of legs) {
    if (l.payee === accountId) delta += BigInt(l.amount);
    if (l.payer === accountId) delta -= BigInt(l.amount);
  }
  return delta;
}

/** The balance an account had when `closing` (a leave, default or close) closed it. */
function closingBalance(closing: EventView): string {
  if (closing.kind === "leave") return "0";
  const amount = BigInt(closing.amount ?? "0");
  return (closing.kind === "default" ? -amount : amount).toString();
}

/** Every account the transaction touched, in order of first mention: events, then legs, then boxes. */
function touchedAccounts(events: readonly EventView[], legs: readonly LegView[], boxes: readonly AccountBoxView[]): string[] {
  const ids = [...events.map((e) => e.accountId), ...legs.flatMap((l) => [l.payer, l.payee]), ...boxes.map((b) => b.accountId)];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

async function accountChanges(db: Db, events: readonly EventView[], legs: readonly LegView[], boxes: readonly BoxView[]): Promise<AccountChangeView[]> {
  const created = boxes.filter((b): b is AccountBoxView => b.kind === "account");
  return Promise.all(
    touchedAccounts(events, legs, created).map(async (accountId) => {
      const box = created.find((b) => b.accountId === accountId);
      const opened = events.some((e) => e.kind === "join" && e.accountId === accountId);
      const closing = events.find((e) => (e.kind === "leave" || e.kind === "default" || e.kind === "close") && e.accountId === accountId);
      const after = closing || !box ? null : box.balance;
      let before: string | null = null;
      if (closing) before = closingBalance(closing);
      else if (!opened && after !== null) before = (BigInt(after) - legsDelta(accountId, legs)).toString();
      return {
        accountId, owner: box?.owner ?? (await ownerOf(db, accountId)), opened, closed: closing !== undefined,
        balanceBefore: before, balanceAfter: after, boxId: box?.boxId ?? null,
      };
    }),
  );
}

/** The confirmed LETS transaction `txId`, or undefined when no indexed block holds one with this id. */
export async function getTransaction(db: Db, txId: string): Promise<TransactionView | undefined> {
  const rows = await eventsOf(db, txId);
  const first = rows[0];
  if (!first) return undefined;
  const events: EventView[] = rows.map((r) => ({
    seq: r.seq, kind: r.kind as TransactionKind, communityId: r.community_id, accountId: r.account_id, amount: r.amount,
  }));
  const [legs, boxes, note] = await Promise.all([
    legsOf(db, txId), boxesCreatedBy(db, txId, first.height),
    db.selectFrom("payment_notes").where("tx_id", "=", txId).select(["memo", "request_id"]).executeTakeFirst(),
  ]);
  return {
    txId, height: first.height, blockId: first.block_id, timestamp: Number(first.timestamp), communityId: first.community_id,
    kind: events[0]!.kind, events, legs, memo: note?.memo ?? null, requestId: note?.request_id ?? null,
    accounts: await accountChanges(db, events, legs, boxes), boxes,
  };
}
