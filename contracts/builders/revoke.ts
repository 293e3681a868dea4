/**
 * Revoke: the owner voids every unsettled payment order numbered below `nextSeq` by writing that
 * number into its account's R9 (docs/batches.md). It is the payment path with no payee: the balance
 * does not change, so the owner signs and marks activity now; R9 may only rise.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters } from "../account/account.ts";
import { FeeReserveSpent, InvalidIntent } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, finish, requireAccount, totalValue, type BuildContext } from "./common.ts";

export interface RevokeIntent {
  account: Box<Amount>;
  /** The new sequence number: every order numbered below it that is not settled is void. Default: nextSeq + 1 (the next order). */
  nextSeq?: bigint;
}

/**
 * Builds a revocation. The fee comes from the wallet if given, else from the account's own ERG
 * down to its collateral plus the minimum box value.
 * @example
 * const tx = revoke({ account: aliceBox, nextSeq: 5n }, { height });
 */
export function revoke(intent: RevokeIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const account = requireAccount(intent.account);
  if (account.nextSeq === undefined) throw new InvalidIntent("an economics account has no payment orders to revoke");
  const next = intent.nextSeq ?? account.nextSeq + 1n;
  if (typeof next !== "bigint" || next <= account.nextSeq || next > LONG_MAX) {
    throw new InvalidIntent(`nextSeq must be above the account's ${account.nextSeq} (orders below it are settled or void already)`);
  }
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const floor = account.terms.collateralNanoErg + MIN_BOX_VALUE;
  const value = ctx.wallet ? account.valueNanoErg : account.valueNanoErg - fee;
  if (value < floor) throw new FeeReserveSpent(account.accountId, floor + fee, account.valueNanoErg, fee);
  const successor = new OutputBuilder(value, account.box.ergoTree)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, account.balance, BigInt(ctx.height), undefined, next));
  const builder = new TransactionBuilder(ctx.height).from([intent.account], { ensureInclusion: true }).to(successor).payFee(fee);
  if (ctx.wallet) builder.from(ctx.wallet.utxos).sendChangeTo(ctx.wallet.changeAddress);
  return finish(builder, ctx.wallet ? totalValue(ctx.wallet.utxos) : account.valueNanoErg - floor, fee);
}
