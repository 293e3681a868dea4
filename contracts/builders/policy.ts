/** Checks a policy and metadata before they go into a community box (create and govern). */
import type { CommunityMetadata, Policy } from "../community/community.ts";
import { InvalidPolicy } from "../errors.ts";
import { DORMANT_BLOCKS, MAX_NANO_ERG } from "../scripts.ts";
import { LONG_MAX } from "../long.ts";

/** Largest membership token supply we mint; keeps every count far from Long bounds. */
export const MAX_MEMBERS_LIMIT = 1_000_000_000n;
/** R6 holds the metadata; the whole community box must stay under 4,096 bytes. */
export const MAX_METADATA_BYTES = 1_500;
/** Every member at its floor (or cap) must keep the sum of balances in Long: units × maxMembers <= 2^62 - 1. */
const MAX_TOTAL_UNITS = LONG_MAX / 2n;

/**
 * The largest balance (and credit limit) any account of a community of `maxMembers` may have, so
 * that a sum over all of them stays below 2^62. An account that joins under "no cap" gets this cap.
 */
export const maxUnits = (maxMembers: bigint): bigint => (maxMembers >= 1n ? MAX_TOTAL_UNITS / maxMembers : 0n);

/** Whether an account's cap means "no cap": 0 (version 1) or the largest cap its community allows. */
export const isNoCap = (positiveCap: bigint, maxMembers: bigint): boolean => positiveCap === 0n || positiveCap === maxUnits(maxMembers);

/**
 * The largest value each policy field may take, as the community contract bounds it when the
 * committee governs (and the indexer when it checks a genesis): balances times maxMembers stay in
 * Long, ERG amounts below all ERG there is, the inactivity window within the dormancy window.
 */
export function policyBounds(maxMembers: bigint): Record<keyof Policy, bigint> {
  const units = maxUnits(maxMembers);
  return {
    creditLimit: units,
    positiveCap: units,
    joinFeeNanoErg: MAX_NANO_ERG,
    collateralNanoErg: MAX_NANO_ERG,
    maxMembers: MAX_MEMBERS_LIMIT,
    inactivityBlocks: BigInt(DORMANT_BLOCKS),
  };
}

/** The first policy field out of range and why, or undefined for a policy the contracts accept. */
export function policyProblem(policy: Policy): { field: string; reason: string } | undefined {
  for (const [field, value] of Object.entries(policy)) {
    if (typeof value !== "bigint") return { field, reason: "must be a whole number" };
    if (value < 0n || value > LONG_MAX) return { field, reason: "must be between 0 and 2^63-1" };
  }
  if (policy.maxMembers < 1n || policy.maxMembers > MAX_MEMBERS_LIMIT) {
    return { field: "maxMembers", reason: `must be between 1 and ${MAX_MEMBERS_LIMIT}` };
  }
  const bounds = policyBounds(policy.maxMembers);
  for (const field of Object.keys(bounds) as (keyof Policy)[]) {
    if (policy[field] <= bounds[field]) continue;
    if (field === "creditLimit" || field === "positiveCap") {
      return { field, reason: `at most ${bounds[field]} with ${policy.maxMembers} members (${field} × maxMembers must stay below 2^62)` };
    }
    if (field === "inactivityBlocks") return { field, reason: `at most ${bounds[field]} blocks (the dormancy window)` };
    return { field, reason: `at most ${bounds[field]} nanoERG` };
  }
  return undefined;
}

/** Throws `InvalidPolicy` naming the first field out of range. */
export function checkPolicy(policy: Policy): void {
  const problem = policyProblem(policy);
  if (problem) throw new InvalidPolicy(problem.field, problem.reason);
}

/** Throws `InvalidPolicy` when the metadata is unusable or too large. */
export function checkMetadata(metadata: CommunityMetadata): void {
  if (typeof metadata.name !== "string" || metadata.name.trim() === "") throw new InvalidPolicy("name", "is required");
  if (typeof metadata.symbol !== "string" || !/^\S{1,12}$/u.test(metadata.symbol)) {
    throw new InvalidPolicy("symbol", "1 to 12 characters, no spaces");
  }
  if (!Number.isInteger(metadata.decimals) || metadata.decimals < 0 || metadata.decimals > 18) {
    throw new InvalidPolicy("decimals", "an integer from 0 to 18");
  }
  const bytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
  if (bytes > MAX_METADATA_BYTES) throw new InvalidPolicy("metadata", `${bytes} bytes, at most ${MAX_METADATA_BYTES}`);
}
