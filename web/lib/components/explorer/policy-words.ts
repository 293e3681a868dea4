/**
 * A community's policy in plain words, for people deciding whether to join and for researchers
 * reading a community at a glance. Pure: amounts in, sentences out.
 */
import { DORMANT_RULE } from "../../create-form/rules.ts";
import { displayAmount, displayErg } from "../../amount.ts";
import { plural } from "../../words.ts";
import type { Metadata, Policy } from "../../server/indexer-types.ts";

/** Ergo's target block interval, for turning block counts into rough durations. */
const BLOCK_MINUTES = 2;

/** "about 3 days" for a number of blocks at two minutes each. */
export function blocksAsDuration(blocks: bigint): string {
  const minutes = Number(blocks) * BLOCK_MINUTES;
  if (minutes < 120) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = minutes / 60;
  if (hours < 48) return `about ${Math.round(hours)} hours`;
  const days = hours / 24;
  if (days < 60) return `about ${Math.round(days)} days`;
  return `about ${Math.round(days / 30.44)} months`;
}

/** The rules of the community, one sentence each. */
export function policySentences(policy: Policy, metadata: Pick<Metadata, "symbol" | "decimals">, seatsLeft?: bigint): string[] {
  const units = (value: bigint) => displayAmount(value, metadata.decimals, { symbol: metadata.symbol });
  const sentences = [
    policy.creditLimit === 0n
      ? "Members cannot go into debt: a member can only spend what others have paid them."
      : `A member may owe up to ${units(policy.creditLimit)}.`,
    policy.positiveCap === 0n
      ? "There is no upper limit on a balance."
      : `A balance may not rise above ${units(policy.positiveCap)}: payments that would pass it are refused.`,
    `Joining costs ${displayErg(policy.joinFeeNanoErg)} for the treasury plus ${displayErg(policy.collateralNanoErg)} collateral, returned on leaving at balance 0.`,
    `At most ${plural(policy.maxMembers, "member")} at a time${seatsLeft === undefined ? "" : ` (${plural(seatsLeft, "seat")} left)`}.`,
    policy.inactivityBlocks === 0n
      ? "An account in debt is not closed for inactivity: members may stay in debt as long as they trade (only a dormant account is closed, below)."
      : `A member in debt who makes no payment and receives none for ${plural(policy.inactivityBlocks, "block")} (${blocksAsDuration(policy.inactivityBlocks)}) can be closed by anyone: the debt becomes the community's loss, the collateral goes to the treasury and the rest of the member's ERG back to the member.`,
    DORMANT_RULE,
  ];
  return sentences;
}
