/** Pieces the exchange desk's builders share (docs/desk.md): decoding, the price, the successor. */
import type { Amount, Box } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { activeTerms, decodeDesk, deskRegisters, type Desk, type DeskChange, type DeskLedger, type DeskTerms } from "../desk/desk.ts";
import { decodeOraclePool, requireFreshOracle } from "../desk/oracle.ts";
import { InvalidIntent, InvalidPolicy, NotALetsBox, ReserveTooLow } from "../errors.ts";
import { MAX_DESK_RATE, DORMANT_BLOCKS, LINE_FLOOR_FEES, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxFeeNanoErg } from "../storage-rent.ts";

/** Decodes a desk box or throws `NotALetsBox`. */
export function requireDesk(box: Box<Amount>): Desk {
  const result = decodeDesk(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "desk", result.reason);
  return result.value;
}

/**
 * The price the contract will use for a transaction built at chain tip `height` (mined at
 * `height + 1` at the earliest): 1 at a fixed rate; with an oracle, the pool box's nanoERG per USD,
 * refused with `OraclePriceStale` when the desk would find it too old, and the box to read.
 */
export function deskPrice(terms: DeskTerms, oracle: Box<Amount> | undefined, height: number): { price: bigint; dataInputs: Box<Amount>[] } {
  if (terms.oracleNft === "") return { price: 1n, dataInputs: [] };
  if (!oracle) throw new InvalidIntent(`this desk is priced by the oracle pool ${terms.oracleNft.slice(0, 12)}…: give its current box`);
  const pool = decodeOraclePool(oracle, terms.oracleNft);
  requireFreshOracle(pool, height + 1, Number(terms.maxOracleAge));
  return { price: pool.nanoErgPerUsd, dataInputs: [oracle] };
}

/** The terms a transaction built at chain tip `height` is judged by (the change due at `height + 1` applies). */
export const termsForBuild = (desk: Desk, height: number): DeskTerms => activeTerms(desk, BigInt(height) + 1n);

/** Refuses terms the contracts refuse, naming the field. */
export function checkDeskTerms(t: DeskTerms): void {
  const within = (field: keyof DeskTerms, low: bigint, high: bigint) => {
    const v = t[field];
    if (typeof v !== "bigint" || v < low || v > high) throw new InvalidPolicy(field, `must be a whole number from ${low} to ${high}, got ${String(v)}`);
  };
  within("rateNum", 1n, MAX_DESK_RATE);
  within("rateDen", 1n, MAX_DESK_RATE);
  within("buyFeeBps", 0n, 9_999n);
  within("sellFeeBps", 0n, 9_999n);
  within("issueLimit", 0n, t.maxUnits);
  within("periodBlocks", 0n, BigInt(DORMANT_BLOCKS));
  within("memberLimit", 0n, t.maxUnits);
  within("noticeBlocks", 0n, BigInt(DORMANT_BLOCKS));
  within("maxOracleAge", 1n, BigInt(DORMANT_BLOCKS));
  if (t.memberLimit > 0n && t.periodBlocks < 1n) throw new InvalidPolicy("periodBlocks", "a member limit needs a period of at least one block");
  if (!/^([0-9a-f]{64})?$/.test(t.oracleNft)) throw new InvalidPolicy("oracleNft", `must be a token id (64 hex digits) or empty for a fixed rate, got ${t.oracleNft}`);
}

/** What a desk's successor changes. */
export interface DeskSuccessorFields {
  balance?: bigint;
  reserveNanoErg: bigint;
  terms?: DeskTerms;
  pending?: DeskChange | null;
  committee?: string;
  ledger?: DeskLedger;
}

/**
 * The least reserve the successor with these fields may hold (it grows with the registers: an
 * announced change, a new buyer in the ledger), so a caller can top it up before building.
 */
export function deskSuccessorFloor(desk: Desk, fields: Omit<DeskSuccessorFields, "reserveNanoErg">, height: number, index = 0): bigint {
  return deskFloorNanoErg({ value: 0n, ergoTree: desk.box.ergoTree, creationHeight: height, assets: [{ tokenId: desk.communityId, amount: 1n }], additionalRegisters: successorRegisters(desk, fields) }, index);
}

function successorRegisters(desk: Desk, fields: Omit<DeskSuccessorFields, "reserveNanoErg">) {
  return deskRegisters({
    terms: fields.terms ?? desk.terms,
    pending: fields.pending === undefined ? desk.pending : fields.pending,
    balance: fields.balance ?? desk.balance,
    committee: fields.committee ?? desk.committee,
    deskId: desk.deskId,
    ledger: fields.ledger ?? desk.ledger,
  });
}

/** The successor box, with a reserve above twice its storage fee (the contract's floor) or `ReserveTooLow`. */
export function deskSuccessor(desk: Desk, fields: DeskSuccessorFields, height: number, index = 0): OutputBuilder {
  const registers = successorRegisters(desk, fields);
  const candidate = { value: fields.reserveNanoErg, ergoTree: desk.box.ergoTree, creationHeight: height, assets: [{ tokenId: desk.communityId, amount: 1n }], additionalRegisters: registers };
  const floor = deskFloorNanoErg(candidate, index);
  if (fields.reserveNanoErg < floor) throw new ReserveTooLow(desk.deskId, desk.reserveNanoErg, desk.reserveNanoErg - fields.reserveNanoErg, floor);
  return new OutputBuilder(fields.reserveNanoErg, desk.box.ergoTree)
    .addTokens({ tokenId: desk.communityId, amount: 1n })
    .setAdditionalRegisters(registers)
    .setCreationHeight(height);
}

/** The least reserve a desk box like `candidate` may hold: one nanoERG above twice its storage fee (docs/desk.md, "Storage rent"). */
export function deskFloorNanoErg(candidate: Parameters<typeof boxFeeNanoErg>[0], index = 0): bigint {
  // The value's own encoding counts: judge the floor at a value as long as the largest.
  // Eight bytes of room, as the contract: rent may recreate the box at a height that takes longer to encode.
  return (boxFeeNanoErg({ ...candidate, value: 1n << 62n }, index) + 8n * STORAGE_FEE_FACTOR) * LINE_FLOOR_FEES + 1n;
}
