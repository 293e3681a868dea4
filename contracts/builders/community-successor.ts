/** The successor community box every community path creates, checked against the rent floor. */
import { OutputBuilder } from "@fleet-sdk/core";
import type { Community } from "../community/community.ts";
import { TreasuryBelowFloor } from "../errors.ts";
import { COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { boxFeeNanoErg } from "../storage-rent.ts";

/** What changes in a successor: treasury, free seats (token units incl. the anchor), registers. */
export interface SuccessorFields {
  treasuryNanoErg: bigint;
  units: bigint;
  registers: Record<"R4" | "R5" | "R6" | "R7", string>;
}

/**
 * The successor box at `height`; throws `TreasuryBelowFloor` unless its value exceeds its own
 * storage fee, which the contract demands on every path.
 */
export function communitySuccessor(community: Community, fields: SuccessorFields, height: number): OutputBuilder {
  const candidate = {
    value: fields.treasuryNanoErg,
    ergoTree: COMMUNITY_ERGO_TREE,
    creationHeight: height,
    assets: [{ tokenId: community.communityId, amount: fields.units }],
    additionalRegisters: fields.registers,
  };
  const floor = boxFeeNanoErg(candidate) + 1n;
  if (fields.treasuryNanoErg < floor) throw new TreasuryBelowFloor(floor, fields.treasuryNanoErg);
  return new OutputBuilder(fields.treasuryNanoErg, COMMUNITY_ERGO_TREE)
    .addTokens({ tokenId: community.communityId, amount: fields.units })
    .setAdditionalRegisters(fields.registers)
    .setCreationHeight(height);
}
