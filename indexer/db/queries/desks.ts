/**
 * Exchange desks (docs/desk.md): a community's desk as its live box states it, with what it owes
 * (units outstanding), what buying them all back would pay (cover) and the reserve's coverage;
 * its trades, its boxes over time and its events. Amounts are decimal strings.
 */
import { sql } from "kysely";
import { activeTerms, coverNanoErg, outstandingUnits, type DeskChange, type DeskTerms } from "../../../contracts/desk/desk.ts";
import { deskPendingOf, deskTermsJson, deskTermsOf } from "../desk-json.ts";
import { asText, countAll, type Db } from "./common.ts";

type TermsJson = Record<keyof DeskTerms, string>;

/** A desk now. */
export interface DeskDetail {
  deskId: string;
  communityId: string;
  boxId: string;
  openedHeight: number;
  terms: TermsJson;
  activeTerms: TermsJson;
  pending: { terms: TermsJson; effectiveHeight: string } | null;
  balance: string;
  outstandingUnits: string;
  reserveNanoErg: string;
  coverNanoErg: string | null;
  coverageRatio: string | null;
  lastPrice: string | null;
  trades: number;
  bought: string;
  sold: string;
}

const pendingJson = (p: DeskChange | null) => (p === null ? null : { terms: deskTermsJson(p.terms), effectiveHeight: p.effectiveHeight.toString() });

/** reserve / cover to 4 decimals (rounded down), or null when nothing is outstanding or the cover is unknown. */
export function coverageRatio(reserve: bigint, cover: bigint | null): string | null {
  if (cover === null || cover === 0n) return null;
  const scaled = (reserve * 10_000n) / cover;
  return `${scaled / 10_000n}.${(scaled % 10_000n).toString().padStart(4, "0")}`;
}

/** The oracle prices known for `nfts` (pool boxes the sync saw), by height, oldest first. */
async function oraclePrices(db: Db, nfts: readonly string[]): Promise<{ nft: string; height: number; price: bigint }[]> {
  if (nfts.length === 0) return [];
  const rows = await db.selectFrom("desk_oracle_boxes").select(["nft", "height", asText("nano_erg_per_usd").as("price")])
    .where(sql<boolean>`nft = any(${nfts}::text[])`).orderBy("height").orderBy("creation_height").execute();
  return rows.map((r) => ({ nft: r.nft, height: r.height, price: BigInt(r.price) }));
}

/** The price a cover at `height` uses: 1 at a fixed rate, else the newest pool price known by then (null when none). */
const priceAt = (t: DeskTerms, height: number, prices: readonly { nft: string; height: number; price: bigint }[]): bigint | null =>
  t.oracleNft === "" ? 1n : (prices.filter((p) => p.nft === t.oracleNft && p.height <= height).at(-1)?.price ?? null);

const cover = (t: DeskTerms, outstanding: bigint, price: bigint | null): bigint | null => (price === null ? null : coverNanoErg(t, outstanding, price));

/** The community's desk (the first opened, should there be more), or undefined. */
export async function getDesk(db: Db, communityId: string): Promise<DeskDetail | undefined> {
  const row = await db.selectFrom("desks").selectAll().select([asText("balance").as("balance_text"), asText("reserve_nano_erg").as("reserve_text"), asText("last_price").as("price_text")])
    .where("community_id", "=", communityId).orderBy("opened_height").orderBy("desk_id").executeTakeFirst();
  if (!row) return undefined;
  const tip = (await db.selectFrom("blocks").select(sql<number | null>`max(height)`.as("h")).executeTakeFirst())?.h ?? 0;
  const terms = deskTermsOf(JSON.parse(row.terms) as Record<string, string>);
  const pending = deskPendingOf(row.pending);
  const active = activeTerms({ terms, pending }, tip + 1);
  const balance = BigInt(row.balance_text);
  const reserve = BigInt(row.reserve_text);
  const outstanding = outstandingUnits({ balance });
  const prices = await oraclePrices(db, active.oracleNft === "" ? [] : [active.oracleNft]);
  const owed = cover(active, outstanding, priceAt(active, tip, prices));
  const totals = await db.selectFrom("desk_trades").select([
    countAll().as("trades"),
    sql<string>`coalesce(sum(case when side = 'buy' then units else 0 end), 0)::text`.as("bought"),
    sql<string>`coalesce(sum(case when side = 'sell' then units else 0 end), 0)::text`.as("sold"),
  ]).where("desk_id", "=", row.desk_id).executeTakeFirstOrThrow();
  return {
    deskId: row.desk_id, communityId: row.community_id, boxId: row.box_id, openedHeight: row.opened_height,
    terms: deskTermsJson(terms), activeTerms: deskTermsJson(active), pending: pendingJson(pending),
    balance: balance.toString(), outstandingUnits: outstanding.toString(), reserveNanoErg: reserve.toString(),
    coverNanoErg: owed === null ? null : owed.toString(), coverageRatio: outstanding === 0n ? null : coverageRatio(reserve, owed),
    lastPrice: row.price_text, trades: totals.trades, bought: totals.bought, sold: totals.sold,
  };
}

