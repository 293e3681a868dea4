import { error } from "@sveltejs/kit";
import { fromNode, liveGovernanceOf } from "$lib/server/governance.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import type { PageServerLoad } from "./$types";

/** `/lets/{communityId}/governance/new`: the proposal form, over the community and rules as the node has them now. */
export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const live = await fromNode(() => liveGovernanceOf(nodeFor(locals), communityId, locals.config.network));
  if (!live.rules || !live.community.governanceId) error(404, "This community's committee decides: members propose once it has switched to member governance");
  return { community: live.community, rules: live.rules, proposalsLeft: live.proposalsLeft, network: locals.config.network };
};
