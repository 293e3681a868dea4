/**
 * Shared pieces of the underwriting attack specs (contract version 8, docs/underwriting.md): boxes
 * made by anyone under the underwriting tree, an account's successor with chosen terms, and the
 * honest transactions of the builders, not submitted, for the attacks to edit.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters, accountTermsConstant, type Account, type AccountTerms } from "../account/account.ts";
import { walletPaidTx } from "../builders/line-common.ts";
import { successor } from "../builders/pay.ts";
import { acceptUnderwriting, withdrawUnderwriting } from "../builders/underwrite.ts";
import { readLongsAny } from "../registers.ts";
import { UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import { termsAfterAccept, termsAfterWithdraw, underwritingRegisters, type Underwriting } from "../underwriting/underwriting.ts";
import type { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import type { Tx } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";

export { accepted, refused } from "./desk-helpers.ts";

export const ERG = 1_000_000_000n;

/** The build context of `member` at the chain tip. */
export const ctxOf = (f: UnderwritingFixture, member: Member) => ({ height: f.world.height, wallet: f.world.wallet(member) });

/** A community id that is not the fixture's (any 32 bytes). */
export const OTHER_COMMUNITY = "ee".repeat(32);

/**
 * A box anyone can make under the underwriting tree, created at the tip: bound (R5) to `accountId`,
 * naming `communityId` (R7), owned by `by`, holding `tokens` (none: an offer).
 */
export function lookAlike(
  f: UnderwritingFixture,
  o: { accountId: string; by: Member; communityId?: string; raise?: bigint; premium?: bigint; premiumAccountId?: string; tokens?: { tokenId: string; amount: bigint }[]; value?: bigint; height?: number },
): Box<string> {
  return f.world.addBox({
    ergoTree: UNDERWRITING_ERGO_TREE,
    value: o.value ?? 5n * ERG,
    creationHeight: o.height ?? f.world.height,
    assets: o.tokens ?? [],
    additionalRegisters: underwritingRegisters({
      underwriter: o.by.owner, accountId: o.accountId, communityId: o.communityId ?? f.communityId,
      raise: o.raise ?? 1n, premium: o.premium ?? 0n, premiumAccountId: o.premiumAccountId ?? "",
    }),
  });
}

/** `account`'s successor with `terms`, its balance and activity as given (its ERG and sequence kept). */
export function withTerms(account: Account, terms: AccountTerms, balance = account.balance, lastActive = account.lastActiveHeight): OutputBuilder {
  return successor(account, balance, lastActive, account.valueNanoErg).setAdditionalRegisters({
    ...accountSuccessorRegisters(account, balance, lastActive),
    R6: accountTermsConstant(terms),
  });
}

/** A transaction spending `inputs` (then `payer`'s wallet) into `outputs`; the wallet pays the fee. */
export function spendTx(f: UnderwritingFixture, inputs: Box<Amount>[], outputs: OutputBuilder[], payer: Member, burn?: { tokenId: string; amount: bigint }[]): Tx {
  return walletPaidTx({ inputs, outputs, ...(burn ? { burn } : {}) }, ctxOf(f, payer), 0n);
}

/** The honest acceptance of `offer` by `name`, not submitted. */
export function acceptTx(f: UnderwritingFixture, name: string, offer: Underwriting, premiumTo?: string): Tx {
  return acceptUnderwriting(
    { offer: f.world.box(offer.boxId), account: f.account(name).box, ...(premiumTo ? { premiumAccount: f.account(premiumTo).box } : {}) },
    ctxOf(f, f.member(name)),
  );
}

/** The honest withdrawal of `stake` from `name`'s account by `by` (default uma), not submitted. */
export function withdrawTx(f: UnderwritingFixture, name: string, stake: Underwriting, by: Member = f.uma): Tx {
  return withdrawUnderwriting({ stake: f.world.box(stake.boxId), account: f.account(name).box }, ctxOf(f, by));
}

/** The input form of a box for an edited transaction. */
export const asInput = (box: Box<string>) => ({ ...box, extension: {} });

/** What a hand-made acceptance changes from the honest one. */
export interface AcceptShape {
  /** The account's terms after (default: the honest ones). */
  terms?: AccountTerms;
  /** The account's balance after (default: unchanged less the premium). */
  balance?: bigint;
  /** The stake box's value (default: the offer's). */
  stakeValue?: bigint;
  /** The minted token's amount in the stake box (default 1). */
  amount?: bigint;
  /** The stake box's registers over the offer's. */
  registers?: Partial<Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string>>;
  /** Who signs (default the account's owner). */
  signer?: Member;
}

/**
 * An acceptance made by hand (the builder refuses what the attacks need): `offerBox` first (the
 * minted token's id is its box id), `name`'s account, the account's successor, then the stake box
 * under the underwriting tree with the minted token.
 */
export function handAccept(f: UnderwritingFixture, offerBox: Box<string>, name: string, shape: AcceptShape = {}): { tx: Tx; signer: Member } {
  const account = f.account(name);
  // read raw: the decoder refuses what some attacks need (a raise of 0, a premium to itself)
  const [raise, premium] = readLongsAny("R6", offerBox.additionalRegisters.R6) as [bigint, bigint];
  const terms = shape.terms ?? termsAfterAccept(account.terms, offerBox.boxId, raise);
  const balance = shape.balance ?? account.balance - premium;
  const lastActive = account.balance < 0n ? BigInt(f.world.height) : account.lastActiveHeight;
  const { R4, R5, R6, R7, R8 } = offerBox.additionalRegisters as Record<"R4" | "R5" | "R6" | "R7" | "R8", string>;
  const stake = new OutputBuilder(shape.stakeValue ?? BigInt(offerBox.value), UNDERWRITING_ERGO_TREE)
    .mintToken({ amount: shape.amount ?? 1n })
    .setAdditionalRegisters({ R4, R5, R6, R7, R8, ...(shape.registers ?? {}) });
  const signer = shape.signer ?? f.member(name);
  return { tx: spendTx(f, [offerBox, account.box], [withTerms(account, terms, balance, lastActive), stake], signer), signer };
}

/**
 * A withdrawal made by hand (the builder refuses one in use): the stake, `name`'s account, the
 * successor with `terms` (default: the honest ones) at the same balance, the token burnt.
 */
export function handWithdraw(f: UnderwritingFixture, stake: Underwriting, name: string, o: { terms?: AccountTerms; signer?: Member } = {}): { tx: Tx; signer: Member } {
  const account = f.account(name);
  const terms = o.terms ?? termsAfterWithdraw(account.terms, stake.stakeId!, stake.raise);
  const lastActive = account.balance < 0n ? BigInt(f.world.height) : account.lastActiveHeight;
  const signer = o.signer ?? f.uma;
  const tx = spendTx(f, [f.world.box(stake.boxId), account.box], [withTerms(account, terms, account.balance, lastActive)], signer, [{ tokenId: stake.stakeId!, amount: 1n }]);
  return { tx, signer };
}
