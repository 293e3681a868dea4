/**
 * Underwriting (docs/underwriting.md): an underwriter offers a stake to raise one account's credit
 * limit; the member accepts it (paying the premium, if any, to the underwriter's account); the
 * underwriter withdraws it while the raise is not in use, or cancels an offer not yet accepted;
 * anyone refreshes a dormant stake. Exits settle stakes through `buildExit` (exit.ts).
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters, accountTermsConstant, type Account, type AccountTerms } from "../account/account.ts";
import { InvalidIntent, NotALetsBox, NotDormant, PositiveCapExceeded, UnderwritingRefused, WrongCommunity } from "../errors.ts";
import { LINE_FLOOR_FEES, STORAGE_FEE_FACTOR, UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import { boxFeeNanoErg, dormantFrom, isDormant } from "../storage-rent.ts";
import {
  acceptBlocker, decodeUnderwriting, termsAfterAccept, termsAfterWithdraw, underwritingRegisters, withdrawBlocker,
  type Underwriting, type UnderwritingDeal,
} from "../underwriting/underwriting.ts";
import { positiveUnits, requireAccount, type BuildContext } from "./common.ts";
import { walletPaidTx } from "./line-common.ts";
import { payeeActivity, successor } from "./pay.ts";

/** Decodes an underwriting box or throws `NotALetsBox`. */
export function requireUnderwriting(box: Box<Amount>): Underwriting {
  const result = decodeUnderwriting(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "underwriting", result.reason);
  return result.value;
}

/**
 * The least ERG an accepted stake may hold: one nanoERG above twice its storage fee with eight bytes
 * of room, as the contract requires (rent then needs three periods to take it whole).
 */
export function stakeFloorNanoErg(deal: UnderwritingDeal, height: number): bigint {
  const candidate = {
    value: 1n << 62n, ergoTree: UNDERWRITING_ERGO_TREE, creationHeight: height,
    assets: [{ tokenId: "00".repeat(32), amount: 1n }], additionalRegisters: underwritingRegisters(deal),
  };
  return (boxFeeNanoErg(candidate, 1) + 8n * STORAGE_FEE_FACTOR) * LINE_FLOOR_FEES + 1n;
}

/** What an underwriter offers: `raiseUnits` of credit for `account`, backed by `stakeNanoErg`. */
export interface OfferIntent {
  /** The account to back (its current box: the offer checks the price and the cap against it). */
  account: Box<Amount>;
  /** Serialized SigmaProp (hex) of the underwriter: who may withdraw or cancel. */
  underwriter: string;
  raiseUnits: bigint | number | string;
  stakeNanoErg: bigint | number | string;
  /** Units the member pays at acceptance (default 0), to `premiumAccountId`. */
  premiumUnits?: bigint | number | string;
  premiumAccountId?: string;
}

/** The deal an offer would write, checked against the account as the acceptance will be. */
export function dealOf(intent: OfferIntent, account: Account, height: number): { deal: UnderwritingDeal; stake: bigint } {
  const raise = positiveUnits("raiseUnits", intent.raiseUnits);
  const stake = positiveUnits("stakeNanoErg", intent.stakeNanoErg);
  const premium = intent.premiumUnits === undefined || intent.premiumUnits === 0 || intent.premiumUnits === "0" || intent.premiumUnits === 0n
    ? 0n : positiveUnits("premiumUnits", intent.premiumUnits);
  const premiumAccountId = premium > 0n ? (intent.premiumAccountId ?? "").toLowerCase() : "";
  if (premium > 0n && !/^[0-9a-f]{64}$/.test(premiumAccountId)) throw new InvalidIntent("premiumAccountId: a premium needs the accountId (64 hex digits) that receives it");
  if (premiumAccountId === account.accountId) throw new InvalidIntent("premiumAccountId: the premium cannot go to the backed account itself");
  if (!/^08/.test(intent.underwriter)) throw new InvalidIntent("underwriter: a serialized SigmaProp (hex, 08...)");
  const deal: UnderwritingDeal = { underwriter: intent.underwriter.toLowerCase(), accountId: account.accountId, communityId: account.communityId, raise, premium, premiumAccountId };
  const blocker = acceptBlocker(account.terms, raise, stake);
  if (blocker) throw new UnderwritingRefused(account.accountId, blocker);
  const floor = stakeFloorNanoErg(deal, height);
  if (stake < floor) throw new UnderwritingRefused(account.accountId, `a stake box must hold more than twice its storage fee: at least ${floor} nanoERG`);
  return { deal, stake };
}

