/**
 * Trade lines (docs/inter-lets.md): a line's current state is its live line box; its gateways'
 * positions are their live boxes; its history is its line events and every gateway box it had.
 * Amounts as decimal text (cast in SQL or from bigint), heights as numbers.
 */
import { sql } from "kysely";
import type { GatewayBoxRow, LineBoxRow } from "../schema.ts";
import { asText, countAll, type Db, type Page, type Paged } from "./common.ts";

/** A line's terms, amounts as text. */
export interface TermsView {
  rateNum: string;
  rateDen: string;
  capA: string;
  capB: string;
  feeA: string;
  feeB: string;
  shards: string;
}

/** A pending change as served. */
export interface PendingView {
  proposerSide: number;
  kind: "terms" | "close";
  terms: TermsView | null;
}

/** A line as its live box states it, with its totals over its live gateways. */
export interface LineView {
  lineId: string;
  communityA: string;
  communityB: string;
  status: string;
  pausedA: boolean;
  pausedB: boolean;
  terms: TermsView;
  pending: PendingView | null;
  boxId: string;
  createdHeight: number;
  createdTxId: string;
  updatedHeight: number;
  updatedTxId: string;
  /** Sum of each side's trade positions (positive: that community paid in) and fees held, over the live gateways. */
  positionA: string;
  positionB: string;
  feesHeldA: string;
  feesHeldB: string;
}

/** One live gateway. */
export interface GatewayView {
  gatewayId: string;
  communityId: string;
  side: number;
  shard: number;
  balance: string;
  feesHeld: string;
  position: string;
  boxId: string;
  updatedHeight: number;
}

/** A line as one community sees it. */
export interface CommunityLineView extends LineView {
  side: number;
  partnerCommunityId: string;
  /** This community's trade position and fees held on the line (its gateways together). */
  position: string;
  feesHeld: string;
}

/** The terms columns of `line_boxes` and `line_events`. */
export const TERMS = ["rate_num", "rate_den", "cap_a", "cap_b", "fee_a", "fee_b", "shards"] as const;

/** Terms columns (as stored) in the API's vocabulary. */
export const termsView = (r: Record<(typeof TERMS)[number], unknown>): TermsView => ({
  rateNum: String(r.rate_num), rateDen: String(r.rate_den), capA: String(r.cap_a), capB: String(r.cap_b),
  feeA: String(r.fee_a), feeB: String(r.fee_b), shards: String(r.shards),
});

/** The stored pending JSON as served. */
export function pendingView(text: string | null): PendingView | null {
  if (text === null) return null;
  const p = JSON.parse(text) as { proposer: number; kind: "terms" | "close"; terms?: Record<string, string> };
  return { proposerSide: p.proposer, kind: p.kind, terms: p.terms ? termsView({ rate_num: p.terms.rateNum, rate_den: p.terms.rateDen, cap_a: p.terms.capA, cap_b: p.terms.capB, fee_a: p.terms.feeA, fee_b: p.terms.feeB, shards: p.terms.shards }) : null };
}

/** Which lines: all, one community's, by status. */
export interface LineFilter {
  communityId?: string;
  status?: "proposed" | "open" | "closed";
  lineId?: string;
}

function linesQuery(db: Db, filter: LineFilter) {
  const side = (s: number, what: "position" | "fees_held") =>
    sql<string>`coalesce((select sum(g.${sql.raw(what)}) from gateway_boxes g where g.line_id = l.line_id and g.side = ${s} and g.spent_height is null), 0)::text`;
  let q = db.selectFrom("lines as l")
    .innerJoin("line_boxes as b", (j) => j.onRef("b.line_id", "=", "l.line_id").on("b.spent_height", "is", null))
    .select(["l.line_id", "l.community_a", "l.community_b", "l.tx_id as created_tx_id", "l.created_height", "b.box_id", "b.tx_id as updated_tx_id",
      "b.created_height as updated_height", "b.status", "b.paused_a", "b.paused_b", "b.pending",
      ...TERMS.map((t) => asText(`b.${t}`).as(t)),
      side(0, "position").as("position_a"), side(1, "position").as("position_b"), side(0, "fees_held").as("fees_a"), side(1, "fees_held").as("fees_b")]);
  if (filter.status) q = q.where("b.status", "=", filter.status);
  if (filter.lineId) q = q.where("l.line_id", "=", filter.lineId);
  if (filter.communityId) {
    const id = filter.communityId;
    q = q.where((eb) => eb.or([eb("l.community_a", "=", id), eb("l.community_b", "=", id)]));
  }
  return q;
}

type LineRow = Awaited<ReturnType<ReturnType<typeof linesQuery>["execute"]>>[number];

