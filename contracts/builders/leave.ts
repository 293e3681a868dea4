/** Leave: a member at balance 0 closes the account and takes back its ERG (the collateral). */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { BalanceNotZero } from "../errors.ts";
import { requireAccount, requireCommunity, type BuildContext } from "./common.ts";
import { buildExit } from "./exit.ts";
import { requireUnderwriting } from "./underwrite.ts";

/** Which account leaves which community. */
export interface LeaveIntent {
  community: Box<Amount>;
  account: Box<Amount>;
  /** The stakes of underwritten accounts (docs/underwriting.md): each settles with its account. */
  stakes?: Box<Amount>[];
}

/**
 * Builds the leave transaction: the unit returns to the community box, the account's ERG goes to
 * the wallet's change address. The owner must sign.
 * @example
 * const tx = leave({ community, account }, { height, wallet });
 */
export function leave(intent: LeaveIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  const account = requireAccount(intent.account);
  if (account.balance !== 0n) throw new BalanceNotZero(account.accountId, account.balance);
  return buildExit(community, [account], "leave", ctx, (intent.stakes ?? []).map(requireUnderwriting));
}
