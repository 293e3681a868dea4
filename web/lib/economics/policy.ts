/**
 * A policy as the indexer answers it (its `economics` null for a plain community, or absent from an
 * older indexer) as the contracts' `Policy` (`economics` present only in an economics community),
 * for the rules in words and the builders.
 */
import type { Policy } from "$contracts/community/community.ts";
import type { Economics } from "$contracts/economics.ts";

/** The contracts' policy of an indexer policy: `economics` kept when set, left out when null or absent. */
export function asContractPolicy(policy: Omit<Policy, "economics"> & { economics?: Economics | null }): Policy {
  const { economics, ...base } = policy;
  return economics ? { ...base, economics } : base;
}
