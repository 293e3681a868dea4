import { fromNode, governanceSummary, indexedProposals, liveGovernanceOf } from "$lib/server/governance.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import type { PageServerLoad } from "./$types";

/**
 * `/lets/{communityId}/governance` (docs/web.md "Governance"): who decides and by which rules, the
 * open proposals with their live counts (from the node), and the closed ones (from the indexer).
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const network = locals.config.network;
  const [indexed, live, summary, history] = await Promise.all([
    fromIndexer("community", () => indexer.community(communityId)),
    fromNode(() => liveGovernanceOf(nodeFor(locals), communityId, network)),
    fromIndexer("governance", () => governanceSummary(indexer, communityId)),
    fromIndexer("proposals", () => indexedProposals(indexer, communityId, "closed", network)),
  ]);
  return { name: indexed.metadata.name, live, summary, history, network };
};
