/**
 * The desk's committee and everyone else (docs/desk.md): a deposit into the reserve (anyone), a
 * refresh of a dormant desk (anyone), and governance (the committee): announcing a change of terms
 * that takes effect after the notice period, cancelling it, changing the committee, withdrawing
 * reserve above what buying back every outstanding unit would pay.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { keysProblem } from "../committee.ts";
import { coverNanoErg, outstandingUnits, type DeskChange, type DeskTerms } from "../desk/desk.ts";
import { InvalidIntent, ReserveTooLow } from "../errors.ts";
import { isDormant } from "../storage-rent.ts";
import { MIN_BOX_VALUE, DORMANT_BLOCKS } from "../scripts.ts";
import type { BuildContext } from "./common.ts";
import { checkDeskTerms, deskPrice, deskSuccessor, deskSuccessorFloor, requireDesk, termsForBuild } from "./desk-common.ts";
import { promoted } from "./desk-trade.ts";
import { walletPaidTx } from "./line-common.ts";

/** A deposit of `nanoErg` (at least the minimum box value), or 0 to refresh a dormant desk. */
export interface DepositDeskIntent {
  desk: Box<Amount>;
  nanoErg: bigint;
}

/** Builds a deposit or refresh; anyone may, and only the wallet signs. */
export function depositToDesk(intent: DepositDeskIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const desk = requireDesk(intent.desk);
  const dormant = isDormant(desk.creationHeight, ctx.height);
  if (intent.nanoErg < 0n) throw new InvalidIntent("a deposit cannot be negative");
  if (intent.nanoErg < MIN_BOX_VALUE && !dormant) {
    throw new InvalidIntent(`a deposit is at least ${MIN_BOX_VALUE} nanoERG (only a desk untouched for ${DORMANT_BLOCKS} blocks may be refreshed with nothing)`);
  }
  // A refresh after storage rent took a fee may find the reserve below the floor: the wallet adds the rest.
  const floor = deskSuccessorFloor(desk, promoted(desk, ctx.height), ctx.height);
  const paid = desk.reserveNanoErg + intent.nanoErg >= floor ? intent.nanoErg : floor - desk.reserveNanoErg;
  const out = deskSuccessor(desk, { reserveNanoErg: desk.reserveNanoErg + paid, ...promoted(desk, ctx.height) }, ctx.height);
  return walletPaidTx({ inputs: [desk.box], outputs: [out] }, ctx, paid);
}

/** What the committee changes; anything left out stays. */
export interface GovernDeskIntent {
  desk: Box<Amount>;
  /** New terms (fields left out keep the active ones), taking effect at `effectiveHeight` (default: the earliest the notice allows). */
  announce?: { terms: Partial<Omit<DeskTerms, "maxUnits">>; effectiveHeight?: bigint };
  /** Drop the announced change. */
  cancel?: boolean;
  /** The desk's new committee (serialized SigmaProp, hex). */
  committee?: string;
  withdrawNanoErg?: bigint;
  depositNanoErg?: bigint;
  /** The oracle pool box, for a withdrawal from a desk priced in US dollars. */
  oracle?: Box<Amount>;
}

/** Builds a governance transaction; the desk's committee signs it. */
export function governDesk(intent: GovernDeskIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const desk = requireDesk(intent.desk);
  if (intent.announce && intent.cancel) throw new InvalidIntent("announce a change or cancel one, not both");
  const active = termsForBuild(desk, ctx.height);
  let pending: DeskChange | null | undefined = promoted(desk, ctx.height).pending;
  if (intent.cancel) {
    if (!desk.pending || pending === null) throw new InvalidIntent("no announced change to cancel");
    pending = null;
  }
  if (intent.announce) {
    const terms: DeskTerms = { ...active, ...intent.announce.terms, maxUnits: active.maxUnits };
    terms.oracleNft = terms.oracleNft.toLowerCase();
    checkDeskTerms(terms);
    // The contract judges the notice at HEIGHT, the next block at the earliest.
    const earliest = BigInt(ctx.height) + 1n + active.noticeBlocks;
    const effectiveHeight = intent.announce.effectiveHeight ?? earliest;
    if (effectiveHeight < earliest) throw new InvalidIntent(`effectiveHeight: the desk gives ${active.noticeBlocks} blocks of notice, so no earlier than ${earliest}`);
    if (effectiveHeight > BigInt(ctx.height) + BigInt(DORMANT_BLOCKS)) throw new InvalidIntent(`effectiveHeight: at most ${DORMANT_BLOCKS} blocks ahead`);
    pending = { terms, effectiveHeight };
  }
  if (intent.committee !== undefined) {
    const problem = keysProblem(intent.committee);
    if (problem) throw new InvalidIntent(`committee ${problem}`);
  }
  const withdraw = intent.withdrawNanoErg ?? 0n;
  const deposit = intent.depositNanoErg ?? 0n;
  if (withdraw < 0n || deposit < 0n) throw new InvalidIntent("withdrawNanoErg and depositNanoErg cannot be negative");
  if (withdraw > 0n && deposit > 0n) throw new InvalidIntent("withdraw or deposit, not both");
  let dataInputs: Box<Amount>[] = [];
  if (withdraw > 0n) {
    const { price, dataInputs: read } = deskPrice(active, intent.oracle, ctx.height);
    dataInputs = read;
    const cover = coverNanoErg(active, outstandingUnits(desk), price);
    if (desk.reserveNanoErg - withdraw < cover) throw new ReserveTooLow(desk.deskId, desk.reserveNanoErg, withdraw, cover);
    // (deskSuccessor below refuses a reserve under the box's storage floor, which may be the higher.)
  }
  const fields = { terms: active, ...(pending === undefined ? {} : { pending }), ...(intent.committee ? { committee: intent.committee } : {}) };
  // An announcement (or a larger committee) makes the box larger: the committee's wallet tops the
  // reserve up to the new floor, unless it is withdrawing (then the floor is a limit).
  const floor = deskSuccessorFloor(desk, fields, ctx.height);
  const requested = desk.reserveNanoErg + deposit - withdraw;
  const topUp = withdraw === 0n && requested < floor ? floor - requested : 0n;
  const out = deskSuccessor(desk, { ...fields, reserveNanoErg: requested + topUp }, ctx.height);
  return walletPaidTx({ inputs: [desk.box], outputs: [out], dataInputs }, ctx, deposit + topUp - withdraw);
}
