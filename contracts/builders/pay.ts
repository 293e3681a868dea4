/** Pay: move units from one payer to one or more payees; only the payer signs. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters, type Account } from "../account/account.ts";
import { CreditLimitExceeded, FeeReserveSpent, InvalidIntent, PositiveCapExceeded, WrongCommunity } from "../errors.ts";
import { marketExtension } from "../market/market-notes.ts";
import { extendInput, paymentExtension } from "../notes.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { allowanceFor, chargeAccount, earnedCreditLimit, type AccountEconomy } from "../economics.ts";
import { DEFAULT_FEE, finish, positiveUnits, requireAccount, totalValue, type BuildContext } from "./common.ts";
import { payeeErgOutputs } from "./pay-erg.ts";

/** One payee and what it receives: units, and optionally ERG to its owner (a mixed payment). */
export interface PayeeAmount {
  account: Box<Amount>;
  amountUnits: bigint | number | string;
  /**
   * nanoERG paid to the payee's owner (its account's R4 SigmaProp as an ErgoTree) in the same
   * transaction, from `ctx.wallet`: 0 or absent for none, else at least the minimum box value.
   * The units stay required (at least 1): a payment of ERG alone is no LETS payment.
   */
  ergNanoErg?: bigint | number | string;
}

/** Who pays whom, and optionally what for (memo) and which payment request it pays. */
export interface PayIntent {
  payer: Box<Amount>;
  payees: PayeeAmount[];
  /** At most `MEMO_MAX_CHARS` characters; written in the payer's input, under the payer's signature. */
  memo?: string;
  /** The id of the payment request this pays (32 hex digits), recorded the same way. */
  requestId?: string;
  /** The marketplace listing this pays for (its id, 64 hex digits; docs/marketplace.md), recorded the same way. */
  listingId?: string;
  /**
   * Economics: units of the newcomer allowance to spend on this purchase (at most half of it and
   * only in the newcomer window). Default: as much as allowed; 0 keeps the allowance.
   */
  allowanceUnits?: bigint | number | string;
}

/** One account's side of a payment as it will be signed: the charges shown before signing. */
export interface PaymentLeg {
  accountId: string;
  /** Units sent (payer) or received (payee). */
  amount: bigint;
  /** Demurrage charged now for the blocks since the account was last charged (economics). */
  demurrage: bigint;
  /** The usage fee (payer only, economics). */
  fee: bigint;
  /** Allowance spent (payer only, economics). */
  allowanceUsed: bigint;
  balanceBefore: bigint;
  balanceAfter: bigint;
  /** The credit limit that applies at the build height (the earned one, with economics). */
  creditLimit: bigint;
  economy?: AccountEconomy;
}

/** Everything a payment charges, computed exactly as the contracts check it. */
export interface PaymentQuote {
  payer: PaymentLeg;
  payees: PaymentLeg[];
}

export function successor(account: Account, balance: bigint, lastActive: bigint, value: bigint, economy?: AccountEconomy): OutputBuilder {
  return new OutputBuilder(value, account.box.ergoTree)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, balance, lastActive, economy));
}

/** The credit limit of `account` at `height`: its fixed limit, or the earned one with economics. */
export function creditLimitAt(account: Account, height: bigint): bigint {
  const e = account.terms.economics;
  if (!e || !account.economy) return account.terms.creditLimit;
  return earnedCreditLimit({ ...e, creditLimit: account.terms.creditLimit, joinedHeight: account.terms.joinedHeight }, account.economy.received, height).limit;
}

/** One side of a payment: `sent` > 0 for the payer, `received` > 0 for a payee. */
export function legOf(account: Account, move: { sent?: bigint; received?: bigint; allowanceUsed?: bigint }, height: bigint): PaymentLeg {
  const creditLimit = creditLimitAt(account, height);
  const amount = move.sent ?? move.received ?? 0n;
  const base = { accountId: account.accountId, amount, balanceBefore: account.balance, creditLimit };
  if (!account.terms.economics || !account.economy) {
    const delta = (move.received ?? 0n) - (move.sent ?? 0n);
    return { ...base, demurrage: 0n, fee: 0n, allowanceUsed: 0n, balanceAfter: account.balance + delta };
  }
  const charge = chargeAccount({ balance: account.balance, terms: { ...account.terms.economics, joinedHeight: account.terms.joinedHeight }, economy: account.economy }, move, height);
  return { ...base, demurrage: charge.demurrage, fee: charge.fee, allowanceUsed: charge.allowanceUsed, balanceAfter: charge.balance, economy: charge.economy };
}

function allowanceToSpend(payer: Account, intent: PayIntent, total: bigint, height: bigint): bigint {
  if (!payer.terms.economics || !payer.economy) {
    if (intent.allowanceUnits !== undefined && BigInt(intent.allowanceUnits as bigint) !== 0n) throw new InvalidIntent("this community has no newcomer allowance");
    return 0n;
  }
  // The contract judges the window at HEIGHT, at least the next block: judge it there.
  const most = allowanceFor({ ...payer.terms.economics, joinedHeight: payer.terms.joinedHeight }, payer.economy, total, height + 1n);
  if (intent.allowanceUnits === undefined) return most;
  const asked = intent.allowanceUnits === 0 || intent.allowanceUnits === "0" || intent.allowanceUnits === 0n ? 0n : positiveUnits("allowanceUnits", intent.allowanceUnits);
  if (asked > most) {
    throw new InvalidIntent(`allowanceUnits: at most ${most} of this purchase may come from the allowance (half of it, within what is left and the newcomer window)`);
  }
  return asked;
}

