import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { IndexerNotFound } from "$lib/server/indexer.ts";
import type { EscrowOrder } from "$lib/server/indexer-types.ts";
import { namesFor, namesOf } from "$lib/server/names.ts";
import { enumParam, pageParams } from "$lib/server/paging.ts";
import type { PageServerLoad } from "./$types";

/** The status filter's choices: `all` asks the indexer without one. */
const STATUSES = ["all", "open", "settled"] as const;

/**
 * `/lets/{communityId}/orders?status=&limit=&offset=`: the community's post-factum orders
 * (docs/escrow.md), newest first, filtered by status, with the payer's and payee's names.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const status = enumParam(url, "status", STATUSES, "all");
  const paging = pageParams(url);
  const indexer = indexerFor(locals);
  const none = { items: [] as EscrowOrder[], total: 0, limit: paging.limit, offset: paging.offset };
  const [c, orders, indexed] = await Promise.all([
    fromIndexer("community", () => indexer.community(communityId)),
    fromIndexer("post-factum orders", () =>
      indexer.escrowOrdersOfCommunity(communityId, status === "all" ? undefined : status, paging).catch((e: unknown) => (e instanceof IndexerNotFound ? none : Promise.reject(e)))),
    fromIndexer("status", () => indexer.status()),
  ]);
  const ids = orders.items.flatMap((o) => [o.payerId, o.payeeId]);
  const names = await fromIndexer("names", () => namesFor(indexer, communityId, ids));
  const { name, symbol, decimals } = c.metadata;
  return {
    community: { communityId, name, symbol, decimals },
    status,
    paging,
    orders,
    names: namesOf(names, ids),
    tip: indexed.nodeHeight ?? indexed.height,
  };
};
