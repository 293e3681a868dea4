import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { accountReviews, getListing } from "$lib/server/market.ts";
import type { PageServerLoad } from "./$types";

/** How many of the author's latest reviews the listing shows. */
const REVIEWS_SHOWN = 5;

/**
 * `/listings/{id}`: one listing (withdrawn or expired ones too, saying so), its community's units,
 * its author's score and latest reviews, and the chain's height its edit form counts days from.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const id = requireHexId(params.id, "listing");
  const indexer = indexerFor(locals);
  const listing = await fromIndexer(`listing ${id}`, () => getListing(indexer, id));
  const [community, reviews, status] = await Promise.all([
    fromIndexer("community", () => indexer.community(listing.communityId)),
    fromIndexer("reviews", () => accountReviews(indexer, listing.accountId, { limit: REVIEWS_SHOWN })),
    fromIndexer("status", () => indexer.status()),
  ]);
  const { name, symbol, decimals } = community.metadata;
  return { listing, community: { communityId: listing.communityId, name, symbol, decimals }, reviews, height: status.height };
};
