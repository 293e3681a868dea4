/**
 * `/api/members/{communityId}?q=...`: the open accounts of a community that match an account id
 * or an owner's address, for picking whom to pay and for finding the wallet's own account.
 * Amounts are decimal strings. A well-formed id or address that matches nothing is an empty list;
 * text that is neither is a 400 saying what `q` takes (the pay screen never sends one: it tells the
 * member that no member matches without asking).
 */
import { error, json } from "@sveltejs/kit";
import { ownerAddress } from "$ergo/addresses.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { IndexerNotFound } from "$lib/server/indexer.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { Account } from "$lib/server/indexer-types.ts";
import { lookupKind, type MemberMatch } from "$lib/wallet/members.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const q = url.searchParams.get("q")?.trim() ?? "";
  const indexer = indexerFor(locals);
  let accounts: Account[];
  const kind = lookupKind(q);
  if (kind === "account") {
    accounts = await fromIndexer("account", () => indexer.account(q.toLowerCase()).then((a) => [a], (e: unknown) => (e instanceof IndexerNotFound ? [] : Promise.reject(e))));
  } else if (kind === "address") {
    accounts = await fromIndexer("accounts", () => indexer.accountsByOwner(q).then((r) => r.items));
  } else {
    error(400, "q must be an account id (64 hexadecimal digits) or an Ergo address");
  }
  const matches: MemberMatch[] = accounts
    .filter((a) => a.communityId === communityId && a.status === "open")
    .map((a) => ({
      accountId: a.accountId,
      address: ownerAddress(a.owner, locals.config.network) ?? null,
      balance: a.balance.toString(),
      creditLeft: a.creditLeft.toString(),
      positiveCap: a.positiveCap.toString(),
      boxId: a.boxId,
    }));
  return json(matches, { headers: { "cache-control": "no-store" } });
};