/** One trade. */
export interface DeskTradeView {
  txId: string;
  height: number;
  timestamp: number;
  deskId: string;
  communityId: string;
  side: "buy" | "sell";
  accountId: string;
  units: string;
  nanoErg: string;
  price: string | null;
  oracleBoxId: string | null;
  feeNanoErg: string | null;
}

/** Which trades: a community's or an account's, by side, below a height. */
export interface TradeFilter {
  communityId?: string;
  accountId?: string;
  side?: "buy" | "sell";
  /** Only trades below this height (the next page of a list read at some tip). */
  before?: number;
}

/** Trades newest first (height, then place in the block). */
export async function listDeskTrades(db: Db, filter: TradeFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: DeskTradeView[] }> {
  let q = db.selectFrom("desk_trades");
  if (filter.communityId !== undefined) q = q.where("community_id", "=", filter.communityId);
  if (filter.accountId !== undefined) q = q.where("account_id", "=", filter.accountId);
  if (filter.side !== undefined) q = q.where("side", "=", filter.side);
  if (filter.before !== undefined) q = q.where("height", "<", filter.before);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.select(["tx_id", "height", sql<string>`timestamp::text`.as("ts"), "desk_id", "community_id", "side", "account_id", asText("units").as("units"),
    asText("nano_erg").as("nano_erg"), asText("price").as("price"), "oracle_box_id", asText("fee_nano_erg").as("fee")])
    .orderBy("height", "desc").orderBy("position", "desc").orderBy("desk_id").limit(page.limit).offset(page.offset).execute();
  return {
    total,
    items: rows.map((r) => ({
      txId: r.tx_id, height: r.height, timestamp: Number(r.ts), deskId: r.desk_id, communityId: r.community_id, side: r.side, accountId: r.account_id,
      units: r.units, nanoErg: r.nano_erg, price: r.price, oracleBoxId: r.oracle_box_id, feeNanoErg: r.fee,
    })),
  };
}

/** The desk after one of its boxes. */
export interface DeskStateView {
  version: number;
  boxId: string;
  txId: string;
  height: number;
  timestamp: number;
  balance: string;
  outstandingUnits: string;
  reserveNanoErg: string;
  coverNanoErg: string | null;
  coverageRatio: string | null;
}

/** Every box of the community's desk, oldest first, with the cover at the terms then active and the price then known. */
export async function deskStates(db: Db, communityId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: DeskStateView[] } | undefined> {
  const desk = await db.selectFrom("desks").select("desk_id").where("community_id", "=", communityId).orderBy("opened_height").orderBy("desk_id").executeTakeFirst();
  if (!desk) return undefined;
  const q = db.selectFrom("desk_states").where("desk_id", "=", desk.desk_id);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.select(["version", "box_id", "tx_id", "height", sql<string>`timestamp::text`.as("ts"), "terms", "pending", asText("balance").as("balance"), asText("reserve_nano_erg").as("reserve")])
    .orderBy("version").limit(page.limit).offset(page.offset).execute();
  const parsed = rows.map((r) => {
    const terms = activeTerms({ terms: deskTermsOf(JSON.parse(r.terms) as Record<string, string>), pending: deskPendingOf(r.pending) }, r.height);
    return { r, terms };
  });
  const prices = await oraclePrices(db, [...new Set(parsed.map((p) => p.terms.oracleNft).filter((n) => n !== ""))]);
  return {
    total,
    items: parsed.map(({ r, terms }) => {
      const outstanding = outstandingUnits({ balance: BigInt(r.balance) });
      const owed = cover(terms, outstanding, priceAt(terms, r.height, prices));
      return {
        version: r.version, boxId: r.box_id, txId: r.tx_id, height: r.height, timestamp: Number(r.ts), balance: r.balance, outstandingUnits: outstanding.toString(),
        reserveNanoErg: r.reserve, coverNanoErg: owed === null ? null : owed.toString(), coverageRatio: outstanding === 0n ? null : coverageRatio(BigInt(r.reserve), owed),
      };
    }),
  };
}

/** One desk event. */
export interface DeskEventView {
  txId: string;
  height: number;
  timestamp: number;
  kind: string;
  nanoErg: string | null;
  terms: TermsJson | null;
  effectiveHeight: string | null;
  committee: string | null;
}

/** The community's desk events, newest first; undefined when it has no desk. */
export async function deskEvents(db: Db, communityId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: DeskEventView[] } | undefined> {
  const desk = await db.selectFrom("desks").select("desk_id").where("community_id", "=", communityId).orderBy("opened_height").orderBy("desk_id").executeTakeFirst();
  if (!desk) return undefined;
  const q = db.selectFrom("desk_events").where("desk_id", "=", desk.desk_id);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.select(["tx_id", "height", sql<string>`timestamp::text`.as("ts"), "kind", asText("nano_erg").as("nano_erg"), "terms", sql<string | null>`effective_height::text`.as("effective"), "committee"])
    .orderBy("height", "desc").orderBy("position", "desc").orderBy("seq", "desc").limit(page.limit).offset(page.offset).execute();
  return {
    total,
    items: rows.map((r) => ({
      txId: r.tx_id, height: r.height, timestamp: Number(r.ts), kind: r.kind, nanoErg: r.nano_erg,
      terms: r.terms === null ? null : (JSON.parse(r.terms) as TermsJson), effectiveHeight: r.effective, committee: r.committee,
    })),
  };
}
