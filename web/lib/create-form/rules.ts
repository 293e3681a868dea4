/**
 * A community's rules in plain words, shown before the committee signs the creation (and usable
 * wherever a policy needs explaining): "a member may owe up to 500 KCD; joining costs 0.1 ERG plus
 * 1 ERG collateral returned on leaving".
 */
import type { CommunityMetadata, Policy } from "$contracts/community/community.ts";
import { DORMANT_BLOCKS } from "$contracts/scripts.ts";
import { displayAmount, displayErg } from "../amount.ts";
import { plural } from "../words.ts";

/** Ergo's target block interval, for turning a window in blocks into days. */
const BLOCKS_PER_DAY = 720n;

function aboutDays(blocks: bigint): string {
  const days = Number((blocks * 10n) / BLOCKS_PER_DAY) / 10;
  if (days < 1) return "less than a day on Ergo";
  return `about ${days} day${days === 1 ? "" : "s"} on Ergo`;
}

/**
 * Dormancy, the same for every community (contracts/storage-rent.ts): Ergo's storage rent may
 * take apart a box nobody spent for four years, so anyone may close an account a year before.
 */
export const DORMANT_RULE =
  `An account nobody pays from or to for ${DORMANT_BLOCKS} blocks (about three years) is dormant: anyone can close it, whatever its balance ` +
  "(the balance goes to the community, its ERG back to the member), before Ergo's storage rent could take it apart.";

/** Why a joining price matters: seats are few, and nothing else stops one person taking them all. */
export const FREE_JOIN_CAUTION = "Joining is free: one person could take every seat with new keys. A fee or a collateral makes that costly.";

/** The one-sentence summary: credit, joining price, collateral. */
export function rulesSummary(policy: Policy, metadata: CommunityMetadata): string {
  const units = (value: bigint) => displayAmount(value, metadata.decimals, { symbol: metadata.symbol, trimZeros: true });
  const fee = policy.joinFeeNanoErg;
  const collateral = `${displayErg(policy.collateralNanoErg)} collateral returned on leaving`;
  const joining =
    policy.collateralNanoErg === 0n
      ? fee === 0n ? "joining is free" : `joining costs ${displayErg(fee)}`
      : fee === 0n ? `joining costs only ${collateral}` : `joining costs ${displayErg(fee)} plus ${collateral}`;
  return `A member may owe up to ${units(policy.creditLimit)}; ${joining}.`;
}

function committeeRule(committee: { addresses: string[]; threshold: number } | undefined): string {
  const powers = "it can change these rules for future members, the name and description, and withdraw treasury ERG above the treasury's floor, but it can never touch a member's account.";
  if (!committee) return `The committee is a custom spending condition: ${powers}`;
  const n = committee.addresses.length;
  return `${n === 1 ? "The committee is one key" : `The committee is ${committee.threshold} of ${n} keys`}: ${powers}`;
}

/**
 * Every rule as its own sentence, in the order a newcomer needs them. `committee` is undefined
 * for a committee that is not k of n keys.
 */
export function describeRules(policy: Policy, metadata: CommunityMetadata, committee: { addresses: string[]; threshold: number } | undefined): string[] {
  const units = (value: bigint) => displayAmount(value, metadata.decimals, { symbol: metadata.symbol, trimZeros: true });
  return [
    `Every member starts at 0 ${metadata.symbol} and has a credit limit of ${units(policy.creditLimit)}: a balance may go down to -${units(policy.creditLimit)}, no further.`,
    policy.positiveCap === 0n ? "There is no limit on how much a member may hold." : `No member may hold more than ${units(policy.positiveCap)}.`,
    `Joining costs ${displayErg(policy.joinFeeNanoErg)}, paid to the community treasury, plus ${displayErg(policy.collateralNanoErg)} collateral locked in the member's account and returned on leaving.`,
    `At most ${plural(policy.maxMembers, "member")} at a time.`,
    ...(policy.joinFeeNanoErg === 0n && policy.collateralNanoErg === 0n ? [FREE_JOIN_CAUTION] : []),
    policy.inactivityBlocks === 0n
      ? "A member in debt is never closed for inactivity (only once dormant, below)."
      : `A member in debt who makes no payment and receives none for ${plural(policy.inactivityBlocks, "block")} (${aboutDays(policy.inactivityBlocks)}) can be closed by anyone: the debt becomes the community's loss, the collateral goes to the treasury and the rest of the member's ERG back to the member.`,
    committeeRule(committee),
    "A member can leave at balance 0 and take the collateral back.",
    DORMANT_RULE,
  ];
}
