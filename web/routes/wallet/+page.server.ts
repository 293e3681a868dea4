import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { desksOf } from "$lib/server/desk.ts";
import { walletEscrows } from "$lib/server/escrows.ts";
import { walletBacking } from "$lib/server/underwriting.ts";
import type { PageServerLoad } from "./$types";
import { NotAnOwnerAddress, walletAccounts, type WalletAccount } from "$lib/server/wallet-accounts.ts";

/** The most boxes of an address the node is asked for; past it the ERG shown is "at least". */
const ADDRESS_BOXES = 500;

/**
 * The ERG at `address` (its unspent boxes, mempool applied), from the node; undefined when the node
 * cannot say (unreachable, or a node without the box index). `atLeast`: more boxes than were read.
 */
async function ergAt(locals: App.Locals, address: string): Promise<{ nanoErg: bigint; boxes: number; atLeast: boolean } | undefined> {
  try {
    const boxes = await nodeFor(locals).unspentByAddress(address, ADDRESS_BOXES);
    return { nanoErg: boxes.reduce((sum, b) => sum + BigInt(b.value), 0n), boxes: boxes.length, atLeast: boxes.length >= ADDRESS_BOXES };
  } catch {
    return undefined;
  }
}

/** `/wallet?address=...`: the accounts of that address (the page sets it once a wallet connects) and its ERG. */
export const load: PageServerLoad = async ({ url, locals }) => {
  const address = url.searchParams.get("address")?.trim() || null;
  let accounts: WalletAccount[] = [];
  let addressError: string | null = null;
  let erg: Awaited<ReturnType<typeof ergAt>> = undefined;
  if (address) {
    try {
      [accounts, erg] = await Promise.all([
        fromIndexer("accounts", () => walletAccounts(indexerFor(locals), address, locals.config.network)),
        ergAt(locals, address),
      ]);
    } catch (error) {
      if (!(error instanceof NotAnOwnerAddress)) throw error;
      addressError = `${address} is not a single-key Ergo address.`;
    }
  }
  const found = await desksOf(indexerFor(locals), accounts.map((row) => row.account.communityId));
  // Terms for the buy and sell forms (open accounts); desk ids so a statement names the desk as the desk.
  const open = new Set(accounts.filter((row) => row.account.status === "open").map((row) => row.account.communityId));
  const desks = Object.fromEntries(Object.entries(found).filter(([id]) => open.has(id)).map(([id, d]) => [id, d.activeTerms]));
  const deskIds = Object.fromEntries(Object.entries(found).map(([id, d]) => [id, d.deskId]));
  const openAccounts = accounts.filter((row) => row.account.status === "open").map((row) => row.account);
  // Post-factum orders and escrows, and the backing of each open account (docs/underwriting.md).
  const [escrows, backing] = await Promise.all([
    walletEscrows(indexerFor(locals), openAccounts),
    fromIndexer("backing", () => walletBacking(indexerFor(locals), openAccounts.map((a) => a.accountId))),
  ]);
  return { address, accounts, addressError, erg: erg ?? null, desks, deskIds, escrows: escrows.byAccount, escrowIds: escrows.escrowIds, backing };
};
