/**
 * A community's economics levers in plain words (docs/economics.md), for the create form's review,
 * the community page and the account page: one sentence per lever, which of them governance may
 * change and for whom, and how a member's earned credit limit was reached. Pure: levers in,
 * sentences out; amounts through `displayAmount` like every page.
 */
import type { Economics, EarnedLimit } from "$contracts/economics.ts";
import { formatAmount } from "$contracts/amounts.ts";
import { displayAmount } from "../amount.ts";
import { blocksAsDuration } from "../components/explorer/policy-words.ts";
import { formatCount, plural } from "../words.ts";

/** The currency's symbol and decimals, for amounts. */
export interface Units {
  symbol: string;
  decimals: number;
}

/** Which lever a sentence is about. */
export type Lever = "demurrage" | "usageFee" | "earnedLimit" | "allowance" | "sweep";

/** Who a governance change of a lever reaches. */
export type Governable = "future members" | "every account";

/** One lever in words. */
export interface LeverSentence {
  lever: Lever;
  /** Whether the community uses it (a sentence is shown for every lever, on or off). */
  on: boolean;
  text: string;
  /** A committee's change reaches members who join afterwards only, or every account at once. */
  governable: Governable;
}

/** A share in parts per million as a percent: 10000 is "1%", 5 is "0.0005%". */
export const ppmPercent = (ppm: bigint): string => `${formatAmount(ppm, 4, { trimZeros: true })}%`;

/** A share in basis points as a percent: 50 is "0.5%". */
export const bpsPercent = (bps: bigint): string => `${formatAmount(bps, 2, { trimZeros: true })}%`;

const NAMED_PERIODS = new Map<bigint, string>([[1n, "a block"], [720n, "a day"], [5_040n, "a week"], [21_600n, "a month"], [262_800n, "a year"]]);

/** A rate's period: "a month" for 21,600 blocks, else "every 1,000 blocks (about 33 hours)". */
export const perPeriod = (blocks: bigint): string => NAMED_PERIODS.get(blocks) ?? `every ${plural(blocks, "block")} (${blocksAsDuration(blocks)})`;

/** A length of time in blocks: "the first 21,600 blocks (about 30 days)". */
const span = (blocks: bigint): string => `${plural(blocks, "block")} (${blocksAsDuration(blocks)})`;

/** The least charges a sweep collects from an account: the sweep minimum, at least 1 unit. */
const sweepFloor = (sweepMin: bigint): bigint => (sweepMin > 1n ? sweepMin : 1n);

/** Every lever in one sentence each, in a fixed order. `creditLimit` is the community's base limit. */
export function leverSentences(e: Economics, creditLimit: bigint, units: Units): LeverSentence[] {
  const amount = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol, trimZeros: true });
  const earned = e.turnoverPpm > 0n || (e.stepUnits > 0n && e.stepBlocks > 0n);
  const grows = [
    ...(e.turnoverPpm > 0n ? [`${ppmPercent(e.turnoverPpm)} of everything they have received`] : []),
    ...(e.stepUnits > 0n && e.stepBlocks > 0n ? [`${amount(e.stepUnits)} for every ${span(e.stepBlocks)} of membership`] : []),
  ];
  const fee = e.feeBps > 0n ? `${bpsPercent(e.feeBps)}${e.feeMin > 0n ? ` (at least ${amount(e.feeMin)})` : ""}` : amount(e.feeMin);
  return [
    {
      lever: "demurrage",
      on: e.demurragePpm > 0n,
      text: e.demurragePpm > 0n
        ? `Balances above 0 lose ${ppmPercent(e.demurragePpm)} ${perPeriod(e.demurragePeriod)} (demurrage), to the community; it is charged whenever the account is next used, so spending avoids it.`
        : "No demurrage: a balance above 0 keeps its value.",
      governable: "future members",
    },
    {
      lever: "usageFee",
      on: e.feeBps > 0n || e.feeMin > 0n,
      text: e.feeBps > 0n || e.feeMin > 0n ? `Each payment pays ${fee} of what the payer sends to the community (usage fee).` : "No usage fee on payments.",
      governable: "future members",
    },
    {
      lever: "earnedLimit",
      on: earned,
      text: earned
        ? `A member's credit limit is earned: ${amount(creditLimit)} to start, plus ${grows.join(", plus ")}, up to ${amount(e.maxCreditLimit)}.`
        : "The credit limit is the same for every member (not earned).",
      governable: "future members",
    },
    {
      lever: "allowance",
      on: e.allowance > 0n,
      text: e.allowance > 0n
        ? `Each newcomer receives ${amount(e.allowance)} from the community balance (newcomer allowance), which may pay up to half of each purchase during their first ${span(e.newcomerBlocks)}; what is left returns to the community when they leave.`
        : "No newcomer allowance.",
      governable: "future members",
    },
    {
      lever: "sweep",
      on: true,
      text: `Anyone may move the fees and demurrage collected in an account to the community balance once they reach ${amount(sweepFloor(e.sweepMin))} (sweep).`,
      governable: "every account",
    },
  ];
}

/** What the committee may change, and for whom (docs/economics.md, "What governance may change"). */
export const GOVERNANCE_NOTE =
  "The committee may change every lever, but a change reaches only members who join afterwards: each account keeps the demurrage, " +
  "usage fee and credit terms it joined with, and an allowance is issued at joining. A new sweep minimum applies to every account at once. " +
  "Levers can never be added to a community created without them.";

/** Why an economics community costs more per payment, and that the choice is for good. */
export const FAMILY_NOTE =
  "This community uses the economics contracts, chosen at its creation: its payments are larger transactions than a plain community's " +
  "(the network fee stays the same), and it cannot open trade lines.";

/** How an earned credit limit was reached, one line per part. */
export interface LimitExplanation {
  parts: { label: string; amount: bigint }[];
  /** "capped at 1,000 KCD" when the maximum cut it. */
  cap?: string;
  limit: bigint;
}

/** The earned limit's parts in words: base, turnover share, steps, and the cap if it applied. */
export function explainEarnedLimit(
  earned: EarnedLimit,
  levers: Pick<Economics, "turnoverPpm" | "stepUnits" | "stepBlocks">,
  received: bigint,
  units: Units,
): LimitExplanation {
  const amount = (value: bigint) => displayAmount(value, units.decimals, { symbol: units.symbol });
  const parts = [{ label: "Base credit limit", amount: earned.base }];
  if (levers.turnoverPpm > 0n) parts.push({ label: `${ppmPercent(levers.turnoverPpm)} of ${amount(received)} received`, amount: earned.fromTurnover });
  if (levers.stepUnits > 0n && levers.stepBlocks > 0n) {
    parts.push({ label: `${amount(levers.stepUnits)} × ${formatCount(earned.steps)} step${earned.steps === 1n ? "" : "s"} of ${plural(levers.stepBlocks, "block")}`, amount: earned.fromSteps });
  }
  return { parts, limit: earned.limit, ...(earned.capped ? { cap: `capped at ${amount(earned.max)}` } : {}) };
}
