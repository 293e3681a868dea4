/**
 * What the wallet tells a member before they act, computed from the figures the contracts use:
 * how much they can still pay, how many payments the ERG kept in their account box still covers,
 * and what creating a community costs in ERG. Pure: the pages pass in what the indexer or the
 * builders know.
 */
import { DEFAULT_FEE } from "$contracts/builders/common.ts";
import { genesisFloorNanoErg, type CreateIntent } from "$contracts/builders/create.ts";
import { MIN_BOX_VALUE } from "$contracts/scripts.ts";
import { plural } from "../../words.ts";

/**
 * How much a member can still pay, in base units: down to the credit limit (`balance + creditLimit`,
 * `creditLimit` positive as in the account's terms); never below 0 (an account cannot be past its
 * limit, but a stale figure could say so). Whom they pay can lower it further (the payee's
 * positive cap), which is not known until a payee is chosen.
 */
export function availableToPay(balance: bigint, creditLimit: bigint): bigint {
  const left = balance + creditLimit;
  return left > 0n ? left : 0n;
}

/** The ERG in an account box, split as the contracts see it. */
export interface AccountErg {
  /** All the ERG in the box. */
  total: bigint;
  /** Returned on leaving; forfeited to the community only by a default. */
  collateral: bigint;
  /** The box's least value besides the collateral (Ergo's minimum box value). */
  minimum: bigint;
  /** What a payment's fee may come from: everything above collateral + minimum. */
  reserve: bigint;
  /** The fee each payment takes from the reserve. */
  feePerPayment: bigint;
  /** How many more payments the reserve pays the fee of. */
  paymentsCovered: bigint;
}

/**
 * The ERG of an account box holding `valueNanoErg` with `collateralNanoErg` collateral: a payment
 * takes its fee (`feeNanoErg`, the builders' default) from the payer's account, and the contract
 * lets the account fall to collateral + the minimum box value, no lower (contracts/builders/pay.ts).
 */
export function accountErg(valueNanoErg: bigint, collateralNanoErg: bigint, feeNanoErg: bigint = DEFAULT_FEE): AccountErg {
  if (feeNanoErg <= 0n) throw new RangeError("the fee must be positive");
  const above = valueNanoErg - collateralNanoErg - MIN_BOX_VALUE;
  const reserve = above > 0n ? above : 0n;
  return {
    total: valueNanoErg,
    collateral: collateralNanoErg,
    minimum: MIN_BOX_VALUE,
    reserve,
    feePerPayment: feeNanoErg,
    paymentsCovered: reserve / feeNanoErg,
  };
}

/** What creating a community takes from the committee's wallet, in nanoERG. */
export interface CreationCost {
  /** The treasury the community box starts with (its floor: it stays in the box). */
  treasury: bigint;
  /** The miner fee. */
  fee: bigint;
  /** treasury + fee: what leaves the wallet (the membership tokens are minted, they cost nothing more). */
  total: bigint;
}

/** The ERG that creating `intent` costs, as `createCommunity` builds it (treasury at its floor, the default fee). */
export function creationCost(intent: Omit<CreateIntent, "treasuryNanoErg">, feeNanoErg: bigint = DEFAULT_FEE): CreationCost {
  const treasury = genesisFloorNanoErg(intent);
  return { treasury, fee: feeNanoErg, total: treasury + feeNanoErg };
}

/** "1 payment" / "9 payments". */
export const paymentsWord = (count: bigint): string => plural(count, "payment");
