/**
 * The exchange desk in the sync (contract version 6, docs/desk.md). A desk box holds one unit of
 * its community's token, like an account: it is a member, and its balance (R5, minus the units it
 * issued and has not bought back) counts in the community's zero-sum books. It is known by its
 * tree (`DESK_ERGO_TREE`), so it is neither read as an account nor flagged as an escaped unit.
 * A desk box is live when it is the opening's (its deskId is the community box the transaction
 * spent) or the one successor of a live desk input (same deskId and community).
 *
 * What a transaction did to a desk: open it; a trade (buy: the desk's balance fell and one account
 * of its community rose by as much; sell: the reverse), which is also a payment leg between the
 * desk (named by its deskId, as an account by its accountId) and the account; otherwise a
 * deposit, a withdrawal, a refresh, an announced change, a cancelled one, a change written into
 * R4 once due (`applied`), a committee change. The records are in desk-records.ts.
 */
import type { Box } from "@fleet-sdk/common";
import { activeTerms, decodeDesk, type DeskChange, type DeskTerms } from "../../contracts/desk/desk.ts";
import { decodeOraclePool } from "../../contracts/desk/oracle.ts";
import { DESK_ERGO_TREE } from "../../contracts/scripts.ts";
import { deskTermsJson } from "../db/desk-json.ts";
import type { DeskActivity, DeskNote, DeskRecord, DeskTrade, DeskView, OracleBoxRecord } from "./desk-records.ts";
import type { AccountRecord, CommunityRecord, Compromise, EventSite, LetsEvent } from "./lets-events.ts";

export type { DeskActivity, DeskEventKind, DeskNote, DeskRecord, DeskTrade, DeskView, OracleBoxRecord } from "./desk-records.ts";
import { spendTracked, type ChainInput } from "./rent.ts";

/**
 * Spends the live desks among `inputs`. A desk reached by storage rent is a compromise (anyone may
 * refresh a dormant desk first): it is not continued, so a box made in its place holds an escaped unit.
 */
export function spendDesks(
  txId: string, inputs: readonly ChainInput[], height: number, state: Pick<DeskView, "desk"> & { spend(boxId: string): void }, compromises: Compromise[],
): DeskRecord[] {
  const tracked = { find: (boxId: string) => state.desk(boxId), spend: (boxId: string) => state.spend(boxId) };
  return spendTracked(txId, inputs, height, tracked, (d) => `the desk ${d.deskId}`, compromises);
}

/** Whether an output is under the desk tree. */
export const isDeskTree = (tree: string): boolean => tree === DESK_ERGO_TREE;

/** A desk output decoded, or why it is not a desk box. */
export function decodeDeskOutput(box: Box<bigint>): { ok: true; desk: Omit<DeskRecord, "version" | "lastPrice"> } | { ok: false; reason: string } {
  const decoded = decodeDesk(box);
  if (!decoded.ok) return decoded;
  const { box: _box, ledger: _ledger, ...desk } = decoded.value;
  return { ok: true, desk };
}

/**
 * Whether `desk` is live: the one successor of a desk input (its version one more, its last price
 * kept), or the opening's (deskId = a spent community box of its community). Returns the record,
 * or undefined (then its unit escaped).
 */
export function acceptDesk(desk: Omit<DeskRecord, "version" | "lastPrice">, spent: readonly DeskRecord[], communities: readonly CommunityRecord[], made: readonly DeskRecord[]): DeskRecord | undefined {
  if (made.some((d) => d.deskId === desk.deskId)) return undefined;
  const before = spent.find((d) => d.deskId === desk.deskId && d.communityId === desk.communityId);
  if (before) return { ...desk, version: before.version + 1, lastPrice: before.lastPrice };
  const opener = communities.find((c) => c.boxId === desk.deskId && c.communityId === desk.communityId);
  return opener ? { ...desk, version: 0, lastPrice: null } : undefined;
}

