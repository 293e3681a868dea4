/** Default: anyone closes accounts that stayed negative and inactive for the inactivity window. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "../account/account.ts";
import { InvalidIntent, NotDefaulted } from "../errors.ts";
import { requireAccount, requireCommunity, type BuildContext } from "./common.ts";
import { buildExit } from "./exit.ts";
import { requireUnderwriting } from "./underwrite.ts";

/** Which accounts to close as defaulted. */
export interface CloseDefaultedIntent {
  community: Box<Amount>;
  accounts: Box<Amount>[];
  /** The stakes of underwritten accounts (docs/underwriting.md): each settles with its account. */
  stakes?: Box<Amount>[];
}

/**
 * Why `account` cannot be closed as defaulted by a transaction built at chain height `height`, or
 * undefined when it can. Such a transaction goes into block `height + 1` at the earliest, which is
 * the HEIGHT its scripts see.
 */
export function defaultBlocker(account: Account, height: number): string | undefined {
  if (account.balance >= 0n) return `balance ${account.balance} is not negative`;
  if (account.terms.inactivityBlocks === 0n) return "the community has no default path (inactivityBlocks = 0)";
  const due = account.lastActiveHeight + account.terms.inactivityBlocks;
  if (BigInt(height) + 1n < due) return `inactive only since ${account.lastActiveHeight}; closable from height ${due}`;
  return undefined;
}

/**
 * Builds the default transaction: the debt moves to the community balance, each account's
 * collateral to the treasury and the rest of its ERG to its owner (less the minimum box value,
 * which the closer keeps for the fee), the units home; the caller's wallet pays the fee.
 * @example
 * const tx = closeDefaulted({ community, accounts: [debtorBox] }, { height, wallet });
 */
export function closeDefaulted(intent: CloseDefaultedIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (intent.accounts.length === 0) throw new InvalidIntent("name at least one account to close");
  const accounts = intent.accounts.map(requireAccount);
  if (new Set(accounts.map((a) => a.accountId)).size !== accounts.length) throw new InvalidIntent("an account appears twice");
  for (const account of accounts) {
    const blocker = defaultBlocker(account, ctx.height);
    if (blocker) throw new NotDefaulted(account.accountId, blocker);
  }
  return buildExit(community, accounts, "close", ctx, (intent.stakes ?? []).map(requireUnderwriting));
}
