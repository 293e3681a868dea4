/**
 * Underwriting in plain words (docs/underwriting.md): the offer form read into a deal with the least
 * stake the contract takes shown as the raise is typed (the community's price of credit, and the
 * stake box's storage floor), what accepting an offer does to the member's limit and balance, why
 * a stake cannot be withdrawn yet, and where a stake stands. Pure: text and terms in, bigint or
 * the field's message out, so every refusal is said before anything is signed.
 */
import { AmountError, displayAmount, displayErg, parseAmount, parseErg } from "../amount.ts";
import type { AccountTerms } from "$contracts/account/account.ts";
import { stakeFloorNanoErg } from "$contracts/builders/underwrite.ts";
import { acceptBlocker, minimumStake } from "$contracts/underwriting/underwriting.ts";
import type { Stake, StakeState } from "./types.ts";

/** How the community shows its units. */
export interface Units {
  symbol: string;
  decimals: number;
}

/** The offer form's fields as typed. */
export interface TypedOffer {
  raise: string;
  /** ERG. */
  stake: string;
  /** Empty for no premium. */
  premium: string;
  /** The underwriter's own account that receives the premium. */
  premiumAccountId: string;
}

/** What the offer form makes: the builder's intent fields. */
export interface OfferTerms {
  raiseUnits: bigint;
  stakeNanoErg: bigint;
  premiumUnits: bigint;
  premiumAccountId: string | undefined;
}

export type OfferErrors = Partial<Record<"raise" | "stake" | "premium" | "premiumAccountId", string>>;

/** The backed account as the form checks against it (its live box's terms). */
export interface OfferTarget {
  accountId: string;
  communityId: string;
  terms: AccountTerms;
}

/** The least stake and how it is made: the price of credit for the raise, or the stake box's storage floor. */
export interface LeastStake {
  leastNanoErg: bigint;
  priceNanoErg: bigint;
  floorNanoErg: bigint;
}

/** The least stake for `raise` units on `target`, or why no stake can back it. */
export function leastStake(target: OfferTarget, underwriter: string, raise: bigint, premium: bigint, premiumAccountId: string, height: number): LeastStake | { refusal: string } {
  const price = minimumStake(target.terms, raise);
  if (price === undefined) return { refusal: "This community sets no price of credit (no collateral, or no credit limit of its own): its accounts cannot be underwritten." };
  const deal = { underwriter, accountId: target.accountId, communityId: target.communityId, raise, premium, premiumAccountId };
  const floor = stakeFloorNanoErg(deal, height);
  return { leastNanoErg: price > floor ? price : floor, priceNanoErg: price, floorNanoErg: floor };
}

const amountError = (error: unknown): string => (error instanceof AmountError ? error.reason : String(error));

/** Reads the offer form against the account's terms; the least stake is returned as soon as the raise reads. */
export function readOffer(typed: TypedOffer, units: Units, target: OfferTarget, underwriter: string, height: number): { terms?: OfferTerms; errors: OfferErrors; least?: LeastStake } {
  const errors: OfferErrors = {};
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  let raise: bigint | undefined;
  try {
    raise = parseAmount(typed.raise, units.decimals, { symbol: units.symbol });
    if (raise <= 0n) errors.raise = "Enter a raise of at least one unit.";
  } catch (error) {
    errors.raise = typed.raise.trim() === "" ? "Enter the credit you back." : amountError(error);
  }
  let premium = 0n;
  if (typed.premium.trim() !== "") {
    try {
      premium = parseAmount(typed.premium, units.decimals, { symbol: units.symbol });
    } catch (error) {
      errors.premium = amountError(error);
    }
  }
  const premiumAccountId = premium > 0n ? typed.premiumAccountId.trim().toLowerCase() : "";
  if (premium > 0n && !/^[0-9a-f]{64}$/.test(premiumAccountId)) errors.premiumAccountId = "A premium is paid into one of your accounts in this community: pick it.";
  else if (premium > 0n && premiumAccountId === target.accountId) errors.premiumAccountId = "The premium cannot go to the backed account itself.";
  let stake: bigint | undefined;
  try {
    stake = parseErg(typed.stake);
    if (stake <= 0n) errors.stake = "Enter the ERG you stake.";
  } catch (error) {
    errors.stake = typed.stake.trim() === "" ? "Enter the ERG you stake." : amountError(error);
  }
  if (errors.raise || raise === undefined) return { errors };
  const least = leastStake(target, underwriter, raise, premium, premiumAccountId, height);
  if ("refusal" in least) return { errors: { ...errors, raise: least.refusal } };
  if (stake !== undefined && !errors.stake && stake < least.leastNanoErg) {
    errors.stake = `A raise of ${show(raise)} needs a stake of at least ${displayErg(least.leastNanoErg)}.`;
  }
  const blocker = acceptBlocker(target.terms, raise, stake !== undefined && stake > least.leastNanoErg ? stake : least.leastNanoErg);
  if (blocker) errors.raise = blockerWords(blocker, target.terms, raise, units);
  if (Object.keys(errors).length > 0 || stake === undefined) return { errors, least };
  return { terms: { raiseUnits: raise, stakeNanoErg: stake, premiumUnits: premium, premiumAccountId: premium > 0n ? premiumAccountId : undefined }, errors, least };
}

