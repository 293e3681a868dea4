/**
 * One place where the failures of an action become the one line the CLI prints: the builders'
 * typed refusals (before anything is signed), the node's refusals and an unreachable node.
 */
import {
  BalanceNotZero,
  CommunityFull,
  CreditLimitExceeded,
  InsufficientFunds,
  InvalidAmount,
  InvalidPolicy,
  LetsError,
  NotDefaulted,
  PositiveCapExceeded,
} from "../../../contracts/index.ts";
import { NodeRequestError } from "../../../ergo/node-client.ts";
import { UnknownCommunity } from "../../../client/lets-over-http.ts";
import { UnknownLine } from "../../../client/lines.ts";
import { ClientError } from "../../../client/errors.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { lineRefusal } from "./line-words.ts";

/** Formats community units for messages ("12.50 KCD"); plain units when the community is unknown. */
export type UnitFormat = (units: bigint) => string;

const plainUnits: UnitFormat = (units) => `${units} units`;

/** The first line of a node's error detail, without the node's own prefixes. */
function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/** A refusal by the contracts' builders, explained in the community's units. */
function explainRefusal(error: LetsError, units: UnitFormat): string {
  if (error instanceof CreditLimitExceeded) {
    return `the payment would take account ${error.accountId} to ${units(error.attempted)}, below its credit limit of ${units(-error.limit)}`;
  }
  if (error instanceof PositiveCapExceeded) {
    return `the payment would take account ${error.accountId} to ${units(error.attempted)}, above its positive cap of ${units(error.cap)}`;
  }
  if (error instanceof BalanceNotZero) {
    return `account ${error.accountId} has balance ${units(error.balance)}; only an account at 0 can leave (pay or be paid back to 0 first)`;
  }
  if (error instanceof CommunityFull) return `community ${error.communityId} is full: all ${error.maxMembers} seats are taken`;
  if (error instanceof NotDefaulted) return error.message;
  const line = lineRefusal(error, (communityId) => ({ communityId }));
  if (line !== undefined) return line;
  if (error instanceof InsufficientFunds) {
    return `not enough ERG: the transaction needs ${formatErg(error.neededNanoErg)}, the wallet has ${formatErg(error.availableNanoErg)}`;
  }
  return error.message;
}

/** Turns any failure of an action into a `CliError`; a bug stays a crash with its stack. */
export function toCliError(error: unknown, context: { nodeUrl: string; units?: UnitFormat }): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidPolicy || error instanceof InvalidAmount) {
    return new CliError(error.message, ExitCode.usage, { cause: error });
  }
  if (error instanceof LetsError) {
    return new CliError(`refused before signing: ${explainRefusal(error, context.units ?? plainUnits)}`, ExitCode.failure, { cause: error });
  }
  if (error instanceof UnknownCommunity) {
    return new CliError(`${error.message} (${context.nodeUrl}); check --community and --node`, ExitCode.failure, { cause: error });
  }
  if (error instanceof UnknownLine) {
    return new CliError(`${error.message} (${context.nodeUrl}); check --line and --node ('lets line list' shows the lines)`, ExitCode.failure, { cause: error });
  }
  // Any other refusal of the client (not on a line, no free gateways): its message says it.
  if (error instanceof ClientError) return new CliError(error.message, ExitCode.failure, { cause: error });
  if (error instanceof NodeRequestError) {
    if (error.status === 0) {
      const hint = "is 'lets devnet' or 'lets up' running? Or pass --node URL";
      return new CliError(`cannot reach the node at ${context.nodeUrl} (${firstLine(error.detail)}); ${hint}`, ExitCode.failure, { cause: error });
    }
    if (error.path === "/transactions" && error.status === 400) {
      return new CliError(`the node refused the transaction: ${firstLine(error.detail)}`, ExitCode.failure, { cause: error });
    }
    return new CliError(`the node answered ${error.status} ${error.reason} to ${error.path}: ${firstLine(error.detail)}`, ExitCode.failure, { cause: error });
  }
  return error;
}
