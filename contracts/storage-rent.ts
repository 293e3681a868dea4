/**
 * Storage rent and dormancy, in the builders' terms. After 1,051,200 blocks anyone may spend a box
 * whose value does not cover the storage fee, tokens and all, without its script. So the community
 * box always holds more than its fee (the contract checks `value > bytes * storageFeeFactor`), and a box
 * nobody spent for `DORMANT_BLOCKS` may be closed (account) or refreshed (community) by anyone, a
 * year before rent could reach it.
 */
import type { BoxCandidate } from "@fleet-sdk/common";
import { estimateBoxSize } from "@fleet-sdk/serializer";
import { longsConstant } from "./registers.ts";
import { COMMUNITY_ERGO_TREE, DORMANT_BLOCKS, STORAGE_FEE_FACTOR } from "./scripts.ts";
import { STORAGE_PERIOD_BLOCKS } from "./parameters.ts";
import { LONG_MAX, LONG_MIN } from "./long.ts";

export { STORAGE_PERIOD_BLOCKS };


/** The community registers that can change size only by governance. */
export type RulesRegisters = Record<"R4" | "R5" | "R6", string>;

/**
 * The least treasury a community box with these R4..R6 may ever hold: one nanoERG more than its
 * storage fee at the largest size its other fields can reach (value, seats and R7 state at their
 * longest encodings), so no join or exit can push it below the floor the contract checks. (Rent
 * may take a box worth its fee or less whole: the node and ergo-lib both compare with `<=`.)
 * `ergoTree`: the community's tree (the economics tree is larger).
 */
export function communityFloorNanoErg(rules: RulesRegisters, ergoTree: string = COMMUNITY_ERGO_TREE): bigint {
  const box: BoxCandidate<bigint> = {
    value: LONG_MAX,
    ergoTree,
    creationHeight: 0x7fffffff,
    assets: [{ tokenId: "00".repeat(32), amount: LONG_MAX }],
    additionalRegisters: { ...rules, R7: longsConstant([LONG_MIN, LONG_MIN]) },
  };
  return BigInt(estimateBoxSize(box)) * STORAGE_FEE_FACTOR + 1n; // index up to 65,535: the longest
}

/** The first height at which a box created at `creationHeight` is dormant. */
export const dormantFrom = (creationHeight: number): number => creationHeight + DORMANT_BLOCKS;

/** The first height at which storage rent may be collected from a box created at `creationHeight`. */
export const rentFrom = (creationHeight: number): number => creationHeight + STORAGE_PERIOD_BLOCKS;

/**
 * Whether a box created at `creationHeight` is dormant for a transaction built at chain height
 * `height` (it goes into block `height + 1` at the earliest, the HEIGHT its scripts see).
 */
export const isDormant = (creationHeight: number, height: number): boolean => height + 1 >= dormantFrom(creationHeight);

/** A box's serialized size once created as output `index` (its transaction id included). */
export const boxBytes = (box: BoxCandidate<bigint>, index = 0): number =>
  estimateBoxSize({ ...box, boxId: "00".repeat(32), transactionId: "00".repeat(32), index });

/** The storage fee of a box as the node and the community contract compute it: its serialized bytes × the factor. */
export function boxFeeNanoErg(box: BoxCandidate<bigint>, index = 0): bigint {
  return BigInt(boxBytes(box, index)) * STORAGE_FEE_FACTOR;
}