/** An acceptance refusal of the contract in the community's units where it names units. */
function blockerWords(blocker: string, terms: AccountTerms, raise: bigint, units: Units): string {
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  if (blocker.startsWith("the credit limit would reach")) {
    return `The credit limit would reach ${show(terms.creditLimit + raise)}, above the account's positive cap of ${show(terms.positiveCap)}.`;
  }
  return blocker.charAt(0).toUpperCase() + blocker.slice(1) + ".";
}

/** What accepting `offer` does to an account with this balance and limit. */
export interface AcceptEffect {
  creditLimitAfter: bigint;
  backedAfter: bigint;
  balanceAfter: bigint;
  /** Why the acceptance would be refused (the premium past the limit), or undefined. */
  refusal: string | undefined;
}

/** The member's limit and balance once `offer` is accepted, and whether the premium fits the current limit. */
export function acceptEffect(account: { balance: bigint; creditLimit: bigint; backed: bigint }, offer: Pick<Stake, "raise" | "premium">, units: Units): AcceptEffect {
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  const balanceAfter = account.balance - offer.premium;
  const refusal = balanceAfter + account.creditLimit < 0n
    ? `The premium of ${show(offer.premium)} would take your balance to ${show(balanceAfter)}, below your current floor of ${show(-account.creditLimit)}.`
    : undefined;
  return { creditLimitAfter: account.creditLimit + offer.raise, backedAfter: account.backed + offer.raise, balanceAfter, refusal };
}

/** The sentence shown before the member signs an acceptance. */
export function acceptSentence(account: { balance: bigint; creditLimit: bigint; backed: bigint }, offer: Pick<Stake, "raise" | "premium" | "stakeNanoErg">, units: Units): string {
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  const effect = acceptEffect(account, offer, units);
  const premium = offer.premium > 0n ? `You pay a premium of ${show(offer.premium)} now (your balance becomes ${show(effect.balanceAfter)}).` : "No premium.";
  const backed = account.backed > 0n ? ` (${show(effect.backedAfter)} of it backed, with the stakes you have)` : "";
  return `Your credit limit rises from ${show(account.creditLimit)} to ${show(effect.creditLimitAfter)}${backed}: a raise of ${show(offer.raise)} backed by ${displayErg(offer.stakeNanoErg)} of the underwriter's. ${premium} If you default while using the raise, the stake pays the community for it.`;
}

/** Why a withdrawal is refused, in the community's units when it is the raise in use. */
export function withdrawWords(blocker: string, account: { balance: bigint; creditLimit: bigint }, raise: bigint, units: Units): string {
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  const floor = account.creditLimit - raise;
  if (account.balance + floor < 0n) {
    return `The raise is in use: the account's balance ${show(account.balance)} is below ${show(-floor)}, its floor without this raise. It can be withdrawn once the balance is back to ${show(-floor)} or more.`;
  }
  return blocker.charAt(0).toUpperCase() + blocker.slice(1) + ".";
}

/** A stake's state in a word or two. */
export const STATE_WORDS: Record<StakeState, string> = {
  offer: "offer waiting",
  active: "backing",
  cancelled: "offer cancelled",
  withdrawn: "withdrawn",
  returned: "returned at exit",
  settled: "paid at exit",
};

/** How an ended stake ended, with the ERG each side got at an exit. */
export function endedWords(stake: Stake): string {
  const exit = stake.exitKind === "default" ? "the account's default" : stake.exitKind === "close" ? "the account's close as dormant" : "the member leaving";
  if (stake.state === "returned") return `Returned whole (${displayErg(stake.returnedNanoErg ?? stake.stakeNanoErg)}) at ${exit}.`;
  if (stake.state === "settled") {
    return `Paid ${displayErg(stake.lostNanoErg ?? 0n)} to the committee at ${exit}; ${displayErg(stake.returnedNanoErg ?? 0n)} went back to the underwriter.`;
  }
  if (stake.state === "withdrawn") return "Withdrawn by the underwriter; the raise ended.";
  if (stake.state === "cancelled") return "The underwriter cancelled the offer before it was accepted.";
  return STATE_WORDS[stake.state];
}

