/**
 * Escrows for post-factum payments (docs/escrow.md) as the wallet and the explorer read them from
 * the indexer: each account's orders (as payer and as payee) and live escrows, and every escrow id
 * of a community, so a statement names an escrow as "escrow" and not as an unknown account. A
 * community whose indexer serves no escrows (an older indexer answers 404) has none.
 */
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { AccountEscrowOrder, Escrow } from "./indexer-types.ts";

/** The most orders of an account the wallet lists, newest first. */
export const WALLET_ORDERS = 50;
/** The most escrows of a community read to name them in statements. */
const ALL_ESCROWS = 1_000;

const orNone = <T>(empty: T) => (error: unknown): T => {
  if (error instanceof IndexerNotFound) return empty;
  throw error;
};

/** An account's post-factum orders and the escrows it opened that are still open. */
export interface AccountEscrows {
  orders: AccountEscrowOrder[];
  escrows: Escrow[];
}

/** Every escrow of `communityId` the indexer knows, open or closed. */
export async function escrowsOf(indexer: IndexerClient, communityId: string): Promise<Escrow[]> {
  return (await indexer.escrowsOfCommunity(communityId, { limit: ALL_ESCROWS }).catch(orNone({ items: [] as Escrow[] }))).items;
}

/** Orders and live escrows of each account in `accounts` (ids by community), and each community's escrow ids. */
export async function walletEscrows(
  indexer: IndexerClient,
  accounts: { accountId: string; communityId: string }[],
): Promise<{ byAccount: Record<string, AccountEscrows>; escrowIds: Record<string, string[]> }> {
  const communities = [...new Set(accounts.map((a) => a.communityId))];
  const [escrowLists, orderLists] = await Promise.all([
    Promise.all(communities.map((id) => escrowsOf(indexer, id))),
    Promise.all(accounts.map((a) => indexer.escrowOrdersOfAccount(a.accountId, { limit: WALLET_ORDERS }).catch(orNone({ items: [] as AccountEscrowOrder[] })))),
  ]);
  const escrowIds = Object.fromEntries(communities.map((id, i) => [id, escrowLists[i]!.map((e) => e.escrowId)]));
  const all = escrowLists.flat();
  const byAccount = Object.fromEntries(
    accounts.map((a, i) => [a.accountId, { orders: orderLists[i]!.items, escrows: all.filter((e) => e.accountId === a.accountId && e.closedHeight === null) }]),
  );
  return { byAccount, escrowIds };
}
