/**
 * Whether a community box that no community input precedes is a genuine genesis: the community
 * token minted by this transaction, its whole supply in this box, state [0, 0], and rules the
 * contracts would let a committee set (policy bounds, a committee of keys, a treasury above the
 * box's storage fee, a size governance could write, a creation height that is not back-dated). A community failing any of these
 * is ignored, with the reason.
 */
import type { Box } from "@fleet-sdk/common";
import { policyProblem } from "../../contracts/builders/policy.ts";
import { keysProblem } from "../../contracts/committee.ts";
import { MAX_AGE_BLOCKS, MAX_COMMUNITY_BYTES } from "../../contracts/scripts.ts";
import { boxBytes, boxFeeNanoErg } from "../../contracts/storage-rent.ts";
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
  if (community.governanceId !== null) return "R8 names a governance token: only the committee's switch may write it";
  if (community.membersJoined !== 0n || community.communityBalance !== 0n) return "genesis state is not [0, 0]";
  const minted = outputs.flatMap((o) => o.assets).filter((a) => a.tokenId === community.communityId);
  if (minted.length !== 1) return "the minted membership token is split over several boxes";
  if (community.seatsLeft !== community.policy.maxMembers) return "token supply is not maxMembers + 1";
  const policy = policyProblem(community.policy);
  if (policy) return `policy: ${policy.field} ${policy.reason}`;
  const committee = keysProblem(community.committee);
  if (committee) return `committee ${committee}`;
  const bytes = boxBytes(box, box.index);
  if (bytes > MAX_COMMUNITY_BYTES) return `the box is ${bytes} bytes, more than the ${MAX_COMMUNITY_BYTES} governance may write (no room to grow below 4,096)`;
  // Storage rent may take a box worth its fee or less whole: the contracts demand more.
  const fee = boxFeeNanoErg(box, box.index);
  if (box.value <= fee) return `treasury ${box.value} nanoERG is not above the box's storage fee ${fee} nanoERG (the rent floor)`;
  if (box.creationHeight < height - MAX_AGE_BLOCKS) {
    return `creation height ${box.creationHeight} is back-dated: more than ${MAX_AGE_BLOCKS} blocks below block height ${height}`;
  }
  return undefined;
}
