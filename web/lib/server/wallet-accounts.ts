/**
 * A wallet's accounts across communities, as the indexer sees them: every account of the address
 * with its community's name and units, and for open accounts the unconfirmed changes the indexer
 * read from the node's mempool (so a payment just sent shows as pending at once) and a statement
 * of its latest payments, each with its memo and the other side's name (the profile its owner set)
 * and address.
 */
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import type { NetworkName } from "$ergo/network.ts";
import type { IndexerClient } from "./indexer.ts";
import type { Account, PendingChange } from "./indexer-types.ts";
import { WebError } from "../errors.ts";

/** How many of an account's payments the wallet's statement lists (the account page has them all). */
export const STATEMENT_LENGTH = 10;

/** One payment in an account's statement, from the account's side. */
export interface StatementLine {
  txId: string;
  height: number;
  timestamp: number;
  /** Positive: received; negative: paid. In base units. */
  amount: bigint;
  /** What the payer wrote the payment was for, under its signature; null when nothing. */
  memo: string | null;
  /** The other side: its display name (null when its owner set none) and its owner's address. */
  counterparty: { accountId: string; name: string | null; address: string | null };
}

/** What the statement shows of the other side of a payment. */
type Counterparty = Omit<StatementLine["counterparty"], "accountId">;

/** The account's latest payments, newest first, signed from its side, with each counterparty's name and address. */
async function statementOf(indexer: IndexerClient, network: NetworkName, accountId: string): Promise<{ lines: StatementLine[]; more: boolean }> {
  const page = await indexer.accountPayments(accountId, { limit: STATEMENT_LENGTH, order: "desc" });
  const others = [...new Set(page.items.map((p) => (p.payer === accountId ? p.payee : p.payer)))];
  const unknown: Counterparty = { name: null, address: null };
  const known = new Map(
    await Promise.all(
      others.map(async (id) => [id, await indexer.account(id).then((a): Counterparty => ({ name: a.name, address: ownerAddress(a.owner, network) ?? null }), () => unknown)] as const),
    ),
  );
  const lines = page.items.map((p): StatementLine => {
    const paid = p.payer === accountId;
    const other = paid ? p.payee : p.payer;
    const counterparty = { accountId: other, ...(known.get(other) ?? unknown) };
    return { txId: p.txId, height: p.height, timestamp: p.timestamp, amount: paid ? -p.amount : p.amount, memo: p.memo, counterparty };
  });
  return { lines, more: page.total > page.items.length };
}

/** One row of the wallet's accounts table. */
export interface WalletAccount {
  account: Account;
  community: { name: string; symbol: string; decimals: number; maxMembers: bigint };
  pending: PendingChange[];
  /** The balance once the pending changes are in a block (the balance when there are none). */
  pendingBalance: bigint;
  /** Open accounts: the latest payments, newest first (`more`: the account has older ones). */
  statement: { lines: StatementLine[]; more: boolean };
}

/** The address is not one an account can have (not a P2PK address). */
export class NotAnOwnerAddress extends WebError {}

/** Every account of `address`, open ones first, each with its community's units and pending changes. */
export async function walletAccounts(indexer: IndexerClient, address: string, network: NetworkName): Promise<WalletAccount[]> {
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
      const open = account.status === "open";
      const [detail, statement] = open
        ? await Promise.all([indexer.account(account.accountId), statementOf(indexer, network, account.accountId)])
        : [undefined, { lines: [], more: false }];
      const { metadata, policy } = communities.get(account.communityId)!;
      return {
        account,
        community: { name: metadata.name, symbol: metadata.symbol, decimals: metadata.decimals, maxMembers: policy.maxMembers },
        pending: detail?.pending ?? [],
        pendingBalance: detail?.pendingBalance ?? account.balance,
        statement,
      };
    }),
  );
  return rows.sort((a, b) => Number(a.account.status !== "open") - Number(b.account.status !== "open"));
}
