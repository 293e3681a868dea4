/**
 * What to tell the member when an action stops: the contracts' typed refusals in the community's
 * own units ("past your credit limit of 500.00 KCD"), wallet errors as translated, node errors.
 * The one place the wallet screens turn an error into words.
 */
import {
  BalanceNotZero, CommunityFull, CreditLimitExceeded, FeeReserveSpent, InsufficientFunds, InvalidAmount, LetsError, PositiveCapExceeded,
} from "$contracts/errors.ts";
import { displayAmount, displayErg } from "../amount.ts";
import { formatCount } from "../words.ts";
import { NotLive } from "./actions.ts";
import { NodeRequestError } from "$ergo/node-client.ts";

/** How the community shows its units. */
export interface Units {
  decimals: number;
  symbol: string;
}

/** A sentence for the member about `error`. */
export function explainError(error: unknown, units?: Units): string {
  const show = (value: bigint) => (units ? displayAmount(value, units.decimals, { symbol: units.symbol }) : `${displayAmount(value, 0)} units`);
  if (error instanceof CreditLimitExceeded) {
    return `Refused before signing: this payment would take your balance to ${show(error.attempted)}, past your credit limit of ${show(error.limit)}: a balance may go down to ${show(-error.limit)}, no further.`;
  }
  if (error instanceof PositiveCapExceeded) {
    return `Refused before signing: this payment would take the payee's balance to ${show(error.attempted)}, above the positive cap of ${show(error.cap)}.`;
  }
  if (error instanceof BalanceNotZero) return `You can leave only at balance 0; your balance is ${show(error.balance)}.`;
  if (error instanceof CommunityFull) return `This community is full: all ${formatCount(error.maxMembers)} seats are taken.`;
  if (error instanceof FeeReserveSpent) {
    return `This account's fee reserve is spent: it cannot pay the ${displayErg(error.feeNanoErg)} network fee. Top it up from your wallet on the wallet page (“Top up the fee reserve” under the account), then try again.`;
  }
  if (error instanceof InsufficientFunds) {
    return `Not enough ERG: this needs ${displayErg(error.neededNanoErg)}, and ${displayErg(error.availableNanoErg)} is available.`;
  }
  if (error instanceof InvalidAmount) return "Enter an amount of at least one unit.";
  if (error instanceof NotLive) {
    return error.what === "account" ? "That account is closed, or its latest state is not on the node yet." : "That community is not on the node.";
  }
  if (error instanceof NodeRequestError) return error.status === 0 ? "The node does not answer; try again in a moment." : `The node refused: ${error.detail}`;
  if (error instanceof LetsError) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
