/**
 * The exchange desk (contract version 6, docs/desk.md): its registers, a decoder for boxes read
 * from a node, and the exact arithmetic the desk contract checks. Pure and isomorphic.
 *
 * Prices: `rateNum` units for `rateDen × price` nanoERG, where `price` is 1 for a fixed rate (so
 * `rateDen` is in nanoERG) and the oracle pool's nanoERG per USD for a desk priced in dollars (so
 * `rateDen` is in US dollars). Every rounding is the desk's: a buyer pays the ceiling, a seller is
 * paid the floor, exactly as the contract's inequalities allow and no more.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { decode, SByte, SColl, SLong, SPair } from "@fleet-sdk/serializer";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longConstant, readBytes, readLong, readSigmaProp } from "../registers.ts";
import { DESK_ERGO_TREE, MAX_DESK_LEDGER } from "../scripts.ts";

/** A desk's terms (R4 when active, R8 when announced). */
export interface DeskTerms {
  /** `rateNum` units for `rateDen × price` nanoERG (price: 1, or the oracle's nanoERG per USD). */
  rateNum: bigint;
  rateDen: bigint;
  /** Fees in basis points, charged on buys (in units not issued) and on sells (in ERG not paid). */
  buyFeeBps: bigint;
  sellFeeBps: bigint;
  /** Most units outstanding at once (what the desk issued and did not buy back). */
  issueLimit: bigint;
  /** A period's length in blocks, and the most units one member may buy in a period (0: no limit). */
  periodBlocks: bigint;
  memberLimit: bigint;
  /** Blocks between announcing a change and its taking effect. */
  noticeBlocks: bigint;
  /** Oldest oracle pool box the desk prices with, in blocks (unused at a fixed rate). */
  maxOracleAge: bigint;
  /** The community's bound on any balance, fixed at opening. */
  maxUnits: bigint;
  /** The ERG/USD oracle pool's NFT id (64 hex digits), or "" for a fixed rate. */
  oracleNft: string;
}

/** A change the committee announced: it takes effect at `effectiveHeight`. */
export interface DeskChange {
  terms: DeskTerms;
  effectiveHeight: bigint;
}

/** One buyer of the current period and the units it bought. */
export interface DeskBuyer {
  accountId: string;
  issued: bigint;
}

/** The per-member limit's books: the period they are for and this period's buyers. */
export interface DeskLedger {
  period: bigint;
  buyers: DeskBuyer[];
}

/** A desk as its live box states it. */
export interface Desk {
  boxId: string;
  deskId: string;
  communityId: string;
  /** The terms in R4; `activeTerms` says which apply at a height. */
  terms: DeskTerms;
  pending: DeskChange | null;
  /** Minus the units outstanding (what the desk issued and did not buy back). */
  balance: bigint;
  /** Serialized SigmaProp (hex) of the desk's committee. */
  committee: string;
  ledger: DeskLedger;
  reserveNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

const TERM_FIELDS = [
  "rateNum", "rateDen", "buyFeeBps", "sellFeeBps", "issueLimit", "periodBlocks", "memberLimit", "noticeBlocks", "maxOracleAge", "maxUnits",
] as const;

export const termsLongs = (t: DeskTerms): bigint[] => TERM_FIELDS.map((f) => t[f]);
const termsFrom = (longs: bigint[], oracleNft: string): DeskTerms =>
  Object.fromEntries([...TERM_FIELDS.map((f, i) => [f, longs[i]!]), ["oracleNft", oracleNft]]) as unknown as DeskTerms;

const pair = (longs: bigint[], bytes: string): string => SPair(SColl(SLong, longs), SColl(SByte, hex.decode(bytes))).toHex();

/** R4 or R8: terms and NFT (R8 with the effective height after the terms; both empty when nothing is pending). */
export const termsConstant = (t: DeskTerms): string => pair(termsLongs(t), t.oracleNft);
export const pendingConstant = (p: DeskChange | null): string =>
  p === null ? pair([], "") : pair([...termsLongs(p.terms), p.effectiveHeight], p.terms.oracleNft);
export const ledgerConstant = (l: DeskLedger): string =>
  SPair(
    SColl(SLong, [l.period, ...l.buyers.map((b) => b.issued)]),
    SColl(SColl(SByte), l.buyers.map((b) => hex.decode(b.accountId))),
  ).toHex();

/** Registers of a desk box. */
export function deskRegisters(d: { terms: DeskTerms; pending: DeskChange | null; balance: bigint; committee: string; deskId: string; ledger: DeskLedger }): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  return {
    R4: termsConstant(d.terms),
    R5: longConstant(d.balance),
    R6: d.committee,
    R7: bytesConstant(d.deskId),
    R8: pendingConstant(d.pending),
    R9: ledgerConstant(d.ledger),
  };
}

function readPair(register: string, value: string | undefined, type: string): [unknown, unknown] {
  if (value === undefined) throw new Error(`${register}: missing`);
  let c;
  try {
    c = decode(value);
  } catch {
    c = undefined;
  }
  if (!c || c.type.toString() !== type) throw new Error(`${register}: expected ${type}`);
  return c.data as [unknown, unknown];
}

const nftOf = (register: string, bytes: Uint8Array): string => {
  if (bytes.length !== 0 && bytes.length !== 32) throw new Error(`${register}: the oracle NFT is 32 bytes or none`);
  return hex.encode(bytes);
};