const lineView = (r: LineRow): LineView => ({
  lineId: r.line_id, communityA: r.community_a, communityB: r.community_b, status: r.status, pausedA: r.paused_a, pausedB: r.paused_b,
  terms: termsView(r as unknown as Record<(typeof TERMS)[number], string>), pending: pendingView(r.pending), boxId: r.box_id,
  createdHeight: r.created_height, createdTxId: r.created_tx_id, updatedHeight: r.updated_height, updatedTxId: r.updated_tx_id,
  positionA: r.position_a, positionB: r.position_b, feesHeldA: r.fees_a, feesHeldB: r.fees_b,
});

/** Lines, oldest first, paged. */
export async function listLines(db: Db, filter: LineFilter, page: Page): Promise<Paged<LineView>> {
  const { total } = await db.selectFrom(linesQuery(db, filter).as("x")).select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await linesQuery(db, filter).orderBy("l.created_height").orderBy("l.line_id").limit(page.limit).offset(page.offset).execute();
  return { total: Number(total), items: rows.map(lineView) };
}

/** A community's lines as it sees them, oldest first. */
export async function communityLines(db: Db, communityId: string, filter: Omit<LineFilter, "communityId">, page: Page): Promise<Paged<CommunityLineView>> {
  const { total, items } = await listLines(db, { ...filter, communityId }, page);
  return {
    total,
    items: items.map((l) => {
      const side = l.communityA === communityId ? 0 : 1;
      return { ...l, side, partnerCommunityId: side === 0 ? l.communityB : l.communityA, position: side === 0 ? l.positionA : l.positionB, feesHeld: side === 0 ? l.feesHeldA : l.feesHeldB };
    }),
  };
}

/** The live gateways of a line, by side and shard. */
export async function lineGateways(db: Db, lineId: string): Promise<GatewayView[]> {
  const rows = await db.selectFrom("gateway_boxes")
    .select(["gateway_id", "community_id", "side", "shard", asText("balance").as("balance"), asText("fees_held").as("fees_held"), asText("position").as("position"), "box_id", "created_height"])
    .where("line_id", "=", lineId).where("spent_height", "is", null).orderBy("side").orderBy("shard").execute();
  return rows.map((r) => ({ gatewayId: r.gateway_id, communityId: r.community_id, side: r.side, shard: r.shard, balance: r.balance, feesHeld: r.fees_held, position: r.position, boxId: r.box_id, updatedHeight: r.created_height }));
}

/** A line with its gateways; undefined when no line has this id. */
export async function getLine(db: Db, lineId: string): Promise<(LineView & { gateways: GatewayView[] }) | undefined> {
  const [line] = (await listLines(db, { lineId }, { limit: 1, offset: 0 })).items;
  return line && { ...line, gateways: await lineGateways(db, lineId) };
}

/** One step of a line's history. */
export interface LineEventView {
  txId: string;
  height: number;
  timestamp: number;
  kind: string;
  side: number | null;
  /** The shard a `shard-refreshed` recreated the ends of; null for every other kind. */
  shard: number | null;
  status: string;
  pausedA: boolean;
  pausedB: boolean;
  terms: TermsView;
  pending: PendingView | null;
}

/** A gateway's state after a transaction. */
export interface PositionView {
  txId: string;
  height: number;
  side: number;
  shard: number;
  balance: string;
  feesHeld: string;
  position: string;
}

/** A line's events and every state of its gateways, oldest first; undefined when no line has this id. */
export async function lineHistory(db: Db, lineId: string): Promise<{ lineId: string; events: LineEventView[]; positions: PositionView[] } | undefined> {
  const line = await db.selectFrom("lines").select("line_id").where("line_id", "=", lineId).executeTakeFirst();
  if (!line) return undefined;
  const events = await db.selectFrom("line_events")
    .select(["tx_id", "height", asText("timestamp").as("timestamp"), "kind", "side", "shard", "status", "paused_a", "paused_b", "pending", ...TERMS.map((t) => asText(t).as(t))])
    .where("line_id", "=", lineId).orderBy("height").orderBy("tx_id").orderBy("seq").execute();
  const positions = await db.selectFrom("gateway_boxes")
    .select(["tx_id", "created_height", "side", "shard", asText("balance").as("balance"), asText("fees_held").as("fees_held"), asText("position").as("position")])
    .where("line_id", "=", lineId).orderBy("created_height").orderBy("side").orderBy("shard").execute();
  return {
    lineId,
    events: events.map((e) => ({
      txId: e.tx_id, height: e.height, timestamp: Number(e.timestamp), kind: e.kind, side: e.side, shard: e.shard, status: e.status, pausedA: e.paused_a, pausedB: e.paused_b,
      terms: termsView(e as unknown as Record<(typeof TERMS)[number], string>), pending: pendingView(e.pending),
    })),
    positions: positions.map((p) => ({ txId: p.tx_id, height: p.created_height, side: p.side, shard: p.shard, balance: p.balance, feesHeld: p.fees_held, position: p.position })),
  };
}

