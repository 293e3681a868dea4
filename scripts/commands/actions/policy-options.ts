/** The options that describe a community's rules, for `lets create` and `lets govern`. */
import { committeeFromKeys, InvalidIntent, type CommunityMetadata, type Policy } from "../../../contracts/index.ts";
import { CliError, ExitCode } from "../command.ts";
import { parsePublicKey } from "../keys.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { amountSyntax, parseErg, parseUnits } from "./amounts.ts";
import { integerOption } from "./options.ts";
import { LONG_MAX } from "../../../contracts/long.ts";

/** Options of the policy (changeable by governance; `max-members` only at creation). */
export const policyOptions = {
  "credit-limit": { type: "string" },
  "positive-cap": { type: "string" },
  "join-fee-erg": { type: "string" },
  "collateral-erg": { type: "string" },
  "inactivity-blocks": { type: "string" },
  name: { type: "string" },
  symbol: { type: "string" },
  description: { type: "string" },
  committee: { type: "string", multiple: true },
  threshold: { type: "string" },
} as const;

/** The policy and metadata options as parsed. */
export interface PolicyValues {
  "credit-limit"?: string;
  "positive-cap"?: string;
  "join-fee-erg"?: string;
  "collateral-erg"?: string;
  "inactivity-blocks"?: string;
  name?: string;
  symbol?: string;
  description?: string;
  committee?: string[];
  threshold?: string;
}

/** Usage lines of the policy options. */
export const policyUsage = `  --credit-limit N        how far below 0 a member may go, in the community's units
  --positive-cap N        highest balance allowed, in units; 0 for no cap
  --join-fee-erg E        ERG a new member pays into the treasury
  --collateral-erg E      ERG a new member locks in its account, returned on leaving at 0
  --inactivity-blocks B   blocks without paying after which a member in debt can be closed
                          by anyone (720 a day at 2 minutes a block); 0: never
  --committee X           a committee key: address or public key (hex); repeat for k of n
  --threshold K           how many committee keys must sign (required with several keys)`;


/**
 * Checks the policy options before the community (and its decimals) is known; returns how many
 * were given.
 */
export function checkPolicySyntax(values: PolicyValues): number {
  const given = (["credit-limit", "positive-cap"] as const).filter((name) => values[name] !== undefined);
  for (const name of given) amountSyntax(values[name]!, `--${name}`, { allowZero: true });
  const others = policyChanges({ ...values, "credit-limit": undefined, "positive-cap": undefined }, 0);
  return given.length + Object.keys(others).length;
}

/**
 * The policy fields the options set, amounts in units of `decimals`; the fields left out are
 * absent (govern keeps them, create takes defaults).
 */
export function policyChanges(values: PolicyValues, decimals: number, unit?: string): Partial<Omit<Policy, "maxMembers">> {
  const changes: Partial<Omit<Policy, "maxMembers">> = {};
  const v = values;
  if (v["credit-limit"] !== undefined) changes.creditLimit = parseUnits(v["credit-limit"], decimals, "--credit-limit", { allowZero: true, unit });
  if (v["positive-cap"] !== undefined) changes.positiveCap = parseUnits(v["positive-cap"], decimals, "--positive-cap", { allowZero: true, unit });
  if (v["join-fee-erg"] !== undefined) changes.joinFeeNanoErg = parseErg(v["join-fee-erg"], "--join-fee-erg");
  if (v["collateral-erg"] !== undefined) changes.collateralNanoErg = parseErg(v["collateral-erg"], "--collateral-erg");
  if (v["inactivity-blocks"] !== undefined) changes.inactivityBlocks = integerOption("inactivity-blocks", v["inactivity-blocks"], LONG_MAX);
  return changes;
}

/** The metadata fields the options set. */
export function metadataChanges(values: PolicyValues): Partial<CommunityMetadata> {
  const changes: Partial<CommunityMetadata> = {};
  if (values.name !== undefined) changes.name = values.name;
  if (values.symbol !== undefined) changes.symbol = values.symbol;
  if (values.description !== undefined) changes.description = values.description;
  return changes;
}

/** The committee SigmaProp the options name, or undefined when they name none. */
export function committeeOption(values: PolicyValues, network: NetworkName): string | undefined {
  const members = values.committee ?? [];
  if (members.length === 0) {
    if (values.threshold !== undefined) throw new CliError("--threshold goes with --committee", ExitCode.usage);
    return undefined;
  }
  const keys = members.map((member) => parsePublicKey(member, network, "--committee"));
  if (values.threshold === undefined && keys.length > 1) {
    throw new CliError(`give --threshold K: how many of the ${keys.length} committee keys must sign`, ExitCode.usage);
  }
  const threshold = values.threshold === undefined ? 1 : Number(integerOption("threshold", values.threshold, 255n));
  try {
    return committeeFromKeys(keys, threshold);
  } catch (error) {
    if (error instanceof InvalidIntent) throw new CliError(`--committee: ${error.message}`, ExitCode.usage, { cause: error });
    throw error;
  }
}
