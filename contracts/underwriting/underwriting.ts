/**
 * Underwriting (contract version 8, docs/underwriting.md): the registers of an underwriting box, a
 * decoder for boxes read from a node, and the rules exactly as the contract checks them: the least
 * stake for a raise, the account's terms after an acceptance or a withdrawal, and how a stake is
 * shared when its account exits. Pure and isomorphic.
 *
 * An underwriter offers a stake (an offer box, no token); the member accepts it (the stake moves into
 * a box holding a token minted by the acceptance, and the account's credit limit rises); the
 * underwriter withdraws it while the raise is not in use; an exit settles every stake of the account.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { baseCreditLimit, stakeKeyLongs, type Account, type AccountTerms } from "../account/account.ts";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longsConstant, readBytes, readLongs, readSigmaProp } from "../registers.ts";
import { MAX_BACKERS, UNDERWRITING_ERGO_TREE } from "../scripts.ts";

/** What an underwriting box's registers say. */
export interface UnderwritingDeal {
  /** Serialized SigmaProp (hex) of the underwriter. */
  underwriter: string;
  accountId: string;
  communityId: string;
  /** Units of credit the stake adds. */
  raise: bigint;
  /** Units the member pays the underwriter's account when accepting (0: none). */
  premium: bigint;
  /** The account that receives the premium ("" when there is none). */
  premiumAccountId: string;
}

