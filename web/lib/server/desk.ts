/**
 * The indexer's exchange-desk routes (docs/desk.md, `GET /communities/{id}/desk...`) for the desk
 * page and the wallet: amounts arrive as decimal strings and leave as bigint; a community without
 * a desk is `null`, not an error.
 */
import { parseJson } from "$ergo/json.ts";
import type { DeskTerms } from "$contracts/desk/desk.ts";
import { deepBigints } from "../lines/types.ts";
import { IndexerNotFound, IndexerRequestError, type IndexerClient } from "./indexer.ts";

/** A desk as the indexer serves it. */
export interface DeskView {
  deskId: string;
  communityId: string;
  boxId: string;
  openedHeight: number;
  /** The terms written in the box, and those that apply to the next block (an announced change may be due). */
  terms: DeskTerms;
  activeTerms: DeskTerms;
  pending: { terms: DeskTerms; effectiveHeight: bigint } | null;
  balance: bigint;
  outstandingUnits: bigint;
  reserveNanoErg: bigint;
  coverNanoErg: bigint | null;
  coverageRatio: string | null;
  lastPrice: bigint | null;
  trades: number;
  bought: bigint;
  sold: bigint;
}

/** One trade with the desk. */
export interface DeskTrade {
  txId: string;
  height: number;
  timestamp?: number;
  side: "buy" | "sell";
  accountId: string;
  units: bigint;
  nanoErg: bigint;
  /** 1 at a fixed rate, else the oracle's nanoERG per USD; null when the pool box was not seen. */
  price: bigint | null;
  feeNanoErg?: bigint | null;
}

/** The desk after a box version: its reserve, units outstanding and coverage. */
export interface DeskHistoryPoint {
  height: number;
  timestamp?: number;
  txId?: string;
  reserveNanoErg: bigint;
  outstandingUnits: bigint;
  coverNanoErg: bigint | null;
  coverageRatio?: string | null;
}

/** Opened, deposit, withdraw, refresh, announce, cancel, applied, committee. */
export interface DeskEvent {
  txId: string;
  height: number;
  timestamp?: number;
  kind: string;
  nanoErg?: bigint | null;
  terms?: DeskTerms | null;
  effectiveHeight?: bigint | null;
}

const DESK_AMOUNTS: ReadonlySet<string> = new Set([
  "rateNum", "rateDen", "buyFeeBps", "sellFeeBps", "issueLimit", "periodBlocks", "memberLimit", "noticeBlocks", "maxOracleAge", "maxUnits",
  "effectiveHeight", "balance", "outstandingUnits", "reserveNanoErg", "coverNanoErg", "lastPrice", "bought", "sold", "units", "nanoErg", "price", "feeNanoErg",
]);

/** How many rows a table of the page asks for. */
export const DESK_ROWS = 50;

async function deskJson<T>(indexer: IndexerClient, path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const response = await indexer.raw(path, query);
  try {
    return deepBigints<T>(parseJson(await response.text(), "refuse"), DESK_AMOUNTS);
  } catch (cause) {
    throw new IndexerRequestError(200, "unreadable", (cause as Error).message, response.url, { cause });
  }
}

const items = <T>(page: { items: T[] } | T[]): T[] => (Array.isArray(page) ? page : page.items);
const desk = (communityId: string) => `/communities/${encodeURIComponent(communityId)}/desk`;

/** The community's desk, or null when it has none (or the indexer has no desk routes yet). */
export async function communityDesk(indexer: IndexerClient, communityId: string): Promise<DeskView | null> {
  try {
    return await deskJson<DeskView>(indexer, desk(communityId));
  } catch (error) {
    if (error instanceof IndexerNotFound) return null;
    throw error;
  }
}

/** The desk's trades, newest first. */
export const deskTrades = async (indexer: IndexerClient, communityId: string, limit = DESK_ROWS): Promise<DeskTrade[]> =>
  items(await deskJson<{ items: DeskTrade[] }>(indexer, `${desk(communityId)}/trades`, { limit }));

/** The desk's reserve, outstanding units and coverage after each box version, oldest first. */
export const deskHistory = async (indexer: IndexerClient, communityId: string): Promise<DeskHistoryPoint[]> =>
  items(await deskJson<{ items: DeskHistoryPoint[] }>(indexer, `${desk(communityId)}/history`, { limit: 1_000 }));

/** The desk's openings, deposits, withdrawals and changes, newest first. */
export const deskEvents = async (indexer: IndexerClient, communityId: string, limit = DESK_ROWS): Promise<DeskEvent[]> =>
  items(await deskJson<{ items: DeskEvent[] }>(indexer, `${desk(communityId)}/events`, { limit }));

/** Whether the community has a desk, for a link; false when the indexer cannot say. */
export async function hasDesk(indexer: IndexerClient, communityId: string): Promise<boolean> {
  try {
    return (await communityDesk(indexer, communityId)) !== null;
  } catch {
    return false;
  }
}

/** The terms that apply now at the desk of each of `communityIds` that has one (the wallet's Buy and Sell); none when the indexer cannot say. */
export async function deskTermsOf(indexer: IndexerClient, communityIds: readonly string[]): Promise<Record<string, DeskTerms>> {
  const desks = await desksOf(indexer, communityIds);
  return Object.fromEntries(Object.entries(desks).map(([id, desk]) => [id, desk.activeTerms]));
}

/** The desks of these communities, by community id (communities without one left out). */
export async function desksOf(indexer: IndexerClient, communityIds: readonly string[]): Promise<Record<string, DeskView>> {
  const found = await Promise.all([...new Set(communityIds)].map(async (id) => [id, await communityDesk(indexer, id).catch(() => null)] as const));
  return Object.fromEntries(found.flatMap(([id, desk]) => (desk === null ? [] : [[id, desk]])));
}
