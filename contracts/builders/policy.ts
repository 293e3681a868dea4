/** Checks a policy and metadata before they go into a community box (create and govern). */
import type { CommunityMetadata, Policy } from "../community/community.ts";
import { InvalidPolicy } from "../errors.ts";
import { DORMANT_BLOCKS, MAX_NANO_ERG } from "../scripts.ts";
import { LONG_MAX } from "../long.ts";
import { ECONOMICS_FIELDS, type Economics } from "../economics.ts";

/** The policy fields every community has (all but the economics levers). */
export type BasePolicyField = Exclude<keyof Policy, "economics">;

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
export function policyBounds(maxMembers: bigint): Record<BasePolicyField, bigint> {
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

/**
 * The largest value of each lever, as the economics community contract bounds them: rates within
 * a million ppm or 9,999 bps, periods within the dormancy window, amounts within maxUnits.
 */
export function economicsBounds(maxMembers: bigint): Economics {
  const units = maxUnits(maxMembers);
  const blocks = BigInt(DORMANT_BLOCKS);
  return {
    demurragePpm: 1_000_000n, demurragePeriod: blocks, feeBps: 9_999n, feeMin: units, turnoverPpm: 1_000_000n,
    stepUnits: units, stepBlocks: blocks, maxCreditLimit: units, newcomerBlocks: blocks, allowance: units, sweepMin: units,
  };
}

/** The first lever out of range and why (the economics contract's govern rules), or undefined. */
export function economicsProblem(e: Economics, creditLimit: bigint, maxMembers: bigint): { field: string; reason: string } | undefined {
  const bounds = economicsBounds(maxMembers);
  for (const field of ECONOMICS_FIELDS) {
    const value = e[field];
    if (typeof value !== "bigint") return { field, reason: "must be a whole number" };
    if (value < 0n || value > bounds[field]) return { field, reason: `must be between 0 and ${bounds[field]}` };
  }
  if (e.demurragePeriod < 1n) return { field: "demurragePeriod", reason: "must be at least 1 block" };
  if (e.turnoverPpm > e.feeBps * 100n) {
    return { field: "turnoverPpm", reason: `at most the usage fee (feeBps × 100 = ${e.feeBps * 100n} ppm), so paying oneself through a second account costs at least what it earns` };
  }
  if (e.maxCreditLimit < creditLimit) return { field: "maxCreditLimit", reason: `at least the base creditLimit (${creditLimit})` };
  return undefined;
}

/** The first policy field out of range and why, or undefined for a policy the contracts accept. */
export function policyProblem(policy: Policy): { field: string; reason: string } | undefined {
  for (const [field, value] of Object.entries(policy)) {
    if (field === "economics") continue;
    if (typeof value !== "bigint") return { field, reason: "must be a whole number" };
    if (value < 0n || value > LONG_MAX) return { field, reason: "must be between 0 and 2^63-1" };
  }
  if (policy.maxMembers < 1n || policy.maxMembers > MAX_MEMBERS_LIMIT) {
    return { field: "maxMembers", reason: `must be between 1 and ${MAX_MEMBERS_LIMIT}` };
  }
  const bounds = policyBounds(policy.maxMembers);
  for (const field of Object.keys(bounds) as BasePolicyField[]) {
    if (policy[field] <= bounds[field]) continue;
    if (field === "creditLimit" || field === "positiveCap") {
      return { field, reason: `at most ${bounds[field]} with ${policy.maxMembers} members (${field} × maxMembers must stay below 2^62)` };
    }
    if (field === "inactivityBlocks") return { field, reason: `at most ${bounds[field]} blocks (the dormancy window)` };
    return { field, reason: `at most ${bounds[field]} nanoERG` };
  }
  if (policy.economics) {
    const problem = economicsProblem(policy.economics, policy.creditLimit, policy.maxMembers);
    if (problem) return { field: `economics.${problem.field}`, reason: problem.reason };
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
