/**
 * Buying units from an exchange desk and selling them back (docs/desk.md). A buy credits one
 * account and needs no signature but the wallet's that pays the ERG; a sell debits the seller's
 * account, which its owner signs, and pays the ERG to the wallet's change address.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { buyCostNanoErg, ledgerAfterBuy, outstandingUnits, sellPayoutNanoErg, unitsForNanoErg, type DeskTerms } from "../desk/desk.ts";
import { DeskLimitReached, InvalidIntent, PositiveCapExceeded, ReserveTooLow, WrongCommunity } from "../errors.ts";
import { ACCOUNT_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, positiveUnits, requireAccount, requireWallet, type BuildContext } from "./common.ts";
import { deskPrice, deskSuccessor, deskSuccessorFloor, requireDesk, termsForBuild } from "./desk-common.ts";
import { walletPaidTx } from "./line-common.ts";
import { payeeActivity, successor } from "./pay.ts";
import type { Account } from "../account/account.ts";

/** A trade: the desk, the member's account, how much, and the oracle pool box if the desk is priced by one. */
export interface DeskTradeIntent {
  desk: Box<Amount>;
  account: Box<Amount>;
  /** Units to buy or sell. For a buy, give `units` or `payNanoErg` (the most units that ERG buys). */
  units?: bigint | number | string;
  payNanoErg?: bigint;
  oracle?: Box<Amount>;
}

/** What a trade moves, computed as the contract checks it. */
export interface DeskQuote {
  side: "buy" | "sell";
  units: bigint;
  /** nanoERG into the reserve (buy) or out of it to the seller (sell). */
  nanoErg: bigint;
  /** Of `nanoErg` on a buy: what tops the reserve up to the larger box's floor (usually 0). */
  floorTopUpNanoErg?: bigint;
  /** The price used: 1 at a fixed rate, else the oracle's nanoERG per USD. */
  price: bigint;
  terms: DeskTerms;
  deskBalanceAfter: bigint;
  reserveAfterNanoErg: bigint;
  accountBalanceAfter: bigint;
}

function parties(intent: DeskTradeIntent) {
  const desk = requireDesk(intent.desk);
  const account = requireAccount(intent.account);
  if (account.box.ergoTree !== ACCOUNT_ERGO_TREE) throw new InvalidIntent("only accounts of a plain community trade with a desk (docs/desk.md)");
  if (account.communityId !== desk.communityId) throw new WrongCommunity(account.boxId, desk.communityId, account.communityId);
  return { desk, account };
}

/** The quote of a buy at chain tip `height`; throws the typed error of the first rule it would break. */
export function quoteBuy(intent: DeskTradeIntent, height: number): DeskQuote & { ledger: ReturnType<typeof ledgerAfterBuy> } {
  const { desk, account } = parties(intent);
  const terms = termsForBuild(desk, height);
  const { price } = deskPrice(terms, intent.oracle, height);
  let units: bigint;
  if (intent.units !== undefined) {
    if (intent.payNanoErg !== undefined) throw new InvalidIntent("give units or payNanoErg, not both");
    units = positiveUnits("units", intent.units);
  } else {
    if (intent.payNanoErg === undefined || intent.payNanoErg <= 0n) throw new InvalidIntent("a buy needs units or a positive payNanoErg");
    units = unitsForNanoErg(terms, intent.payNanoErg, price);
    if (units <= 0n) throw new InvalidIntent(`${intent.payNanoErg} nanoERG buys less than one unit at this rate`);
  }
  const cost = buyCostNanoErg(terms, units, price);
  const deskBalanceAfter = desk.balance - units;
  if (-deskBalanceAfter > terms.issueLimit) {
    throw new DeskLimitReached(desk.deskId, "issue", terms.issueLimit - outstandingUnits(desk), units, "the desk would pass its issue limit");
  }
  const ledger = ledgerAfterBuy(desk, terms, account.accountId, units, BigInt(height) + 1n);
  if (!ledger.ok) {
    throw new DeskLimitReached(desk.deskId, ledger.limit, ledger.allowed, units,
      ledger.limit === "member" ? "this member would pass the desk's limit for the period" : "the desk has served as many members as it can track this period");
  }
  const accountBalanceAfter = account.balance + units;
  if (accountBalanceAfter > account.terms.positiveCap) throw new PositiveCapExceeded(account.accountId, account.terms.positiveCap, accountBalanceAfter);
  // A new buyer in the ledger, or a longer balance, makes the box larger and its floor higher: the
  // buyer tops the reserve up to it (a few bytes' storage fees), or the contract would refuse.
  const floor = deskSuccessorFloor(desk, { balance: deskBalanceAfter, ledger: ledger.ledger, ...promoted(desk, height) }, height);
  const floorTopUpNanoErg = desk.reserveNanoErg + cost >= floor ? 0n : floor - desk.reserveNanoErg - cost;
  const nanoErg = cost + floorTopUpNanoErg;
  return { side: "buy", units, nanoErg, floorTopUpNanoErg, price, terms, deskBalanceAfter, reserveAfterNanoErg: desk.reserveNanoErg + nanoErg, accountBalanceAfter, ledger };
}

