import { error } from "@sveltejs/kit";
import { indexedProposal, indexedVotes, liveProposalOf } from "$lib/server/governance.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/governance/{proposalId}`: one proposal, its change before → after, its
 * counts and phase (live from the node while it is open, else as the indexer recorded it) and its votes.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const proposalId = requireHexId(params.proposalId, "proposal");
  const indexer = indexerFor(locals);
  const network = locals.config.network;
  const [community, live, votes] = await Promise.all([
    fromIndexer("community", () => indexer.community(communityId)),
    liveProposalOf(nodeFor(locals), communityId, proposalId, network).catch(() => null),
    fromIndexer("votes", () => indexedVotes(indexer, proposalId)),
  ]);
  const proposal = live ?? (await fromIndexer("proposal", () => indexedProposal(indexer, proposalId, network)));
  if (!proposal || proposal.communityId !== communityId) error(404, `No open proposal ${proposalId} of this community on the node, and none in the indexer's history`);
  const height = await nodeFor(locals).height().catch(() => null);
  return { community: { communityId, name: community.metadata.name, symbol: community.metadata.symbol, decimals: community.metadata.decimals }, proposal, live: live !== null, votes, height, network };
};
