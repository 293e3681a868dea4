/** Dormant close: anyone closes accounts whose boxes nobody spent for the dormancy window. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "../account/account.ts";
import { InvalidIntent, NotDormant } from "../errors.ts";
import { dormantFrom, isDormant } from "../storage-rent.ts";
import { requireAccount, requireCommunity, type BuildContext } from "./common.ts";
import { buildExit } from "./exit.ts";
import { requireUnderwriting } from "./underwrite.ts";

/** Which dormant accounts to close. */
export interface CloseDormantIntent {
  community: Box<Amount>;
  accounts: Box<Amount>[];
  /** The stakes of underwritten accounts (docs/underwriting.md): each settles with its account. */
  stakes?: Box<Amount>[];
}

/** Why `account` cannot be closed as dormant at chain height `height`, or undefined when it can. */
export function dormantBlocker(account: Account, height: number): string | undefined {
  if (isDormant(account.creationHeight, height)) return undefined;
  return `its box was created at height ${account.creationHeight}; dormant from height ${dormantFrom(account.creationHeight)}`;
}

/**
 * Builds the dormant close: whatever the balance, it moves to the community balance (a debt
 * becomes the community's, savings of a member silent for years return to it), a negative
 * account's collateral joins the treasury, and the rest of each account's ERG goes to its owner,
 * less the minimum box value the closer keeps for the fee. Run it before storage rent could reach
 * the box (docs/contracts.md, "Storage rent").
 * @example
 * const tx = closeDormant({ community, accounts: [box] }, { height, wallet });
 */
export function closeDormant(intent: CloseDormantIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (intent.accounts.length === 0) throw new InvalidIntent("name at least one account to close");
  const accounts = intent.accounts.map(requireAccount);
  if (new Set(accounts.map((a) => a.accountId)).size !== accounts.length) throw new InvalidIntent("an account appears twice");
  for (const account of accounts) {
    if (dormantBlocker(account, ctx.height)) throw new NotDormant(account.boxId, dormantFrom(account.creationHeight));
  }
  return buildExit(community, accounts, "close", ctx, (intent.stakes ?? []).map(requireUnderwriting));
}
