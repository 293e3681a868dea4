/** Pay: move units from one payer to one or more payees; only the payer signs. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters, type Account } from "../account/account.ts";
import { CreditLimitExceeded, FeeReserveSpent, InvalidIntent, PositiveCapExceeded, WrongCommunity } from "../errors.ts";
import { extendInput, paymentExtension } from "../notes.ts";
import { ACCOUNT_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, finish, positiveUnits, requireAccount, totalValue, type BuildContext } from "./common.ts";

/** One payee and what it receives. */
export interface PayeeAmount {
  account: Box<Amount>;
  amountUnits: bigint | number | string;
}

/** Who pays whom, and optionally what for (memo) and which payment request it pays. */
export interface PayIntent {
  payer: Box<Amount>;
  payees: PayeeAmount[];
  /** At most `MEMO_MAX_CHARS` characters; written in the payer's input, under the payer's signature. */
  memo?: string;
  /** The id of the payment request this pays (32 hex digits), recorded the same way. */
  requestId?: string;
}

function successor(account: Account, balance: bigint, lastActive: bigint, value: bigint): OutputBuilder {
  return new OutputBuilder(value, ACCOUNT_ERGO_TREE)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, balance, lastActive));
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

function checkCaps(payees: { account: Account; amount: bigint }[]): void {
  for (const { account, amount } of payees) {
    const after = account.balance + amount;
    if (account.terms.positiveCap !== 0n && after > account.terms.positiveCap) {
      throw new PositiveCapExceeded(account.accountId, account.terms.positiveCap, after);
    }
  }
}

/**
 * Builds a payment. The payee boxes are spent and recreated with higher balances (so a payee box
 * can take one payment per block). The fee comes from the payer account's own ERG, down to its
 * collateral plus the minimum box value; with `ctx.wallet` the fee comes from the wallet instead.
 * A memo and a request id go in the payer's input's context extension (see `notes.ts`).
 * @example
 * const tx = pay({ payer: aliceBox, payees: [{ account: bobBox, amountUnits: 20n }] }, { height });
 */
export function pay(intent: PayIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const payer = requireAccount(intent.payer);
  const payees = checkPayees(payer, intent.payees);
  const extension = paymentExtension(intent.memo, intent.requestId);
  const total = payees.reduce((sum, p) => sum + p.amount, 0n);
  const payerBalance = payer.balance - total;
  if (payerBalance + payer.terms.creditLimit < 0n) {
    throw new CreditLimitExceeded(payer.accountId, payer.terms.creditLimit, payerBalance);
  }
  checkCaps(payees);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const floor = payer.terms.collateralNanoErg + MIN_BOX_VALUE;
  const feeFromAccount = !ctx.wallet;
  const payerValue = feeFromAccount ? payer.valueNanoErg - fee : payer.valueNanoErg;
  if (payerValue < floor) throw new FeeReserveSpent(payer.accountId, floor + fee, payer.valueNanoErg, fee);

  const height = BigInt(ctx.height);
  const outputs = [
    successor(payer, payerBalance, height, payerValue),
    ...payees.map((p) => successor(p.account, p.account.balance + p.amount, payeeActivity(p.account, height), p.account.valueNanoErg)),
  ];
  const accounts = [intent.payer, ...payees.map((p) => p.account.box)];
  const builder = new TransactionBuilder(ctx.height).from(accounts, { ensureInclusion: true }).to(outputs).payFee(fee);
  if (ctx.wallet) builder.from(ctx.wallet.utxos).sendChangeTo(ctx.wallet.changeAddress);
  const tx = finish(builder, ctx.wallet ? totalValue(ctx.wallet.utxos) : payer.valueNanoErg - floor, fee);
  return extendInput(tx, payer.boxId, extension);
}
