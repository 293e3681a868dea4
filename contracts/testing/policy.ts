/**
 * The community policy tests start from, and the builder of its variants: a spec states only the
 * rules it is about. Imports nothing at run time, so any part's specs may use it cheaply.
 */
import type { Policy } from "../community/community.ts";
import type { Economics } from "../economics.ts";

/** The policy most tests use: floor -100, cap 500, 0.01 ERG fee, 0.1 ERG collateral, 10 seats, default after 50 idle blocks. */
export const TEST_POLICY: Policy = {
  creditLimit: 100n,
  positiveCap: 500n,
  joinFeeNanoErg: 10_000_000n,
  collateralNanoErg: 100_000_000n,
  maxMembers: 10n,
  inactivityBlocks: 50n,
};

/** `TEST_POLICY` with `overrides`. */
export const testPolicy = (overrides: Partial<Policy> = {}): Policy => ({ ...TEST_POLICY, ...overrides });

/** Every economics lever off: an economics community that behaves like a plain one. */
export const LEVERS_OFF: Economics = {
  demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n,
  stepBlocks: 0n, maxCreditLimit: TEST_POLICY.creditLimit, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
};

/** `TEST_POLICY` with the economics levers `levers` (the rest off) and policy `overrides`. */
export const econPolicy = (levers: Partial<Economics> = {}, overrides: Partial<Policy> = {}): Policy => ({
  ...TEST_POLICY,
  ...overrides,
  // no earned limit unless asked: the cap is the base limit
  economics: { ...LEVERS_OFF, maxCreditLimit: overrides.creditLimit ?? TEST_POLICY.creditLimit, ...levers },
});
