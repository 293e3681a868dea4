/**
 * A wallet's accounts across communities, as the indexer sees them: every account of the address
 * with its community's name and units, and for open accounts the unconfirmed changes the indexer
 * read from the node's mempool (so a payment just sent shows as pending at once).
 */
import { ownerFromAddress } from "$contracts/builders/common.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Account, PendingChange } from "./indexer-types.ts";
import { WebError } from "../errors.ts";

/** One row of the wallet's accounts table. */
export interface WalletAccount {
  account: Account;
  community: { name: string; symbol: string; decimals: number; maxMembers: bigint };
  pending: PendingChange[];
  /** The balance once the pending changes are in a block (the balance when there are none). */
  pendingBalance: bigint;
}

/** The address is not one an account can have (not a P2PK address). */
export class NotAnOwnerAddress extends WebError {}

/** Every account of `address`, open ones first, each with its community's units and pending changes. */
export async function walletAccounts(indexer: IndexerClient, address: string): Promise<WalletAccount[]> {
  try {
    ownerFromAddress(address);
  } catch (error) {
    throw new NotAnOwnerAddress((error as Error).message);
  }
  const { items } = await indexer.accountsByOwner(address);
  const communityIds = [...new Set(items.map((a) => a.communityId))];
  const communities = new Map(await Promise.all(communityIds.map(async (id) => [id, await indexer.community(id)] as const)));
  const rows = await Promise.all(
    items.map(async (account): Promise<WalletAccount> => {
      const detail = account.status === "open" ? await indexer.account(account.accountId) : undefined;
      const { metadata, policy } = communities.get(account.communityId)!;
      return {
        account,
        community: { name: metadata.name, symbol: metadata.symbol, decimals: metadata.decimals, maxMembers: policy.maxMembers },
        pending: detail?.pending ?? [],
        pendingBalance: detail?.pendingBalance ?? account.balance,
      };
    }),
  );
  return rows.sort((a, b) => Number(a.account.status !== "open") - Number(b.account.status !== "open"));
}
