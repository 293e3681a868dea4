import { ownerFromAddress } from "$contracts/builders/common.ts";
import { fromIndexer, isHexId, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { underwriterStakes } from "$lib/server/underwriting.ts";
import type { Stake } from "$lib/underwriting/types.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/underwrite?account=&address=`: the underwriter's screen (docs/underwriting.md).
 * The offer form for `account`; with `address` (the page sets it once a wallet connects) that key's
 * offers and stakes in the community and its own accounts there, where a premium may be paid.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const accountParam = url.searchParams.get("account")?.trim().toLowerCase() ?? "";
  const address = url.searchParams.get("address")?.trim() || null;
  let underwriter: string | null = null;
  let addressError: string | null = null;
  if (address) {
    try {
      underwriter = ownerFromAddress(address);
    } catch {
      addressError = `${address} is not a single-key Ergo address.`;
    }
  }
  const [community, stakes, owned] = await Promise.all([
    fromIndexer("community", () => indexer.community(communityId)),
    underwriter ? fromIndexer("underwriting", () => underwriterStakes(indexer, communityId, underwriter)) : Promise.resolve([] as Stake[]),
    address && underwriter ? fromIndexer("accounts", () => indexer.accountsByOwner(address)) : Promise.resolve({ items: [] }),
  ]);
  const { name, symbol, decimals } = community.metadata;
  const ownAccounts = owned.items.filter((a) => a.communityId === communityId && a.status === "open").map((a) => ({ accountId: a.accountId, name: a.name }));
  return {
    community: { communityId, name, symbol, decimals },
    accountId: isHexId(accountParam) ? accountParam : "",
    address,
    addressError,
    ownAccounts,
    offers: stakes.filter((s) => s.state === "offer"),
    active: stakes.filter((s) => s.state === "active"),
    ended: stakes.filter((s) => s.state !== "offer" && s.state !== "active"),
  };
};
