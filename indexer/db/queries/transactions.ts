/**
 * A confirmed LETS transaction by id: its events, payment legs, the LETS boxes it created (those
 * that outlived their block: the sync keeps no box created and spent in one block), and each
 * account's balance before and after. "After" is the account box the transaction created; "before"
 * is after minus what the legs did to it (exact: the legs are the balance changes), 0 for a leave
 * and minus the debt for a default. A join has no before (it opened the account); a leave or
 * default no after (it closed it). Found through the primary keys of `events` and `payments` and
 * the created-height index of the box tables: no scan.
 *
 * Trade lines (docs/inter-lets.md): a transaction's cross payments (both legs, every hop) come from
 * the primary keys of `cross_payments` and `cross_payment_hops`, its line events from `line_events`
 * (a scan of that small table: a line's events are a handful of committee actions), and the gateway
 * boxes it made from `gateway_boxes_line` at its height. They are optional fields, present only on a
 * transaction that has some, so a local transaction's answer is unchanged; a transaction with no
 * community event (a cross payment alone, a line action, a line or a shard's ends refreshed) is
 * found through them.
 *
 * Economics (docs/economics.md): the charges of an economics transaction come from the primary key
 * of `economics_events` (`economics`, present only when it has some), and an account's balance
 * before is its balance after less what moved and the charges (fee and demurrage paid, allowance spent).
 */
import { sql } from "kysely";
import { asText, type Db } from "./common.ts";
import { boxesCreatedBy, type AccountBoxView, type BoxView } from "./boxes.ts";
import { txEconomics, type TxEconomicsView } from "./leg-economics.ts";
import { hopsOf, pendingView, termsView, TERMS, type HopView, type PendingView, type TermsView } from "./lines.ts";

export const TRANSACTION_KINDS = ["create", "join", "payment", "leave", "default", "close", "govern", "refresh", "sweep", "batch"] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** One thing the transaction did (a transaction joining and closing accounts has several). */
export interface EventView {
  seq: number;
  kind: TransactionKind;
  communityId: string;
  /** The joining, leaving, defaulted or closed account, or the payer; null for create, govern, refresh, sweep and batch. */
  accountId: string | null;
  /** A payment's total, a default's debt, the balance a dormant close wrote off, what a sweep collected, what a batch settled; null otherwise. */
  amount: string | null;
}