/**
 * Builds an offer: an underwriting box without a token, holding the stake, paid from the
 * underwriter's wallet. The member accepts it with `acceptUnderwriting`.
 * @example
 * const tx = offerUnderwriting({ account: aliceBox, underwriter, raiseUnits: 500n, stakeNanoErg: 10_000_000_000n }, { height, wallet });
 */
export function offerUnderwriting(intent: OfferIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const account = requireAccount(intent.account);
  const { deal, stake } = dealOf(intent, account, ctx.height);
  const offer = new OutputBuilder(stake, UNDERWRITING_ERGO_TREE).setAdditionalRegisters(underwritingRegisters(deal));
  return walletPaidTx({ inputs: [], outputs: [offer] }, ctx, stake);
}

/** The account's successor with new terms and, optionally, a new balance (activity as a payment). */
function withTerms(account: Account, terms: AccountTerms, balance: bigint, lastActive: bigint): OutputBuilder {
  return successor(account, balance, lastActive, account.valueNanoErg).setAdditionalRegisters({
    ...accountSuccessorRegisters(account, balance, lastActive),
    R6: accountTermsConstant(terms),
  });
}

/** Which offer the member accepts, and the underwriter's account when the offer asks a premium. */
export interface AcceptIntent {
  offer: Box<Amount>;
  account: Box<Amount>;
  premiumAccount?: Box<Amount>;
}

/**
 * Builds an acceptance, signed by the account's owner: the offer first (its id becomes the stake's
 * token id), the account's successor with the raise and the entry at output 0, the stake at output
 * 1, the premium's payee after. The member's wallet pays the fee.
 * @example
 * const tx = acceptUnderwriting({ offer, account: aliceBox }, { height, wallet });
 */
export function acceptUnderwriting(intent: AcceptIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const offer = requireUnderwriting(intent.offer);
  const account = requireAccount(intent.account);
  if (offer.state !== "offer") throw new InvalidIntent(`box ${offer.boxId} is an accepted stake, not an offer`);
  if (offer.accountId !== account.accountId) throw new UnderwritingRefused(account.accountId, `the offer backs account ${offer.accountId}`);
  if (offer.communityId !== account.communityId) throw new WrongCommunity(account.boxId, offer.communityId, account.communityId);
  const blocker = acceptBlocker(account.terms, offer.raise, offer.stakeNanoErg);
  if (blocker) throw new UnderwritingRefused(account.accountId, blocker);
  const height = BigInt(ctx.height);
  const stakeId = offer.boxId;
  const terms = termsAfterAccept(account.terms, stakeId, offer.raise);
  const inputs = [offer.box, account.box];
  const balance = account.balance - offer.premium;
  if (balance + account.terms.creditLimit < 0n) {
    throw new UnderwritingRefused(account.accountId, `the premium of ${offer.premium} units would take the balance to ${balance}, below the floor of -${account.terms.creditLimit}`);
  }
  const outputs = [
    // With a premium the owner pays, so marks activity; without, the account sees a spend at the same
    // balance that is not the owner's, and a negative balance must then be marked now.
    withTerms(account, terms, balance, offer.premium > 0n ? height : payeeActivity(account, height)),
    new OutputBuilder(offer.stakeNanoErg, UNDERWRITING_ERGO_TREE)
      .mintToken({ amount: 1n })
      .setAdditionalRegisters(underwritingRegisters(offer)),
  ];
  if (offer.premium > 0n) {
    if (!intent.premiumAccount) throw new InvalidIntent(`the offer asks a premium of ${offer.premium} units: give the account ${offer.premiumAccountId} that receives it`);
    const payee = requireAccount(intent.premiumAccount);
    if (payee.accountId !== offer.premiumAccountId) throw new InvalidIntent(`the premium goes to account ${offer.premiumAccountId}, not ${payee.accountId}`);
    if (payee.communityId !== account.communityId) throw new WrongCommunity(payee.boxId, account.communityId, payee.communityId);
    const credited = payee.balance + offer.premium;
    if (credited > payee.terms.positiveCap) throw new PositiveCapExceeded(payee.accountId, payee.terms.positiveCap, credited);
    inputs.push(payee.box);
    outputs.push(successor(payee, credited, payeeActivity(payee, height), payee.valueNanoErg));
  }
  return walletPaidTx({ inputs, outputs }, ctx, 0n);
}

