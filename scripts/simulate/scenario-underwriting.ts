/**
 * The `underwriting` part of a scenario (docs/simulate.md, "Underwritten newcomers"): a share of the
 * members who join are underwritten (contract version 8, docs/underwriting.md) by one of a few
 * underwriters, outside keys the funder pays: a raise of `raiseShare` of the credit limit, for a
 * stake at the community's price of credit (or the stake box's floor, when that is more). The rest
 * join as before. Defaults then say who carried the loss: the units written off to the community,
 * and the ERG the underwriters' stakes paid the committee. Underwriting is for plain communities,
 * so not with levers, orders, a desk, post-factum payments or a network.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";

/** How newcomers are underwritten, validated. */
export interface UnderwritingSpec {
  /** Share of joining members underwritten. */
  share: number;
  /** How many underwriters (round robin). */
  underwriters: number;
  /** The raise as a share of the community's credit limit (at least one unit). */
  raiseShare: number;
}

const UNDERWRITING = ["share", "underwriters", "raiseShare"];

/** The `underwriting` section, or undefined when absent (or its share is 0: the run is what it was without it). */
export function readUnderwriting(top: Fields): UnderwritingSpec | undefined {
  if (top.raw.underwriting === undefined || top.raw.underwriting === null) return undefined;
  const u = top.object("underwriting", UNDERWRITING);
  const share = u.number("share", undefined, 0, 1);
  if (share === 0) return undefined;
  return { share, underwriters: u.integer("underwriters", 2, 1, 20), raiseShare: u.number("raiseShare", 1, 0.01, 10) };
}

/** Rules between underwriting and the rest of the scenario. */
export function checkUnderwritingConsistency(source: string, s: { underwriting?: UnderwritingSpec; policy: { economics?: unknown; creditLimit: bigint; positiveCap: bigint; collateralNanoErg: bigint }; network?: unknown; orders?: unknown; desk?: unknown; postFactum?: unknown; behaviour: { topUpBelowPayments: number } }): void {
  const u = s.underwriting;
  if (!u) return;
  const fail = (problem: string): never => {
    throw new ScenarioError(source, "underwriting", problem);
  };
  if (s.policy.economics) fail("underwriting is for plain communities: leave out underwriting or policy.economics");
  if (s.network) fail("underwriting is simulated in one community, not in a network");
  if (s.orders || s.desk || s.postFactum) fail("underwriting is not simulated with payment orders, a desk or post-factum payments");
  if (s.behaviour.topUpBelowPayments > 0) fail("underwriting is not simulated with top-ups (behaviour.topUpBelowPayments)");
  if (s.policy.collateralNanoErg === 0n) fail("a community without collateral sets no price of credit: policy.collateralErg must be above 0");
  if (s.policy.creditLimit + raiseUnits(u, s.policy.creditLimit) > s.policy.positiveCap) fail("creditLimit + the raise (raiseShare of it) must be at most policy.positiveCap");
}

/** The units one stake raises a newcomer's limit by: `raiseShare` of the credit limit, at least one. */
export function raiseUnits(u: UnderwritingSpec, creditLimit: bigint): bigint {
  const raise = BigInt(Math.floor(Number(creditLimit) * u.raiseShare));
  return raise < 1n ? 1n : raise;
}

/** The `underwriting` section as summary.json shows it. */
export const underwritingJson = (u: UnderwritingSpec) => ({ ...u });