/** One hop of a cross payment as served. */
export interface HopView {
  lineId: string;
  shard: number;
  fromCommunityId: string;
  toCommunityId: string;
  sent: string;
  senderFee: string;
  converted: string;
  receiverFee: string;
  delivered: string;
}

/** A cross payment, both legs. */
export interface CrossPaymentView {
  txId: string;
  leg: number;
  height: number;
  timestamp: number;
  payerCommunityId: string;
  payer: string;
  debit: string;
  payeeCommunityId: string;
  payee: string;
  received: string;
  lineIds: string[];
  hops: HopView[];
}

/** The hops of the cross payments `keys` (tx id and leg). */
export async function hopsOf(db: Db, keys: readonly { txId: string; leg: number }[]): Promise<Map<string, HopView[]>> {
  const hops = new Map<string, HopView[]>();
  if (keys.length === 0) return hops;
  const txIds = [...new Set(keys.map((k) => k.txId))];
  const rows = await db.selectFrom("cross_payment_hops")
    .select(["tx_id", "leg", "line_id", "shard", "from_community", "to_community", ...(["sent", "sender_fee", "converted", "receiver_fee", "delivered"] as const).map((c) => asText(c).as(c))])
    .where(sql<boolean>`tx_id = any(${txIds}::text[])`).orderBy("tx_id").orderBy("leg").orderBy("hop").execute();
  for (const r of rows) {
    const key = `${r.tx_id} ${r.leg}`;
    hops.set(key, [...(hops.get(key) ?? []), {
      lineId: r.line_id, shard: r.shard, fromCommunityId: r.from_community, toCommunityId: r.to_community,
      sent: r.sent, senderFee: r.sender_fee, converted: r.converted, receiverFee: r.receiver_fee, delivered: r.delivered,
    }]);
  }
  return hops;
}

/** The cross payments through a line, newest first; undefined when no line has this id. */
export async function linePayments(db: Db, lineId: string, page: Page & { order: "asc" | "desc" }): Promise<Paged<CrossPaymentView> | undefined> {
  const line = await db.selectFrom("lines").select("line_id").where("line_id", "=", lineId).executeTakeFirst();
  if (!line) return undefined;
  const through = (q: ReturnType<typeof crossBase>) => q.where((eb) => eb.exists(eb.selectFrom("cross_payment_hops as h").select("h.hop").whereRef("h.tx_id", "=", "c.tx_id").whereRef("h.leg", "=", "c.leg").where("h.line_id", "=", lineId)));
  const { total } = await through(crossBase(db)).select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await through(crossBase(db)).selectAll("c").select(asText("c.timestamp").as("ts"))
    .select([asText("c.debit").as("debit_text"), asText("c.received").as("received_text")])
    .orderBy("c.height", page.order).orderBy("c.tx_id", page.order).orderBy("c.leg", page.order).limit(page.limit).offset(page.offset).execute();
  const hops = await hopsOf(db, rows.map((r) => ({ txId: r.tx_id, leg: r.leg })));
  return {
    total: Number(total),
    items: rows.map((r) => ({
      txId: r.tx_id, leg: r.leg, height: r.height, timestamp: Number(r.ts), payerCommunityId: r.payer_community, payer: r.payer, debit: r.debit_text,
      payeeCommunityId: r.payee_community, payee: r.payee, received: r.received_text, lineIds: r.line_ids.split(","), hops: hops.get(`${r.tx_id} ${r.leg}`) ?? [],
    })),
  };
}

const crossBase = (db: Db) => db.selectFrom("cross_payments as c");

/** Every line whose live box is open, with its live gateways: what a route is found over. */
export async function openLinesAndGateways(db: Db): Promise<{ lines: (LineBoxRow & { community_a: string; community_b: string; community_tree_hash: string })[]; gateways: GatewayBoxRow[] }> {
  const lines = await db.selectFrom("line_boxes as b").innerJoin("lines as l", "l.line_id", "b.line_id")
    .selectAll("b").select(["l.community_a", "l.community_b", "l.community_tree_hash"])
    .where("b.spent_height", "is", null).where("b.status", "=", "open").execute();
  const ids = lines.map((l) => l.line_id);
  const gateways = ids.length === 0 ? [] : await db.selectFrom("gateway_boxes").selectAll().where("spent_height", "is", null).where(sql<boolean>`line_id = any(${ids}::text[])`).execute();
  return { lines, gateways };
}