/** One payee of a payment. */
export interface LegView {
  leg: number;
  payer: string;
  payee: string;
  amount: string;
  /** nanoERG the payee's owner received beside the units (a mixed payment); null on rows from before migration 0015. */
  ergNanoErg: string | null;
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

/** A cross payment of the transaction: the payer's leg in its community, the payee's in theirs, and each line crossed. */
export interface TxCrossPaymentView {
  leg: number;
  payerCommunityId: string;
  payer: string;
  /** What the payer's balance fell by (fees included), in its units. */
  debit: string;
  payeeCommunityId: string;
  payee: string;
  /** What the payee's balance rose by, in its units. */
  received: string;
  lineIds: string[];
  hops: HopView[];
}

/** What the transaction did to a line, with the line as it left it. */
export interface TxLineEventView {
  lineId: string;
  seq: number;
  kind: string;
  /** The side whose committee acted; null for a refresh. */
  side: number | null;
  /** That side's community; null for a refresh. */
  communityId: string | null;
  /** The shard a `shard-refreshed` recreated the ends of; null for every other kind. */
  shard: number | null;
  status: string;
  pausedA: boolean;
  pausedB: boolean;
  terms: TermsView;
  pending: PendingView | null;
  /** The line box it made (for a shard refreshed, the one it read). */
  boxId: string;
}

/** A gateway box the transaction made (one end of one shard), when it outlived its block. */
export interface TxGatewayView {
  gatewayId: string;
  lineId: string;
  communityId: string;
  side: number;
  shard: number;
  balance: string;
  feesHeld: string;
  position: string;
  boxId: string;
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
  /** Only when it made cross payments. */
  crossPayments?: TxCrossPaymentView[];
  /** Only when it acted on a line. */
  lineEvents?: TxLineEventView[];
  /** Only when it made gateway boxes (a cross payment, a propose or accept). */
  gateways?: TxGatewayView[];
  /** Only when it charged, issued, returned or collected something in an economics community. */
  economics?: TxEconomicsView[];
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
    .select(["leg", "payer", "payee", asText("amount").as("amount"), sql<string | null>`erg_nano_erg::text`.as("erg_nano_erg")]).execute();
  return rows.map((r) => ({ leg: r.leg, payer: r.payer, payee: r.payee, amount: r.amount, ergNanoErg: r.erg_nano_erg }));
}

/** The owner of an account with no box kept from this transaction. */
async function ownerOf(db: Db, accountId: string): Promise<string> {
  const row = await db.selectFrom("account_boxes").where("account_id", "=", accountId).select("owner").limit(1).executeTakeFirstOrThrow();
  return row.owner;
}

/** What the legs and the cross payments did to `accountId`'s balance. */
function legsDelta(accountId: string, legs: readonly LegView[], cross: readonly TxCrossPaymentView[]): bigint {
  let delta = 0n;
  for (const l of legs) {
    if (l.payee === accountId) delta += BigInt(l.amount);
    if (l.payer === accountId) delta -= BigInt(l.amount);
  }
  for (const c of cross) {
    if (c.payee === accountId) delta += BigInt(c.received);
    if (c.payer === accountId) delta -= BigInt(c.debit);
  }
  return delta;
}

/** The balance an account had when `closing` (a leave, default or close) closed it. */
function closingBalance(closing: EventView): string {
  if (closing.kind === "leave") return "0";
  const amount = BigInt(closing.amount ?? "0");
  return (closing.kind === "default" ? -amount : amount).toString();
}

/** Every account the transaction touched, in order of first mention: events, then legs, cross payments, boxes. */
function touchedAccounts(events: readonly EventView[], legs: readonly LegView[], cross: readonly TxCrossPaymentView[], boxes: readonly AccountBoxView[]): string[] {
  const ids = [...events.map((e) => e.accountId), ...legs.flatMap((l) => [l.payer, l.payee]), ...cross.flatMap((c) => [c.payer, c.payee]), ...boxes.map((b) => b.accountId)];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** What an economics transaction's charges did to `accountId`'s balance beside what moved: the allowance spent, less the fee and demurrage paid. */
function chargesDelta(accountId: string, economics: readonly TxEconomicsView[]): bigint {
  const e = economics.find((x) => x.accountId === accountId && x.kind !== "join" && x.kind !== "exit");
  return e ? BigInt(e.allowanceUsed) - BigInt(e.fee) - BigInt(e.demurrage) : 0n;
}

async function accountChanges(
  db: Db, events: readonly EventView[], legs: readonly LegView[], cross: readonly TxCrossPaymentView[], boxes: readonly BoxView[],
  economics: readonly TxEconomicsView[],
): Promise<AccountChangeView[]> {
  const created = boxes.filter((b): b is AccountBoxView => b.kind === "account");
  const touched = touchedAccounts(events, legs, cross, created);
  // An exchange desk (an escrow) is a leg's payer or payee by its deskId (escrowId), docs/desk.md and docs/escrow.md: a member, not an account.
  const desks = touched.length === 0 ? [] : await db.selectFrom("desks").select("desk_id").where("desk_id", "in", touched).execute();
  const escrows = touched.length === 0 ? [] : await db.selectFrom("escrows").select("escrow_id").where("escrow_id", "in", touched).execute();
  const members = new Set([...desks.map((d) => d.desk_id), ...escrows.map((e) => e.escrow_id)]);
  return Promise.all(
    touched.filter((id) => !members.has(id)).map(async (accountId) => {
      const box = created.find((b) => b.accountId === accountId);
      const opened = events.some((e) => e.kind === "join" && e.accountId === accountId);
      const closing = events.find((e) => (e.kind === "leave" || e.kind === "default" || e.kind === "close") && e.accountId === accountId);
      const after = closing || !box ? null : box.balance;
      let before: string | null = null;
      if (closing) before = closingBalance(closing);
      else if (!opened && after !== null) before = (BigInt(after) - legsDelta(accountId, legs, cross) - chargesDelta(accountId, economics)).toString();
      return {
        accountId, owner: box?.owner ?? (await ownerOf(db, accountId)), opened, closed: closing !== undefined,
        balanceBefore: before, balanceAfter: after, boxId: box?.boxId ?? null,
      };
    }),
  );
}

/** The cross payments `txId` made, by leg, with their hops (primary keys of both tables). */
async function crossPaymentsOf(db: Db, txId: string) {
  const rows = await db.selectFrom("cross_payments as c").innerJoin("blocks as b", "b.height", "c.height").where("c.tx_id", "=", txId).orderBy("c.leg")
    .select(["c.leg", "c.height", "b.block_id", asText("c.timestamp").as("timestamp"), "c.payer_community", "c.payer", asText("c.debit").as("debit"),
      "c.payee_community", "c.payee", asText("c.received").as("received"), "c.line_ids"])
    .execute();
  const hops = await hopsOf(db, rows.map((r) => ({ txId, leg: r.leg })));
  return rows.map((r) => ({
    at: { height: r.height, blockId: r.block_id, timestamp: r.timestamp },
    view: {
      leg: r.leg, payerCommunityId: r.payer_community, payer: r.payer, debit: r.debit, payeeCommunityId: r.payee_community, payee: r.payee,
      received: r.received, lineIds: r.line_ids.split(","), hops: hops.get(`${txId} ${r.leg}`) ?? [],
    } satisfies TxCrossPaymentView,
  }));
}

/** What `txId` did to lines, by line and order, with the acting side's community. */
async function lineEventsOf(db: Db, txId: string) {
  const rows = await db.selectFrom("line_events as e").innerJoin("lines as l", "l.line_id", "e.line_id").innerJoin("blocks as b", "b.height", "e.height")
    .where("e.tx_id", "=", txId).orderBy("e.line_id").orderBy("e.seq")
    .select(["e.line_id", "e.seq", "e.kind", "e.side", "e.shard", "l.community_a", "l.community_b", "e.status", "e.paused_a", "e.paused_b", "e.pending", "e.box_id",
      "e.height", "b.block_id", asText("e.timestamp").as("timestamp"), ...TERMS.map((t) => asText(`e.${t}`).as(t))])
    .execute();
  return rows.map((r) => ({
    at: { height: r.height, blockId: r.block_id, timestamp: r.timestamp },
    communityA: r.community_a,
    view: {
      lineId: r.line_id, seq: r.seq, kind: r.kind, side: r.side, communityId: r.side === null ? null : r.side === 0 ? r.community_a : r.community_b, shard: r.shard,
      status: r.status, pausedA: r.paused_a, pausedB: r.paused_b, terms: termsView(r), pending: pendingView(r.pending), boxId: r.box_id,
    } satisfies TxLineEventView,
  }));
}

/** The gateway boxes `txId` made on `lineIds` (found at its height through `gateway_boxes_line`), by line, side and shard. */
async function gatewaysMadeBy(db: Db, txId: string, height: number, lineIds: readonly string[]): Promise<TxGatewayView[]> {
  if (lineIds.length === 0) return [];
  const rows = await db.selectFrom("gateway_boxes").where(sql<boolean>`line_id = any(${[...lineIds]}::text[])`).where("created_height", "=", height).where("tx_id", "=", txId)
    .orderBy("line_id").orderBy("side").orderBy("shard")
    .select(["gateway_id", "line_id", "community_id", "side", "shard", asText("balance").as("balance"), asText("fees_held").as("fees_held"), asText("position").as("position"), "box_id"])
    .execute();
  return rows.map((r) => ({
    gatewayId: r.gateway_id, lineId: r.line_id, communityId: r.community_id, side: r.side, shard: r.shard, balance: r.balance, feesHeld: r.fees_held, position: r.position, boxId: r.box_id,
  }));
}

/** A line event as `lineOnlyKind` reads it: line A's community, and the acting committee's (null for a refresh). */
export interface LineActor {
  communityA: string;
  communityId: string | null;
}

/**
 * The transaction's kind and community when no community event says them, from the payer
 * communities of its cross payments (by leg) and its line events (by line and order): a cross
 * payment is a `payment` of the payer's community; a line action by a committee is `govern` in that
 * committee's community, a line or a shard's ends refreshed by anyone a `refresh` in community A.
 */
export function lineOnlyKind(payerCommunities: readonly string[], lines: readonly LineActor[]): { kind: TransactionKind; communityId: string } {
  const payer = payerCommunities[0];
  if (payer !== undefined) return { kind: "payment", communityId: payer };
  const acted = lines.find((e) => e.communityId !== null)?.communityId;
  if (acted) return { kind: "govern", communityId: acted };
  return { kind: "refresh", communityId: lines[0]!.communityA };
}

/** The confirmed LETS transaction `txId`, or undefined when no indexed block holds one with this id. */
export async function getTransaction(db: Db, txId: string): Promise<TransactionView | undefined> {
  const [rows, crossRows, lineRows] = await Promise.all([eventsOf(db, txId), crossPaymentsOf(db, txId), lineEventsOf(db, txId)]);
  const first = rows[0];
  const at = first ? { height: first.height, blockId: first.block_id, timestamp: first.timestamp } : (crossRows[0] ?? lineRows[0])?.at;
  if (!at) return undefined;
  const events: EventView[] = rows.map((r) => ({
    seq: r.seq, kind: r.kind as TransactionKind, communityId: r.community_id, accountId: r.account_id, amount: r.amount,
  }));
  const cross = crossRows.map((r) => r.view);
  const lineEvents = lineRows.map((r) => r.view);
  const lineIds = [...new Set([...cross.flatMap((c) => c.lineIds), ...lineEvents.map((e) => e.lineId)])];
  const [legs, boxes, note, gateways, economics] = await Promise.all([
    legsOf(db, txId), boxesCreatedBy(db, txId, at.height),
    db.selectFrom("payment_notes").where("tx_id", "=", txId).select(["memo", "request_id"]).executeTakeFirst(),
    gatewaysMadeBy(db, txId, at.height, lineIds), txEconomics(db, txId),
  ]);
  const { kind, communityId } = first
    ? { kind: events[0]!.kind, communityId: first.community_id }
    : lineOnlyKind(cross.map((c) => c.payerCommunityId), lineRows.map((r) => ({ communityA: r.communityA, communityId: r.view.communityId })));
  return {
    txId, height: at.height, blockId: at.blockId, timestamp: Number(at.timestamp), communityId,
    kind, events, legs, memo: note?.memo ?? null, requestId: note?.request_id ?? null,
    accounts: await accountChanges(db, events, legs, cross, boxes, economics), boxes,
    ...(cross.length > 0 ? { crossPayments: cross } : {}),
    ...(lineEvents.length > 0 ? { lineEvents } : {}),
    ...(gateways.length > 0 ? { gateways } : {}),
    ...(economics.length > 0 ? { economics } : {}),
  };
}