/** The oracle pool boxes among `outputs` whose NFT a desk names. */
export function oracleOutputs(outputs: readonly Box<bigint>[], view: Pick<DeskView, "isOracleNft">): OracleBoxRecord[] {
  const found: OracleBoxRecord[] = [];
  for (const box of outputs) {
    const nft = box.assets[0]?.tokenId.toLowerCase();
    if (nft === undefined || !view.isOracleNft(nft)) continue;
    try {
      const pool = decodeOraclePool(box, nft);
      found.push({ boxId: box.boxId, nft, nanoErgPerUsd: pool.nanoErgPerUsd, creationHeight: pool.creationHeight });
    } catch {
      // Not a pool box the desk could read: no price to record.
    }
  }
  return found;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** The price a trade at `height` used, from its data inputs: 1 at a fixed rate; the pool box holding the NFT otherwise. */
function tradePrice(t: DeskTerms, dataInputs: readonly string[], view: Pick<DeskView, "oracleBox">): { price: bigint | null; oracleBoxId: string | null } {
  if (t.oracleNft === "") return { price: 1n, oracleBoxId: null };
  const pool = dataInputs.map((id) => view.oracleBox(id)).find((p) => p?.nft === t.oracleNft);
  return pool ? { price: pool.nanoErgPerUsd, oracleBoxId: pool.boxId } : { price: null, oracleBoxId: null };
}

/** The trade of a desk whose balance changed, with the one account of its community that moved the other way. */
function tradeOf(
  before: DeskRecord, after: DeskRecord, accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[],
  height: number, dataInputs: readonly string[], view: Pick<DeskView, "oracleBox">,
): DeskTrade | null {
  const moved = after.balance - before.balance;
  if (moved === 0n) return null;
  const account = accountsIn.find((a) => {
    const out = accountsOut.find((o) => o.accountId === a.accountId && o.communityId === before.communityId);
    return out !== undefined && out.balance - a.balance === -moved;
  });
  if (!account) return null;
  const side = moved < 0n ? "buy" : "sell";
  const units = moved < 0n ? -moved : moved;
  const nanoErg = side === "buy" ? after.reserveNanoErg - before.reserveNanoErg : before.reserveNanoErg - after.reserveNanoErg;
  const t = activeTerms(before, height);
  const { price, oracleBoxId } = tradePrice(t, dataInputs, view);
  const worth = price === null ? null : units * t.rateDen * price;
  const feeNanoErg = worth === null ? null : side === "buy" ? nanoErg - ceilDiv(worth, t.rateNum) : worth / t.rateNum - nanoErg;
  return { side, accountId: account.accountId, units, nanoErg, price, oracleBoxId, feeNanoErg };
}

const termsKey = (t: DeskTerms): string => JSON.stringify(deskTermsJson(t));
const changeKey = (p: DeskChange | null): string => (p === null ? "" : `${termsKey(p.terms)}@${p.effectiveHeight}`);

/** What a successor changed besides trading: a change applied, announced or cancelled, the committee, the reserve. */
function changesOf(before: DeskRecord, after: DeskRecord, height: number, traded: boolean): DeskNote[] {
  const notes: DeskNote[] = [];
  const due = before.pending !== null && BigInt(height) >= before.pending.effectiveHeight;
  const waiting = due ? null : before.pending;
  if (due && before.pending && termsKey(after.terms) === termsKey(before.pending.terms) && changeKey(after.pending) !== changeKey(before.pending)) {
    notes.push({ kind: "applied", terms: before.pending.terms, effectiveHeight: before.pending.effectiveHeight });
  }
  if (traded) return notes;
  if (after.pending && changeKey(after.pending) !== changeKey(waiting)) notes.push({ kind: "announce", terms: after.pending.terms, effectiveHeight: after.pending.effectiveHeight });
  else if (!after.pending && waiting) notes.push({ kind: "cancel", terms: waiting.terms, effectiveHeight: waiting.effectiveHeight });
  if (after.committee !== before.committee) notes.push({ kind: "committee", committee: after.committee });
  const reserve = after.reserveNanoErg - before.reserveNanoErg;
  if (reserve > 0n) notes.push({ kind: "deposit", nanoErg: reserve });
  else if (reserve < 0n) notes.push({ kind: "withdraw", nanoErg: reserve });
  else if (notes.length === 0) notes.push({ kind: "refresh", nanoErg: 0n });
  return notes;
}

/** The desks a transaction made, what it did to each, and the payment legs of its trades. */
export function deskActivities(
  site: EventSite, position: number, spent: readonly DeskRecord[], made: DeskRecord[], accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[],
  dataInputs: readonly string[], view: Pick<DeskView, "oracleBox">,
): { activities: DeskActivity[]; payments: LetsEvent[]; traders: Set<string> } {
  const activities: DeskActivity[] = [];
  const payments: LetsEvent[] = [];
  const traders = new Set<string>();
  for (const [i, after] of made.entries()) {
    const before = spent.find((d) => d.deskId === after.deskId);
    if (!before) {
      activities.push({ site, position, desk: after, trade: null, notes: [{ kind: "opened", nanoErg: after.reserveNanoErg, terms: after.terms }] });
      continue;
    }
    const trade = tradeOf(before, after, accountsIn, accountsOut, site.height, dataInputs, view);
    const desk = !trade || trade.price === null ? after : { ...after, lastPrice: trade.price };
    made[i] = desk;
    activities.push({ site, position, desk, trade, notes: changesOf(before, after, site.height, trade !== null) });
    if (!trade) continue;
    traders.add(trade.accountId);
    const accounts = accountsOut.filter((a) => a.accountId === trade.accountId);
    const [payer, payee] = trade.side === "buy" ? [after.deskId, trade.accountId] : [trade.accountId, after.deskId];
    payments.push({ kind: "payment", site, communityId: after.communityId, payer, payees: [{ accountId: payee, amount: trade.units }], accounts });
  }
  return { activities, payments, traders };
}