/** The quote of a sell at chain tip `height`. */
export function quoteSell(intent: DeskTradeIntent, height: number): DeskQuote {
  const { desk, account } = parties(intent);
  if (intent.payNanoErg !== undefined) throw new InvalidIntent("a sell is given in units");
  const units = positiveUnits("units", intent.units);
  const terms = termsForBuild(desk, height);
  const { price } = deskPrice(terms, intent.oracle, height);
  const accountBalanceAfter = account.balance - units;
  if (accountBalanceAfter < 0n) throw new InvalidIntent(`a member sells only units it holds: account ${account.accountId.slice(0, 12)}… holds ${account.balance < 0n ? 0n : account.balance}`);
  const deskBalanceAfter = desk.balance + units;
  if (deskBalanceAfter > terms.maxUnits) throw new DeskLimitReached(desk.deskId, "cap", terms.maxUnits - desk.balance, units, "the desk would hold more units than any member may");
  const nanoErg = sellPayoutNanoErg(terms, units, price);
  if (nanoErg <= 0n) throw new InvalidIntent(`${units} units sell for less than one nanoERG at this rate`);
  return { side: "sell", units, nanoErg, price, terms, deskBalanceAfter, reserveAfterNanoErg: desk.reserveNanoErg - nanoErg, accountBalanceAfter };
}

function accountAfter(account: Account, balance: bigint, height: number, byOwner: boolean) {
  // A buyer's account is a payee: activity kept (or marked, if it was negative), value kept.
  const activity = byOwner ? BigInt(height) : payeeActivity(account, BigInt(height));
  return successor(account, balance, activity, account.valueNanoErg);
}

/** Builds a buy: the wallet pays the ERG and the fee; the account is credited. */
export function buyFromDesk(intent: DeskTradeIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const q = quoteBuy(intent, ctx.height);
  if (!q.ledger.ok) throw new Error("unreachable");
  const { desk, account } = parties(intent);
  const { dataInputs } = deskPrice(q.terms, intent.oracle, ctx.height);
  const deskOut = deskSuccessor(desk, { balance: q.deskBalanceAfter, reserveNanoErg: q.reserveAfterNanoErg, ledger: q.ledger.ledger, ...promoted(desk, ctx.height) }, ctx.height);
  return walletPaidTx({ inputs: [desk.box, account.box], outputs: [deskOut, accountAfter(account, q.accountBalanceAfter, ctx.height, false)], dataInputs }, ctx, q.nanoErg);
}

/** Builds a sell: the owner signs; the reserve pays the seller's wallet (change address), which pays the fee. */
export function sellToDesk(intent: DeskTradeIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const q = quoteSell(intent, ctx.height);
  const { desk, account } = parties(intent);
  const { dataInputs } = deskPrice(q.terms, intent.oracle, ctx.height);
  let deskOut;
  try {
    deskOut = deskSuccessor(desk, { balance: q.deskBalanceAfter, reserveNanoErg: q.reserveAfterNanoErg, ...promoted(desk, ctx.height) }, ctx.height);
  } catch (error) {
    if (error instanceof ReserveTooLow) throw new ReserveTooLow(desk.deskId, desk.reserveNanoErg, q.nanoErg, error.floorNanoErg);
    throw error;
  }
  const outputs = [deskOut, accountAfter(account, q.accountBalanceAfter, ctx.height, true)];
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  // The payout less the fee is the change; below the minimum box value it would be dust, which the
  // node refuses, so a wallet box joins it then (found by the property tests).
  if (q.nanoErg >= fee + MIN_BOX_VALUE) return walletPaidTx({ inputs: [desk.box, account.box], outputs, dataInputs }, ctx, -q.nanoErg);
  const own = wallet.utxos[0];
  if (!own) throw new InvalidIntent(`${q.units} units sell for ${q.nanoErg} nanoERG, less than the fee and the smallest box (${fee + MIN_BOX_VALUE}): sell more, or have ERG in the wallet`);
  return walletPaidTx({ inputs: [desk.box, account.box, own], outputs, dataInputs }, { ...ctx, wallet: { ...wallet, utxos: wallet.utxos.slice(1) } }, -q.nanoErg);
}

/** A change due at the next block is written into the successor, so the box says what applies. */
export function promoted(desk: ReturnType<typeof requireDesk>, height: number): { terms?: DeskTerms; pending?: null } {
  return desk.pending && BigInt(height) + 1n >= desk.pending.effectiveHeight ? { terms: desk.pending.terms, pending: null } : {};
}
