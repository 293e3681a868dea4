/**
 * The `postFactum` part of a scenario (docs/simulate.md, "Post-factum payments"): a share of
 * purchases is paid after the fact through an escrow (contract version 7, docs/escrow.md). The
 * payer commits the price rounded up by a random margin, with half the price as the minimum and a
 * deadline a few blocks ahead; then releases the price, or the payee refunds it, or the payer
 * forgets and anyone claims the minimum once the deadline has passed. Escrows are for plain
 * communities, so not with levers, orders, a desk or a network.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";

/** How members pay post-factum, validated. */
export interface PostFactumSpec {
  /** Share of purchases paid post-factum. */
  share: number;
  /** Most a commit exceeds the price by, as a share of it (a margin drawn uniformly up to it). */
  margin: number;
  /** Blocks from the commit to the deadline. */
  deadlineBlocks: number;
  /** Blocks from the commit to the release (or refund), before the deadline. */
  releaseBlocks: number;
  /** Share of orders the payee refunds (the work was not done). */
  refundShare: number;
  /** Share of orders the payer forgets: the payee's minimum is claimed after the deadline. */
  forgetShare: number;
}

const POSTFACTUM = ["share", "margin", "deadlineBlocks", "releaseBlocks", "refundShare", "forgetShare"];

/** The `postFactum` section, or undefined when absent (or its share is 0: the run is what it was without it). */
export function readPostFactum(top: Fields): PostFactumSpec | undefined {
  if (top.raw.postFactum === undefined || top.raw.postFactum === null) return undefined;
  const pf = top.object("postFactum", POSTFACTUM);
  const share = pf.number("share", undefined, 0, 1);
  if (share === 0) return undefined;
  const deadlineBlocks = pf.integer("deadlineBlocks", 6, 3, 100_000);
  const spec = {
    share,
    margin: pf.number("margin", 0.5, 0, 10),
    deadlineBlocks,
    releaseBlocks: pf.integer("releaseBlocks", 1, 0, 100_000),
    refundShare: pf.number("refundShare", 0.1, 0, 1),
    forgetShare: pf.number("forgetShare", 0.2, 0, 1),
  };
  if (spec.releaseBlocks >= deadlineBlocks - 1) pf.fail("releaseBlocks", `must be less than deadlineBlocks - 1 (${deadlineBlocks - 1}): the release comes before the deadline`);
  if (spec.refundShare + spec.forgetShare > 1) pf.fail("forgetShare", "refundShare + forgetShare must be at most 1");
  return spec;
}

/** Rules between post-factum payments and the rest of the scenario. */
export function checkPostFactumConsistency(source: string, s: { postFactum?: PostFactumSpec; policy: { economics?: unknown }; network?: unknown; orders?: unknown; desk?: unknown; behaviour: { topUpBelowPayments: number } }): void {
  if (!s.postFactum) return;
  const fail = (problem: string): never => {
    throw new ScenarioError(source, "postFactum", problem);
  };
  if (s.policy.economics) fail("escrows are for plain communities: leave out postFactum or policy.economics");
  if (s.network) fail("post-factum payments are simulated in one community, not in a network");
  if (s.orders) fail("post-factum payments are not simulated with payment orders");
  if (s.desk) fail("post-factum payments are not simulated with an exchange desk");
  if (s.behaviour.topUpBelowPayments > 0) fail("post-factum payments are not simulated with top-ups (behaviour.topUpBelowPayments)");
}

/** The `postFactum` section as summary.json shows it. */
export const postFactumJson = (p: PostFactumSpec) => ({ ...p });