/** Which stake the underwriter withdraws from which account. */
export interface WithdrawIntent {
  stake: Box<Amount>;
  account: Box<Amount>;
}

/**
 * Builds a withdrawal, signed by the underwriter: the account at the same balance with the raise
 * and the entry gone (output 0), the stake's ERG to the underwriter's wallet, its token burnt.
 * Refused while the raise is in use.
 */
export function withdrawUnderwriting(intent: WithdrawIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const stake = requireUnderwriting(intent.stake);
  const account = requireAccount(intent.account);
  if (stake.accountId !== account.accountId) throw new UnderwritingRefused(account.accountId, `the stake backs account ${stake.accountId}`);
  const blocker = withdrawBlocker(account, stake);
  if (blocker) throw new UnderwritingRefused(account.accountId, blocker);
  const terms = termsAfterWithdraw(account.terms, stake.stakeId!, stake.raise);
  // Not the owner's act: activity is kept, or marked now on a negative balance (the account's rule
  // for a spend by someone else).
  const lastActive = payeeActivity(account, BigInt(ctx.height));
  const outputs = [withTerms(account, terms, account.balance, lastActive)];
  return walletPaidTx({ inputs: [stake.box, account.box], outputs, burn: [{ tokenId: stake.stakeId!, amount: 1n }] }, ctx, 0n);
}

/** Builds the cancellation of an offer not yet accepted, signed by the underwriter: the stake back to its wallet. */
export function cancelUnderwriting(intent: { offer: Box<Amount> }, ctx: BuildContext): EIP12UnsignedTransaction {
  const offer = requireUnderwriting(intent.offer);
  if (offer.state !== "offer") throw new InvalidIntent(`box ${offer.boxId} is an accepted stake: withdraw it with its account instead`);
  return walletPaidTx({ inputs: [offer.box], outputs: [] }, ctx, 0n);
}

/** Builds the refresh of a dormant stake (anyone): the same box at the current height, so rent never reaches it. */
export function refreshUnderwriting(intent: { stake: Box<Amount> }, ctx: BuildContext): EIP12UnsignedTransaction {
  const stake = requireUnderwriting(intent.stake);
  if (stake.state !== "active") throw new InvalidIntent("only an accepted stake is refreshed; an offer is cancelled");
  if (!isDormant(stake.creationHeight, ctx.height)) throw new NotDormant(stake.boxId, dormantFrom(stake.creationHeight));
  const out = new OutputBuilder(stake.stakeNanoErg, UNDERWRITING_ERGO_TREE)
    .addTokens({ tokenId: stake.stakeId!, amount: 1n })
    .setAdditionalRegisters(underwritingRegisters(stake));
  return walletPaidTx({ inputs: [stake.box], outputs: [out] }, ctx, 0n);
}
