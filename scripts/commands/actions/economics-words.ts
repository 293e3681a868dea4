/**
 * The economics levers in words for the CLI (docs/economics.md): one line per lever, always in
 * the same order and number (a lever that is off says so), so `lets govern` can print each
 * changed lever next to what it was; and a payment's or a sweep's charges before signing.
 */
import { formatAmount } from "../../../contracts/amounts.ts";
import { sweepMinimum, type Economics, type PaymentLeg, type SweepLeg } from "../../../contracts/index.ts";
import { blocksInWords } from "./durations.ts";
import type { UnitFormat } from "./errors.ts";

/** A share in parts per million as a percent: 10000 is "1%", 5 is "0.0005%". */
export const ppmAsPercent = (ppm: bigint): string => `${formatAmount(ppm, 4, { trimZeros: true })}%`;

/** A share in basis points as a percent: 50 is "0.5%". */
export const bpsAsPercent = (bps: bigint): string => `${formatAmount(bps, 2, { trimZeros: true })}%`;

const NAMED_PERIODS = new Map<bigint, string>([[1n, "a block"], [720n, "a day"], [5_040n, "a week"], [21_600n, "a month"], [262_800n, "a year"]]);

/** "a month" for 21,600 blocks, else "every 1000 blocks (about 33 hours …)". */
export const periodInWords = (blocks: bigint): string => NAMED_PERIODS.get(blocks) ?? `every ${blocksInWords(blocks)}`;

/** The levers of an economics community, one rule each, for `lets create`, `join`, `show` and `govern`. */
export function economicsInWords(e: Economics, creditLimit: bigint, units: UnitFormat): string[] {
  const earned = e.turnoverPpm > 0n || e.stepUnits > 0n;
  const parts = [
    ...(e.turnoverPpm > 0n ? [`${ppmAsPercent(e.turnoverPpm)} of everything the member has received`] : []),
    ...(e.stepUnits > 0n && e.stepBlocks > 0n ? [`${units(e.stepUnits)} every ${blocksInWords(e.stepBlocks)} of membership`] : []),
  ];
  return [
    e.demurragePpm === 0n
      ? "no demurrage"
      : `balances above 0 lose ${ppmAsPercent(e.demurragePpm)} ${periodInWords(e.demurragePeriod)} (demurrage: ${e.demurragePpm} ppm per ${e.demurragePeriod} block${e.demurragePeriod === 1n ? "" : "s"}), charged to the community when the account is next spent or swept`,
    e.feeBps === 0n && e.feeMin === 0n
      ? "no usage fee"
      : `each payment pays ${bpsAsPercent(e.feeBps)} of what the payer sends${e.feeMin > 0n ? `, at least ${units(e.feeMin)},` : ""} to the community (usage fee, ${e.feeBps} bp)`,
    earned
      ? `the credit limit is earned: ${units(creditLimit)}, plus ${parts.join(", plus ")}, up to ${units(e.maxCreditLimit)}`
      : "the credit limit is fixed (not earned)",
    e.allowance === 0n
      ? "no newcomer allowance"
      : `each newcomer receives an allowance of ${units(e.allowance)} from the community balance, which pays at most half of each purchase for ${blocksInWords(e.newcomerBlocks)} after joining; what is unused returns to the community on leaving`,
    `anyone may sweep an account's charges into the community balance once they reach ${units(sweepMinimum(e.sweepMin))} (sweep minimum)`,
    "the committee may change these levers for members who join afterwards: each account keeps the demurrage, fee and credit terms it joined with, and the allowance is issued at joining (the sweep minimum applies to every sweep)",
  ];
}

/** The payer's side of a payment before signing, in lines (economics only). */
export function payerChargesInWords(leg: PaymentLeg, units: UnitFormat, allowanceLeft: bigint | undefined): string[] {
  return [
    `  usage fee: ${units(leg.fee)} (to the community)`,
    `  demurrage due: ${units(leg.demurrage)}${leg.demurrage > 0n ? " (on your balance above 0 since you were last charged)" : ""}`,
    `  newcomer allowance used: ${units(leg.allowanceUsed)}${allowanceLeft === undefined ? "" : ` (${units(allowanceLeft)} left)`}`,
    `  your balance: ${units(leg.balanceBefore)} -> ${units(leg.balanceAfter)} (credit limit now ${units(leg.creditLimit)})`,
  ];
}

/** A payee's side of a payment before signing (economics only). */
export const payeeChargesInWords = (who: string, leg: PaymentLeg, units: UnitFormat): string =>
  `  ${who}: receives ${units(leg.amount)}${leg.demurrage > 0n ? `, demurrage due ${units(leg.demurrage)}` : ""}; balance ${units(leg.balanceBefore)} -> ${units(leg.balanceAfter)}`;

/** One swept account before signing. */
export const sweptInWords = (leg: SweepLeg, units: UnitFormat): string =>
  `  account ${leg.accountId}: ${units(leg.accrued)} accrued + ${units(leg.demurrage)} demurrage due = ${units(leg.collected)}`;
