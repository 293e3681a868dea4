/**
 * The create form's economics levers (docs/economics.md): read field by field like the rest of the
 * form, with the contracts' rules said in the form's words (the turnover share at most the usage
 * fee, the earned limit's maximum at least the credit limit) and the companions a lever needs (a
 * period, a step, a window, a maximum). No lever filled in: no economics, the plain contracts.
 */
import type { Economics } from "$contracts/economics.ts";
import { amountParts } from "$contracts/amounts.ts";
import { DORMANT_BLOCKS } from "$contracts/scripts.ts";
import { AmountError, displayAmount, parseAmount } from "../amount.ts";
import { bpsPercent } from "../economics/words.ts";
import { LEVER_SETTERS, type CreateFormValues, type LeverField } from "./fields.ts";
import { wholeNumber, type Reader } from "./reader.ts";

/** Whether the form chooses the economics contracts: any lever filled in (even 0). */
export const usesEconomics = (values: CreateFormValues): boolean => LEVER_SETTERS.some((f) => values[f].trim() !== "");

const MAX_BLOCKS = BigInt(DORMANT_BLOCKS);

/** A percent with at most `digits` after the point as whole hundredths (bps, 2) or ten-thousandths (ppm, 4); empty is 0. */
function percent(text: string, digits: number, below100: boolean): bigint {
  if (text.trim() === "") return 0n;
  amountParts(text);
  let value: bigint;
  try {
    value = parseAmount(text, digits);
  } catch (error) {
    if (error instanceof AmountError && error.reason.startsWith("Too precise")) throw new Error(`Too precise: at most ${digits} digits after the point.`);
    throw error;
  }
  const hundred = 100n * 10n ** BigInt(digits);
  if (below100 ? value >= hundred : value > hundred) throw new Error(below100 ? "Below 100%." : "At most 100%.");
  return value;
}

/**
 * The levers the form sets, or undefined when it sets none (or one is in error: the field says
 * why). Amounts are read at `decimals`; with the decimals in error only their grammar is checked.
 * `creditLimit` (undefined when in error) is the earned limit's least maximum.
 */
export function readEconomics(r: Reader, values: CreateFormValues, decimals: number | undefined, symbol: string, creditLimit: bigint | undefined): Economics | undefined {
  if (!usesEconomics(values)) return undefined;
  const amountOf = (field: LeverField) => (): bigint | undefined => {
    if (values[field].trim() === "") return 0n;
    if (decimals !== undefined) return parseAmount(values[field], decimals, symbol ? { symbol } : {});
    amountParts(values[field]);
    return undefined;
  };
  const blocksOf = (field: LeverField, what: string) => () => wholeNumber(values[field], 1n, MAX_BLOCKS, what);
  const demurragePpm = r.read("demurragePercent", () => percent(values.demurragePercent, 4, false));
  const demurragePeriod = demurragePpm ? r.read("demurragePeriod", blocksOf("demurragePeriod", "the demurrage period")) : 1n;
  const feeBps = r.read("usageFeePercent", () => percent(values.usageFeePercent, 2, true));
  const feeMin = r.read("usageFeeMin", amountOf("usageFeeMin"));
  const turnoverPpm = r.read("turnoverPercent", () => percent(values.turnoverPercent, 4, false));
  const stepUnits = r.read("stepUnits", amountOf("stepUnits"));
  const stepBlocks = stepUnits ? r.read("stepBlocks", blocksOf("stepBlocks", "the blocks per step")) : 0n;
  const allowance = r.read("allowance", amountOf("allowance"));
  const newcomerBlocks = allowance ? r.read("newcomerBlocks", blocksOf("newcomerBlocks", "the newcomer window")) : 0n;
  const sweepMin = r.read("sweepMin", amountOf("sweepMin"));
  const maxCreditLimit = r.read("maxCreditLimit", () => {
    if (values.maxCreditLimit.trim() !== "") return amountOf("maxCreditLimit")();
    if (turnoverPpm || stepUnits) throw new Error("Enter the highest earned credit limit: credit from turnover or steps needs one.");
    return creditLimit;
  });
  if (feeBps !== undefined && turnoverPpm !== undefined && turnoverPpm > feeBps * 100n) {
    r.read("turnoverPercent", () => {
      throw new Error(`At most the usage fee's percent (${bpsPercent(feeBps)}): paying oneself through a second account must cost at least the credit it earns.`);
    });
  }
  if (maxCreditLimit !== undefined && creditLimit !== undefined && decimals !== undefined && maxCreditLimit < creditLimit) {
    r.read("maxCreditLimit", () => {
      throw new Error(`At least the credit limit (${displayAmount(creditLimit, decimals, { symbol, trimZeros: true })}).`);
    });
  }
  const levers = { demurragePpm, demurragePeriod, feeBps, feeMin, turnoverPpm, stepUnits, stepBlocks, maxCreditLimit, newcomerBlocks, allowance, sweepMin };
  return Object.values(levers).every((v) => typeof v === "bigint") ? (levers as Economics) : undefined;
}
