/**
 * Sending a marketplace note from the browser: a listing, a review or a shop rides on the member's
 * own account input of a top-up with nothing else changed (`contracts/builders/top-up.ts`,
 * docs/marketplace.md), so it is prepared, signed and sent exactly as a profile change is, by
 * Nautilus or the development wallet, and refused before signing when the codec refuses it.
 */
import { DEFAULT_FEE } from "$contracts/builders/common.ts";
import type { MarketIntent } from "$contracts/market/market-notes.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { displayErg } from "../amount.ts";
import { browserNode } from "../wallet/proxy.ts";
import { walletSession } from "../wallet/session.svelte.ts";
import { prepareTopUp } from "../wallet/top-up.ts";

/** The member's account that carries the note. */
export interface NoteAccount {
  communityId: string;
  accountId: string;
  /** The account box the indexer last saw (a hint; the live one is read from the node). */
  boxId: string | null;
}

/** A note on its way: its transaction, the account box it spent (a published listing's id) and the one it makes. */
export interface SentNote {
  txId: string;
  spentBoxId: string;
  successorBoxId: string;
}

/** Where a note's fee comes from, in the words the wallet's signing message ends with. */
export const feeWords = (feeFrom: "account" | "wallet"): string =>
  `the ${displayErg(DEFAULT_FEE)} fee comes from ${feeFrom === "account" ? "your account's fee reserve" : "your wallet"}`;

/**
 * Prepares `market` on `account` from its live box, asks the connected wallet to sign with the
 * purpose `purpose(feeFrom)`, and sends it; `progress` hears each step. Throws what the builder or
 * the wallet refuses (the member declined, the fee reserve is spent and the wallet cannot pay...).
 */
export async function sendMarketNote(
  account: NoteAccount,
  market: MarketIntent,
  purpose: (feeFrom: "account" | "wallet") => string,
  progress: (text: string) => void,
): Promise<SentNote> {
  const wallet = walletSession.wallet;
  if (!wallet) throw new InvalidIntent("connect a wallet first");
  progress("Checking your account on the node…");
  const prepared = await prepareTopUp(wallet, browserNode, account.communityId, account.accountId, { market }, { boxId: account.boxId });
  progress("Waiting for your signature in the wallet…");
  const txId = await walletSession.signAndSubmit(prepared.unsigned, purpose(prepared.feeFrom));
  return { txId, spentBoxId: prepared.account.boxId, successorBoxId: prepared.successorBoxId };
}
