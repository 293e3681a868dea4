/** The flags `lets simulate` and `lets simulate compare` share: the scenario and its overrides, checked here, and the errors a user can act on. */
import { NodeRequestError } from "../../ergo/node-client.ts";
import { InvalidMnemonic } from "../../ergo/keys.ts";
import { ChainDirectoryNotEmpty } from "../simulate/chain/devnet-driver.ts";
import { UnsupportedNode } from "../simulate/chain/node-driver.ts";
import { FunderShortOfErg } from "../simulate/chain/setup.ts";
import { ScenarioError, type ScenarioOverrides } from "../simulate/scenario.ts";
import { CliError, ExitCode } from "./command.ts";

/** The scenario and the flags that override it. */
export const scenarioOptions = {
  scenario: { type: "string" },
  members: { type: "string" },
  days: { type: "string" },
  seed: { type: "string" },
  "blocks-per-day": { type: "string" },
  "credit-limit": { type: "string" },
  "positive-cap": { type: "string" },
  "join-fee": { type: "string" },
  collateral: { type: "string" },
  "inactivity-blocks": { type: "string" },
  "max-members": { type: "string" },
  "desk-share": { type: "string" },
  "postfactum-share": { type: "string" },
  loans: { type: "string" },
  "underwrite-share": { type: "string" },
  "fee-vote": { type: "string" },
} as const;

type ScenarioValues = { [K in keyof typeof scenarioOptions]?: string };

/** A whole number flag, or undefined when absent. */
export function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new CliError(`--${name} must be a whole number, got '${value}'`, ExitCode.usage);
  return Number(value);
}

function units(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,19}$/.test(value)) throw new CliError(`--${name} must be a whole number, got '${value}'`, ExitCode.usage);
  return BigInt(value);
}

/** A share from 0 to 1 ("0.2"), or undefined when absent. */
function share(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/.test(value)) throw new CliError(`--${name} must be a share from 0 to 1 like 0.2, got '${value}'`, ExitCode.usage);
  return Number(value);
}

/** An http(s) URL flag, or undefined when absent. */
export function url(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return value;
  } catch {
    // reported below
  }
  throw new CliError(`--${name} must be an http(s) URL, got '${value}'`, ExitCode.usage);
}

/** The flags that override the scenario file. */
export function overrides(v: ScenarioValues): ScenarioOverrides {
  return {
    members: whole("members", v.members),
    days: whole("days", v.days),
    seed: whole("seed", v.seed),
    blocksPerDay: whole("blocks-per-day", v["blocks-per-day"]),
    creditLimit: units("credit-limit", v["credit-limit"]),
    positiveCap: units("positive-cap", v["positive-cap"]),
    joinFeeErg: v["join-fee"],
    collateralErg: v.collateral,
    inactivityBlocks: units("inactivity-blocks", v["inactivity-blocks"]),
    maxMembers: units("max-members", v["max-members"]),
    deskShare: share("desk-share", v["desk-share"]),
    postfactumShare: share("postfactum-share", v["postfactum-share"]),
    loans: whole("loans", v.loans),
    underwriteShare: share("underwrite-share", v["underwrite-share"]),
    feeVoteErg: v["fee-vote"],
  };
}

/** Errors a user can act on become one line; anything else is a crash with its stack. */
export function explain(error: unknown): never {
  if (error instanceof ScenarioError) throw new CliError(error.message, ExitCode.usage, { cause: error });
  if (error instanceof InvalidMnemonic) throw new CliError(error.message, ExitCode.usage, { cause: error });
  if (error instanceof NodeRequestError) throw new CliError(`the node failed: ${error.message}`, ExitCode.failure, { cause: error });
  if (error instanceof FunderShortOfErg || error instanceof UnsupportedNode || error instanceof ChainDirectoryNotEmpty) throw new CliError(error.message, ExitCode.failure, { cause: error });
  throw error;
}
