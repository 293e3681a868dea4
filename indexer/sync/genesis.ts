/**
 * Whether a community box that no community input precedes is a genuine genesis: the community
 * token minted by this transaction, its whole supply in this box, state [0, 0], and rules the
 * contracts would let a committee set (policy bounds, a committee of keys, a treasury covering the
 * box's storage fee, a creation height that is not back-dated). A community failing any of these
 * is ignored, with the reason.
 */
import type { Box } from "@fleet-sdk/common";
import { policyProblem } from "../../contracts/builders/policy.ts";
import { keysProblem } from "../../contracts/committee.ts";
import { MAX_AGE_BLOCKS } from "../../contracts/scripts.ts";
import { boxFeeNanoErg } from "../../contracts/storage-rent.ts";
import type { CommunityRecord } from "./lets-events.ts";
import type { ChainInput } from "./rent.ts";

/** Why `community` (the decoded `box`, made by a transaction with `inputs` and `outputs` at block `height`) is no genesis, or undefined. */
export function genesisProblem(
  inputs: readonly ChainInput[],
  outputs: readonly Box<bigint>[],
  box: Box<bigint>,
  community: CommunityRecord,
  height: number,
): string | undefined {
  if (community.communityId !== inputs[0]?.boxId) return "community token not minted by this transaction";
  if (community.membersJoined !== 0n || community.communityBalance !== 0n) return "genesis state is not [0, 0]";
  const minted = outputs.flatMap((o) => o.assets).filter((a) => a.tokenId === community.communityId);
  if (minted.length !== 1) return "the minted membership token is split over several boxes";
  if (community.seatsLeft !== community.policy.maxMembers) return "token supply is not maxMembers + 1";
  const policy = policyProblem(community.policy);
  if (policy) return `policy: ${policy.field} ${policy.reason}`;
  const committee = keysProblem(community.committee);
  if (committee) return `committee ${committee}`;
  const floor = boxFeeNanoErg(box);
  if (box.value < floor) return `treasury ${box.value} nanoERG is below the box's storage fee ${floor} nanoERG (the rent floor)`;
  if (box.creationHeight < height - MAX_AGE_BLOCKS) {
    return `creation height ${box.creationHeight} is back-dated: more than ${MAX_AGE_BLOCKS} blocks below block height ${height}`;
  }
  return undefined;
}