/**
 * The charges of a payment at `height`, exactly as the contracts will check them: the payer's
 * usage fee, demurrage and allowance, each payee's demurrage, the balances after. Throws the
 * typed error of the first rule the payment would break (credit limit, positive cap).
 */
export function quotePayment(intent: PayIntent, height: number): PaymentQuote {
  const payer = requireAccount(intent.payer);
  const payees = checkPayees(payer, intent.payees);
  const total = payees.reduce((sum, p) => sum + p.amount, 0n);
  const h = BigInt(height);
  const allowanceUsed = allowanceToSpend(payer, intent, total, h);
  const payerLeg = legOf(payer, { sent: total, allowanceUsed }, h);
  if (payerLeg.balanceAfter + payerLeg.creditLimit < 0n) {
    throw new CreditLimitExceeded(payer.accountId, payerLeg.creditLimit, payerLeg.balanceAfter);
  }
  const payeeLegs = payees.map((p) => legOf(p.account, { received: p.amount }, h));
  payeeLegs.forEach((leg, i) => {
    const cap = payees[i]!.account.terms.positiveCap;
    if (cap !== 0n && leg.balanceAfter > cap) throw new PositiveCapExceeded(leg.accountId, cap, leg.balanceAfter);
  });
  return { payer: payerLeg, payees: payeeLegs };
}

/**
 * A payee keeps its last active height, except that a credit to a negative balance counts as
 * activity: a debtor working its debt down by selling must not be closed as inactive.
 */
export function payeeActivity(account: Account, height: bigint): bigint {
  return account.balance < 0n && height > account.lastActiveHeight ? height : account.lastActiveHeight;
}

function checkPayees(payer: Account, payees: PayeeAmount[]): { account: Account; amount: bigint }[] {
  if (payees.length === 0) throw new InvalidIntent("a payment needs at least one payee");
  const seen = new Set([payer.accountId]);
  return payees.map((p, i) => {
    const account = requireAccount(p.account);
    if (account.communityId !== payer.communityId) {
      throw new WrongCommunity(account.boxId, payer.communityId, account.communityId);
    }
    if (seen.has(account.accountId)) throw new InvalidIntent(`payee ${i + 1} is the payer or appears twice`);
    seen.add(account.accountId);
    return { account, amount: positiveUnits(`payees[${i}].amountUnits`, p.amountUnits) };
  });
}

/**
 * Builds a payment. The payee boxes are spent and recreated with higher balances (so a payee box
 * can take one payment per block). The fee comes from the payer account's own ERG, down to its
 * collateral plus the minimum box value; with `ctx.wallet` the fee comes from the wallet instead.
 * A payee's `ergNanoErg` is one more output, to its owner, after the account boxes; the wallet pays
 * it (the contracts ignore outputs that are not member boxes). A memo and a request id go in the
 * payer's input's context extension (see `notes.ts`).
 * @example
 * const tx = pay({ payer: aliceBox, payees: [{ account: bobBox, amountUnits: 20n }] }, { height });
 * const mixed = pay({ payer: aliceBox, payees: [{ account: bobBox, amountUnits: 20n, ergNanoErg: 1_500_000_000n }] }, { height, wallet });
 */
export function pay(intent: PayIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const payer = requireAccount(intent.payer);
  const payees = checkPayees(payer, intent.payees);
  const extension = { ...paymentExtension(intent.memo, intent.requestId), ...(intent.listingId === undefined ? {} : marketExtension({ listingRef: intent.listingId })) };
  const quote = quotePayment(intent, ctx.height);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const floor = payer.terms.collateralNanoErg + MIN_BOX_VALUE;
  const erg = payeeErgOutputs(payer, payees.map((p) => p.account), intent.payees, ctx);
  const feeFromAccount = !ctx.wallet;
  const payerValue = feeFromAccount ? payer.valueNanoErg - fee : payer.valueNanoErg;
  if (payerValue < floor) throw new FeeReserveSpent(payer.accountId, floor + fee, payer.valueNanoErg, fee);

  const height = BigInt(ctx.height);
  const outputs = [
    successor(payer, quote.payer.balanceAfter, height, payerValue, quote.payer.economy),
    ...payees.map((p, i) => {
      const leg = quote.payees[i]!;
      return successor(p.account, leg.balanceAfter, payeeActivity(p.account, height), p.account.valueNanoErg, leg.economy);
    }),
    ...erg.outputs,
  ];
  const accounts = [intent.payer, ...payees.map((p) => p.account.box)];
  const builder = new TransactionBuilder(ctx.height).from(accounts, { ensureInclusion: true }).to(outputs).payFee(fee);
  if (ctx.wallet) builder.from(ctx.wallet.utxos).sendChangeTo(ctx.wallet.changeAddress);
  const tx = finish(builder, ctx.wallet ? totalValue(ctx.wallet.utxos) : payer.valueNanoErg - floor, erg.totalNanoErg + fee);
  return extendInput(tx, payer.boxId, extension);
}
