/**
 * `/lets/{communityId}/till`: the point of sale. The server reads only the community (its name and
 * units); the shop's account is the connected wallet's own (found in the browser, as the pay
 * screen finds the payer), and each sale's request is signed by that wallet and watched from the
 * browser (`/api/requests/{id}`), so the page needs its script.
 */
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const community = await fromIndexer(`community ${communityId}`, () => indexerFor(locals).community(communityId));
  const { name, symbol, decimals } = community.metadata;
  return { community: { communityId, name, symbol, decimals } };
};
