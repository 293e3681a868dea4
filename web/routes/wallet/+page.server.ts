import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";
import { NotAnOwnerAddress, walletAccounts, type WalletAccount } from "$lib/server/wallet-accounts.ts";

/** `/wallet?address=...`: the accounts of that address (the page sets it once a wallet connects). */
export const load: PageServerLoad = async ({ url, locals }) => {
  const address = url.searchParams.get("address")?.trim() || null;
  let accounts: WalletAccount[] = [];
  let addressError: string | null = null;
  if (address) {
    try {
      accounts = await fromIndexer("accounts", () => walletAccounts(indexerFor(locals), address));
    } catch (error) {
      if (!(error instanceof NotAnOwnerAddress)) throw error;
      addressError = `${address} is not a single-key Ergo address.`;
    }
  }
  return { address, accounts, addressError };
};