/** Decodes a desk box, or says why it is not a well-formed desk. */
export function decodeDesk(box: Box<Amount>): Decoded<Desk> {
  return decoded(() => {
    if (box.ergoTree !== DESK_ERGO_TREE) throw new Error("not the desk script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) throw new Error("a desk holds exactly one membership unit");
    const r = box.additionalRegisters;
    const [longs, nft] = readPair("R4", r.R4, "(SColl[SLong], SColl[SByte])") as [bigint[], Uint8Array];
    if (longs.length !== 10) throw new Error("R4: expected 10 terms");
    if (termsConstant(termsFrom(longs, hex.encode(nft))) !== r.R4!.toLowerCase()) throw new Error("R4: not canonical");
    const [pLongs, pNft] = readPair("R8", r.R8, "(SColl[SLong], SColl[SByte])") as [bigint[], Uint8Array];
    if (pLongs.length !== 0 && pLongs.length !== 11) throw new Error("R8: expected no change or 10 terms and a height");
    const pending = pLongs.length === 0 ? null : { terms: termsFrom(pLongs.slice(0, 10), nftOf("R8", pNft)), effectiveHeight: pLongs[10]! };
    const [amounts, ids] = readPair("R9", r.R9, "(SColl[SLong], SColl[SColl[SByte]])") as [bigint[], Uint8Array[]];
    if (amounts.length !== ids.length + 1) throw new Error("R9: one amount per buyer after the period");
    const ledger: DeskLedger = { period: amounts[0]!, buyers: ids.map((id, i) => ({ accountId: hex.encode(id), issued: amounts[i + 1]! })) };
    const deskId = readBytes("R7", r.R7);
    if (deskId.length !== 64) throw new Error("R7: the desk id is 32 bytes");
    return {
      boxId: box.boxId,
      deskId,
      communityId: token.tokenId,
      terms: termsFrom(longs, nftOf("R4", nft)),
      pending,
      balance: readLong("R5", r.R5),
      committee: readSigmaProp("R6", r.R6),
      ledger,
      reserveNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** The terms that apply to a transaction mined at `height` (the contract's HEIGHT). */
export function activeTerms(desk: Pick<Desk, "terms" | "pending">, height: bigint | number): DeskTerms {
  const h = BigInt(height);
  return desk.pending && h >= desk.pending.effectiveHeight ? desk.pending.terms : desk.terms;
}

/** Units outstanding: what the desk issued and has not bought back (0 if it holds units). */
export const outstandingUnits = (desk: Pick<Desk, "balance">): bigint => (desk.balance < 0n ? -desk.balance : 0n);

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** The nanoERG a buyer pays for `units`: the least the contract takes (the ceiling, fee included). */
export function buyCostNanoErg(t: DeskTerms, units: bigint, price: bigint): bigint {
  return ceilDiv(units * t.rateDen * price * 10_000n, t.rateNum * (10_000n - t.buyFeeBps));
}

/** The most units `paidNanoErg` buys (the floor, fee taken). */
export function unitsForNanoErg(t: DeskTerms, paidNanoErg: bigint, price: bigint): bigint {
  return (paidNanoErg * t.rateNum * (10_000n - t.buyFeeBps)) / (t.rateDen * price * 10_000n);
}

/** The nanoERG a seller of `units` receives: the most the contract lets the reserve pay (the floor, fee taken). */
export function sellPayoutNanoErg(t: DeskTerms, units: bigint, price: bigint): bigint {
  return (units * t.rateDen * price * (10_000n - t.sellFeeBps)) / (t.rateNum * 10_000n);
}

/** What buying back every outstanding unit at the sell price would pay: the reserve's full cover. */
export function coverNanoErg(t: DeskTerms, outstanding: bigint, price: bigint): bigint {
  return ceilDiv(outstanding * t.rateDen * price * (10_000n - t.sellFeeBps), t.rateNum * 10_000n);
}

/** The ledger period a transaction mined at `height` falls in (0 without periods). */
export const periodAt = (t: DeskTerms, height: bigint): bigint => (t.periodBlocks === 0n ? 0n : height / t.periodBlocks);

/** The most buyers a desk tracks in one period. */
export const DESK_LEDGER_SIZE = MAX_DESK_LEDGER;

/** The ledger after `accountId` buys `units` at `height`, or why it may not (`allowed` is what is left). */
export function ledgerAfterBuy(
  desk: Pick<Desk, "ledger">, t: DeskTerms, accountId: string, units: bigint, height: bigint,
): { ok: true; ledger: DeskLedger } | { ok: false; limit: "member" | "ledger"; allowed: bigint; attempted: bigint } {
  if (t.memberLimit === 0n) return { ok: true, ledger: desk.ledger };
  const period = periodAt(t, height);
  const buyers = desk.ledger.period === period ? desk.ledger.buyers : [];
  const at = buyers.findIndex((b) => b.accountId === accountId);
  const before = at < 0 ? 0n : buyers[at]!.issued;
  if (before + units > t.memberLimit) return { ok: false, limit: "member", allowed: t.memberLimit - before, attempted: units };
  if (at < 0 && buyers.length >= DESK_LEDGER_SIZE) return { ok: false, limit: "ledger", allowed: 0n, attempted: units };
  const next = at < 0 ? [...buyers, { accountId, issued: units }] : buyers.map((b, i) => (i === at ? { ...b, issued: before + units } : b));
  return { ok: true, ledger: { period, buyers: next } };
}
