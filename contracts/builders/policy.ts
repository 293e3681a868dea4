/** Checks a policy and metadata before they go into a community box (create and govern). */
import type { CommunityMetadata, Policy } from "../community/community.ts";
import { InvalidPolicy } from "../errors.ts";

const LONG_MAX = 0x7fffffffffffffffn;
/** Largest membership token supply we mint; keeps every count far from Long bounds. */
export const MAX_MEMBERS_LIMIT = 1_000_000_000n;
/** R6 holds the metadata; the whole community box must stay under 4,096 bytes. */
export const MAX_METADATA_BYTES = 1_500;

/** Throws `InvalidPolicy` naming the first field out of range. */
export function checkPolicy(policy: Policy): void {
  for (const [field, value] of Object.entries(policy)) {
    if (typeof value !== "bigint") throw new InvalidPolicy(field, "must be a whole number");
    if (value < 0n || value > LONG_MAX) throw new InvalidPolicy(field, "must be between 0 and 2^63-1");
  }
  if (policy.maxMembers < 1n || policy.maxMembers > MAX_MEMBERS_LIMIT) {
    throw new InvalidPolicy("maxMembers", `must be between 1 and ${MAX_MEMBERS_LIMIT}`);
  }
  if (policy.positiveCap !== 0n && policy.positiveCap < 1n) throw new InvalidPolicy("positiveCap", "0 (no cap) or positive");
  // Sums of balances must never overflow: every member at the cap (or at the floor) stays in Long.
  const bound = (policy.creditLimit > policy.positiveCap ? policy.creditLimit : policy.positiveCap) * policy.maxMembers;
  if (bound > LONG_MAX / 2n) throw new InvalidPolicy("creditLimit", "creditLimit (or positiveCap) × maxMembers is too large");
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
