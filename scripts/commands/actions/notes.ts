/**
 * Notes on the command line: a payment's `--memo` and `--request`, a profile's `--name`, `--about`
 * and `--link`, checked by the contracts' own rules (`contracts/notes.ts`) before anything is read
 * or signed, with the flag named in the message; and what an account's ERG covers, for top-ups.
 */
import {
  checkId32, checkMemo, checkProfile, checkRequestId, DEFAULT_FEE, InvalidIntent, MIN_BOX_VALUE, type Account, type Profile,
} from "../../../contracts/index.ts";
import type { PaymentNotes } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";

/** Runs a check of `contracts/notes.ts`; its refusal becomes a usage error naming the flag. */
function asUsage<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InvalidIntent)) throw error;
    // "name must not be empty" -> "--name must not be empty"; others get the flag in front.
    const flagged = /^(memo|name|about|link)\b/.test(error.message) ? `--${error.message}` : error.message.startsWith("listing id") ? `--listing: ${error.message}` : `--request: ${error.message}`;
    throw new CliError(flagged, ExitCode.usage, { cause: error });
  }
}

/** `--memo`, `--request` and `--listing` as they will be written; an empty memo is no memo. */
export function paymentNotes(memo: string | undefined, request: string | undefined, listing?: string): PaymentNotes {
  const text = asUsage(() => checkMemo(memo));
  const requestId = request === undefined ? undefined : asUsage(() => checkRequestId(request));
  const listingId = listing === undefined ? undefined : asUsage(() => checkId32("listing id", listing));
  return { ...(text !== undefined ? { memo: text } : {}), ...(requestId !== undefined ? { requestId } : {}), ...(listingId !== undefined ? { listingId } : {}) };
}

/** `--name`, `--about` and `--link` as the profile they make. */
export function profileOption(values: { name?: string; about?: string; link?: string }): Profile {
  const { name, about, link } = values;
  return asUsage(() => checkProfile({ name, ...(about !== undefined ? { about } : {}), ...(link !== undefined ? { link } : {}) }));
}

/** A note in quotes for the output, so spaces at its ends cannot hide (they were trimmed anyway). */
export const quoted = (text: string): string => `'${text}'`;

/** What an account's ERG is made of: collateral, Ergo's minimum box value, the fee reserve above them. */
export function ergOf(account: Account): { feeReserveNanoErg: bigint; paymentsCovered: bigint; line: string } {
  const feeReserveNanoErg = account.valueNanoErg - account.terms.collateralNanoErg - MIN_BOX_VALUE;
  const paymentsCovered = feeReserveNanoErg > 0n ? feeReserveNanoErg / DEFAULT_FEE : 0n;
  const line =
    `it holds ${formatErg(account.valueNanoErg)}: ${formatErg(account.terms.collateralNanoErg)} collateral, ` +
    `${formatErg(MIN_BOX_VALUE)} minimum, ${formatErg(feeReserveNanoErg)} fee reserve ` +
    `(the fees of ${paymentsCovered} payment${paymentsCovered === 1n ? "" : "s"} at ${formatErg(DEFAULT_FEE)})`;
  return { feeReserveNanoErg, paymentsCovered, line };
}
