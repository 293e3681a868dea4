/** Pieces the member-governance builders share (docs/governance.md): decoding, box values, checks. */
import type { Amount, Box } from "@fleet-sdk/common";
import { GovernanceRefused, NotALetsBox, WrongCommunity } from "../errors.ts";
import {
  decodeGovernance, decodeProposal, decodeVote, type GovernanceBox, type Proposal, type VoteBox,
} from "../governance/governance.ts";
import { GOVERNANCE_VOTE_NANOERG, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxFeeNanoErg } from "../storage-rent.ts";
import type { Community } from "../community/community.ts";

/**
 * ERG in every vote box (and the head of each list), the least the contracts allow: the tally
 * spends no wallet box (every input after the proposal must be a vote), so the votes pay its fee
 * and whoever runs it keeps the rest. One vote covers the default fee.
 */
export const VOTE_BOX_NANOERG = GOVERNANCE_VOTE_NANOERG;

export function requireGovernance(box: Box<Amount>): GovernanceBox {
  const result = decodeGovernance(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "governance", result.reason);
  return result.value;
}

export function requireProposal(box: Box<Amount>): Proposal {
  const result = decodeProposal(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "proposal", result.reason);
  return result.value;
}

export function requireVote(box: Box<Amount>): VoteBox {
  const result = decodeVote(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "vote", result.reason);
  return result.value;
}

/** The community must be the proposal's, and decide by member vote with this proposal's token. */
export function requireGoverned(community: Community, governanceId: string, subject: string): void {
  if (community.governanceId === null) throw new GovernanceRefused(subject, "act", "the community is governed by its committee");
  if (community.governanceId !== governanceId) {
    throw new WrongCommunity(community.boxId, governanceId, community.governanceId);
  }
}

/** The least value a box may hold so that storage rent only ever takes fees from it (with 32 bytes of room). */
// (measured with a value of the largest encoding, so the value's own bytes cannot tip it over)
export const rentSafeValue = (candidate: Parameters<typeof boxFeeNanoErg>[0], index: number): bigint =>
  boxFeeNanoErg({ ...candidate, value: 1n << 62n }, index) + 32n * STORAGE_FEE_FACTOR + 1n;
