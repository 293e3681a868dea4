/**
 * `/lets/{communityId}/join`: what joining costs and what a member may do, before the wallet
 * signs. The ERG breakdown uses the same constants as the join builder.
 */
import { ErgoAddress } from "@fleet-sdk/core";
import { DEFAULT_FEE } from "$contracts/builders/common.ts";
import { describeCommittee } from "$contracts/committee.ts";
import { MIN_BOX_VALUE } from "$contracts/scripts.ts";
import { addressNetwork } from "$ergo/network.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/** ERG the join builder puts in a new account beyond collateral and minimum, for its payment fees. */
const FEE_RESERVE_NANO_ERG = 10n * DEFAULT_FEE;

export const load: PageServerLoad = async ({ params, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const community = await fromIndexer(`community ${communityId}`, () => indexerFor(locals).community(communityId));
  const keys = describeCommittee(community.committee);
  const network = addressNetwork(locals.config.network);
  const committee = keys && { threshold: keys.threshold, addresses: keys.publicKeys.map((k) => ErgoAddress.fromPublicKey(k, network).encode(network)) };
  const accountNanoErg = community.policy.collateralNanoErg + MIN_BOX_VALUE + FEE_RESERVE_NANO_ERG;
  return {
    community,
    committee,
    cost: {
      joinFeeNanoErg: community.policy.joinFeeNanoErg,
      accountNanoErg,
      feeReserveNanoErg: MIN_BOX_VALUE + FEE_RESERVE_NANO_ERG,
      minerFeeNanoErg: DEFAULT_FEE,
      totalNanoErg: community.policy.joinFeeNanoErg + accountNanoErg + DEFAULT_FEE,
    },
  };
};
