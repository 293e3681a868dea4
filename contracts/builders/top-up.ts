/**
 * Top up: the owner spends its own account and recreates it with the same balance and more ERG
 * (its fee reserve), and may set its profile in the same transaction. It is the payment path with
 * no payee: the balance does not rise, so the owner signs and marks activity now.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters } from "../account/account.ts";
import { FeeReserveSpent, InvalidAmount, InvalidIntent } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { marketExtension, type MarketIntent } from "../market/market-notes.ts";
import { extendInput, profileExtension, type Profile } from "../notes.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { legOf } from "./pay.ts";
import { DEFAULT_FEE, finish, requireAccount, totalValue, type BuildContext } from "./common.ts";

/** What a top-up adds: ERG to the fee reserve, a new profile, marketplace notes, or several. */
export interface TopUpIntent {
  account: Box<Amount>;
  /** nanoERG added to the account box (0 or more); they come from `ctx.wallet`. */
  addNanoErg?: bigint | number | string;
  profile?: Profile;
  /** A listing, review or shop (docs/marketplace.md); a published listing's id is `account.boxId`. */
  market?: MarketIntent;
}

function nanoErg(value: unknown): bigint {
  let n: bigint | undefined;
  if (value === undefined) n = 0n;
  else if (typeof value === "bigint") n = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === "string" && /^[0-9]+$/.test(value)) n = BigInt(value);
  if (n === undefined || n < 0n || n > LONG_MAX) throw new InvalidAmount("addNanoErg", value);
  return n;
}

/**
 * Builds a top-up (or a profile change). ERG added comes from the wallet, which also pays the fee;
 * without a wallet only a profile change is possible, its fee paid from the account's reserve.
 * @example
 * const tx = topUp({ account: aliceBox, addNanoErg: 50_000_000n }, { height, wallet });
 */
export function topUp(intent: TopUpIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const account = requireAccount(intent.account);
  const add = nanoErg(intent.addNanoErg);
  const market = intent.market === undefined ? {} : marketExtension(intent.market);
  const extension = { ...(intent.profile === undefined ? {} : profileExtension(intent.profile)), ...market };
  if (add === 0n && Object.keys(extension).length === 0) throw new InvalidIntent("a top-up adds ERG, sets a profile, posts a marketplace note, or several");
  const listing = intent.market?.listing;
  if (listing && listing.op !== "withdraw" && listing.listing.expiryHeight <= ctx.height) {
    throw new InvalidIntent(`the listing expires at height ${listing.listing.expiryHeight}, not after the current height ${ctx.height}`);
  }
  if (add > 0n && !ctx.wallet) throw new InvalidIntent("adding ERG to an account needs a wallet to take it from");
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const floor = account.terms.collateralNanoErg + MIN_BOX_VALUE;
  const value = ctx.wallet ? account.valueNanoErg + add : account.valueNanoErg - fee;
  if (value < floor) throw new FeeReserveSpent(account.accountId, floor + fee, account.valueNanoErg, fee);

  const height = BigInt(ctx.height);
  // With economics the owner's touch charges the demurrage due (docs/economics.md).
  const leg = legOf(account, {}, height);
  const successor = new OutputBuilder(value, account.box.ergoTree)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, leg.balanceAfter, height, leg.economy));
  const builder = new TransactionBuilder(ctx.height).from([intent.account], { ensureInclusion: true }).to(successor).payFee(fee);
  if (ctx.wallet) builder.from(ctx.wallet.utxos).sendChangeTo(ctx.wallet.changeAddress);
  const tx = finish(builder, ctx.wallet ? totalValue(ctx.wallet.utxos) : account.valueNanoErg - floor, ctx.wallet ? add + fee : fee);
  return extendInput(tx, account.boxId, extension);
}