/** An underwriting box as it states itself. */
export interface Underwriting extends UnderwritingDeal {
  boxId: string;
  /** `offer` until the member accepts; `active` while the stake backs the account. */
  state: "offer" | "active";
  /** The stake's token id once accepted (its first 16 bytes are the key in the account's terms). */
  stakeId: string | null;
  stakeNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** The registers of an offer or of its accepted stake (the same; only the token differs). */
export function underwritingRegisters(d: UnderwritingDeal): Record<"R4" | "R5" | "R6" | "R7" | "R8", string> {
  return {
    R4: d.underwriter,
    R5: bytesConstant(d.accountId),
    R6: longsConstant([d.raise, d.premium]),
    R7: bytesConstant(d.communityId),
    R8: bytesConstant(d.premiumAccountId),
  };
}

/** Decodes an underwriting box, or says why it is not a well-formed one. */
export function decodeUnderwriting(box: Box<Amount>): Decoded<Underwriting> {
  return decoded(() => {
    if (box.ergoTree !== UNDERWRITING_ERGO_TREE) throw new Error("not the underwriting script");
    const [token, ...others] = box.assets;
    if (others.length > 0 || (token && BigInt(token.amount) !== 1n)) throw new Error("a stake holds exactly one unit of its own token, an offer none");
    const r = box.additionalRegisters;
    const underwriter = readSigmaProp("R4", r.R4);
    const accountId = readBytes("R5", r.R5);
    const [raise, premium] = readLongs("R6", r.R6, 2) as [bigint, bigint];
    const communityId = readBytes("R7", r.R7);
    const premiumAccountId = readBytes("R8", r.R8);
    if (accountId.length !== 64 || communityId.length !== 64) throw new Error("R5, R7: ids are 32 bytes");
    if (raise <= 0n || premium < 0n) throw new Error("R6: the raise is positive and the premium not negative");
    if (premium > 0n ? premiumAccountId.length !== 64 || premiumAccountId === accountId : premiumAccountId.length !== 0) {
      throw new Error("R8: the premium's account is another account's 32-byte id, and empty without a premium");
    }
    return {
      boxId: box.boxId,
      state: token ? "active" : "offer",
      stakeId: token ? token.tokenId : null,
      underwriter, accountId, communityId, raise, premium, premiumAccountId,
      stakeNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** The key of a stake in its account's terms: the first 16 bytes of its token id. */
export const stakeKey = (stakeId: string): string => stakeId.slice(0, 32).toLowerCase();

/**
 * The least stake (nanoERG) for `raise` units on an account with these terms: the community's own
 * price of credit, collateral per unit of the limit it granted at join, rounded up. Undefined when
 * the community sets no price (no collateral, or no credit of its own).
 */
export function minimumStake(terms: AccountTerms, raise: bigint): bigint | undefined {
  const base = baseCreditLimit(terms);
  if (base <= 0n || terms.collateralNanoErg <= 0n) return undefined;
  return (raise * terms.collateralNanoErg + base - 1n) / base;
}

/** Why these terms cannot take one more stake, or undefined. */
export function acceptBlocker(terms: AccountTerms, raise: bigint, stakeNanoErg: bigint): string | undefined {
  if (terms.economics) return "underwriting is for plain communities (version 8); this account has economics levers";
  if ((terms.backing?.stakes.length ?? 0) >= MAX_BACKERS) return `the account already has ${MAX_BACKERS} stakes, the most it may have`;
  const least = minimumStake(terms, raise);
  if (least === undefined) return "the community sets no price of credit (no collateral, or no credit limit of its own)";
  if (stakeNanoErg < least) return `a raise of ${raise} units needs a stake of at least ${least} nanoERG, got ${stakeNanoErg}`;
  if (terms.creditLimit + raise > terms.positiveCap) return `the credit limit would reach ${terms.creditLimit + raise}, above the positive cap of ${terms.positiveCap}`;
  return undefined;
}

/** The account's terms once a stake with this token id and raise is accepted. */
export function termsAfterAccept(terms: AccountTerms, stakeId: string, raise: bigint): AccountTerms {
  const backing = terms.backing ?? { backed: 0n, stakes: [] };
  return {
    ...terms,
    creditLimit: terms.creditLimit + raise,
    backing: { backed: backing.backed + raise, stakes: [...backing.stakes, stakeKey(stakeId)] },
  };
}

/** The account's terms once the stake with this token id and raise is withdrawn. */
export function termsAfterWithdraw(terms: AccountTerms, stakeId: string, raise: bigint): AccountTerms {
  const backing = terms.backing;
  const key = stakeKey(stakeId);
  if (!backing || !backing.stakes.includes(key)) throw new Error(`stake ${stakeId} does not back this account`);
  const stakes = backing.stakes.filter((k) => k !== key);
  const { backing: _dropped, ...rest } = terms;
  return {
    ...rest,
    creditLimit: terms.creditLimit - raise,
    ...(stakes.length > 0 ? { backing: { backed: backing.backed - raise, stakes } } : {}),
  };
}

/** Why the stake cannot be withdrawn from `account` now, or undefined. */
export function withdrawBlocker(account: Account, stake: Underwriting): string | undefined {
  if (stake.state !== "active" || !stake.stakeId) return "the offer was not accepted: cancel it instead";
  if (!account.terms.backing?.stakes.includes(stakeKey(stake.stakeId))) return "this stake does not back the account";
  const floor = account.terms.creditLimit - stake.raise;
  if (account.balance + floor < 0n) {
    return `the raise is in use: the balance ${account.balance} is below the floor of -${floor} the account would have without it`;
  }
  return undefined;
}

/**
 * How an exiting account's stake is shared: the committee receives the stake's share of the raise
 * in use (the debt below the un-raised floor, pro rata to the raises, rounded up), the underwriter
 * the rest. A leave (balance 0) returns every stake whole.
 */
export function exitShares(account: Account, stakeNanoErg: bigint): { lost: bigint; returned: bigint } {
  const backed = account.terms.backing?.backed ?? 0n;
  if (backed === 0n) return { lost: 0n, returned: stakeNanoErg };
  const shortfall = -account.balance - baseCreditLimit(account.terms);
  const used = shortfall <= 0n ? 0n : shortfall > backed ? backed : shortfall;
  const lost = (stakeNanoErg * used + backed - 1n) / backed;
  return { lost, returned: stakeNanoErg - lost };
}

/** The two Longs the account stores for a stake token id (as the contract's byteArrayToLong). */
export const stakeLongs = (stakeId: string): [bigint, bigint] => stakeKeyLongs(stakeKey(stakeId));
