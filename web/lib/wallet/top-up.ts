/**
 * A member changing its own account without paying anyone: adding ERG to its fee reserve, setting
 * its profile, or both (`contracts/builders/top-up.ts`). Prepared like the other actions: read the
 * live box from the node, build, refuse before anything is signed; then `walletSession.signAndSubmit`.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { DEFAULT_FEE, ownerFromAddress } from "$contracts/builders/common.ts";
import { topUp } from "$contracts/builders/top-up.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import type { MarketIntent } from "$contracts/market/market-notes.ts";
import type { Profile } from "$contracts/notes.ts";
import { MIN_BOX_VALUE } from "$contracts/scripts.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { predict } from "$ergo/predict.ts";
import { liveAccount, type BoxHint } from "./actions.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** What to change: ERG added to the account box (from the wallet), a new profile, a marketplace note (docs/marketplace.md), or several. */
export interface AccountChange {
  addNanoErg?: bigint;
  profile?: Profile;
  market?: MarketIntent;
}

/** A top-up or profile change ready to sign, where its fee comes from, and the account box it makes. */
export interface PreparedTopUp {
  unsigned: EIP12UnsignedTransaction;
  account: Account;
  feeFrom: "account" | "wallet";
  /**
   * The id the account's new box will have (fixed before signing: `predict`). The indexer records
   * no LETS transaction for a top-up, so a screen waits for this box to know the block.
   */
  successorBoxId: string;
}

/**
 * Where the fee of `change` comes from: ERG added comes from the wallet, which then pays the fee
 * too; a profile change alone is paid from the account's fee reserve while it can pay one fee
 * (the account keeps its collateral and the minimum box value), else from the wallet.
 */
export function feeSource(valueNanoErg: bigint, collateralNanoErg: bigint, change: AccountChange, feeNanoErg: bigint = DEFAULT_FEE): "account" | "wallet" {
  if ((change.addNanoErg ?? 0n) > 0n) return "wallet";
  return valueNanoErg - feeNanoErg >= collateralNanoErg + MIN_BOX_VALUE ? "account" : "wallet";
}

/**
 * Builds `change` to account `accountId` of `communityId` from its live box; refuses when this
 * wallet does not own it, when the wallet cannot pay (`InsufficientFunds`), or a profile or
 * marketplace note that its codec refuses, all before the wallet is asked to sign.
 */
export async function prepareTopUp(
  wallet: ConnectedWallet,
  node: NodeClient,
  communityId: string,
  accountId: string,
  change: AccountChange,
  hint: BoxHint = {},
): Promise<PreparedTopUp> {
  const [account, ctx] = await Promise.all([liveAccount(node, communityId, accountId, hint), wallet.buildContext()]);
  if (account.owner !== ownerFromAddress(ctx.wallet.changeAddress)) {
    throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${ctx.wallet.changeAddress}`);
  }
  const feeFrom = feeSource(account.valueNanoErg, account.terms.collateralNanoErg, change);
  const unsigned = topUp({ account: account.box, ...change }, feeFrom === "wallet" ? ctx : { height: ctx.height });
  const successor = predict(unsigned).outputs.find((box) => box.assets.some((token) => token.tokenId === communityId));
  if (!successor) throw new Error(`the top-up of account ${accountId} makes no account box`);
  return { unsigned, account, feeFrom, successorBoxId: successor.boxId };
}
