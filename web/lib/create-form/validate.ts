/**
 * Validation of the create-a-LETS form, shared by the server action (which answers `fail(400)`
 * with these messages) and the page (which checks as the committee types and builds the
 * transaction from the result). Pure: values in, a creation intent or one message per field out.
 */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { committeeFromKeys } from "$contracts/committee.ts";
import type { CommunityMetadata, Policy } from "$contracts/community/community.ts";
import { MAX_MEMBERS_LIMIT, checkMetadata, checkPolicy } from "$contracts/builders/policy.ts";
import { InvalidPolicy } from "$contracts/errors.ts";
import { DORMANT_BLOCKS } from "$contracts/scripts.ts";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";
import { amountParts } from "$contracts/amounts.ts";
import { LONG_MAX } from "$contracts/long.ts";
import { parseAmount, parseErg } from "../amount.ts";
import type { CreateField, CreateFormErrors, CreateFormValues } from "./fields.ts";
import { readEconomics } from "./economics.ts";
import { Reader, wholeNumber } from "./reader.ts";

/** A valid form: what `createCommunity` takes, plus the committee as the form named it. */
export interface ValidCreateForm {
  policy: Policy;
  metadata: CommunityMetadata;
  /** Serialized SigmaProp of the committee (k of n keys). */
  committee: string;
  committeeAddresses: string[];
  threshold: number;
}

/** Advice that does not stop creation, by field. */
export type CreateFormWarnings = Partial<Record<CreateField, string>>;

/** Errors stop creation; warnings (on either outcome) are advice to read first. */
export type CreateFormResult =
  | { ok: true; value: ValidCreateForm; warnings: CreateFormWarnings }
  | { ok: false; errors: CreateFormErrors; warnings: CreateFormWarnings };

/** The largest inactivity window the contracts accept: the dormancy window (about three years). */
export const MAX_INACTIVITY_BLOCKS = BigInt(DORMANT_BLOCKS);
const MAX_NAME = 80;
const MAX_DESCRIPTION = 1_000;

/** Splits the committee field into addresses: one per line, commas and spaces also separate. */
export const committeeAddressesOf = (text: string): string[] => text.split(/[\s,;]+/).filter((a) => a !== "");

function committeeKey(address: string, network: NetworkName): string {
  let decoded: ErgoAddress;
  try {
    decoded = ErgoAddress.decode(address);
  } catch {
    throw new Error(`${address} is not an Ergo address.`);
  }
  if (decoded.network !== addressNetwork(network)) {
    throw new Error(`${address} is a ${decoded.network === Network.Mainnet ? "mainnet" : "testnet"} address; this app works on ${network}.`);
  }
  const keys = decoded.getPublicKeys();
  if (keys.length !== 1) throw new Error(`${address} is not a single-key (P2PK) address.`);
  return hex.encode(keys[0]!);
}

function readCommittee(r: Reader, values: CreateFormValues, network: NetworkName) {
  const addresses = committeeAddressesOf(values.committee);
  const keys = r.read("committee", () => {
    if (addresses.length === 0) throw new Error("Enter at least one committee address.");
    if (addresses.length > 255) throw new Error("A committee has at most 255 keys.");
    const found = addresses.map((a) => committeeKey(a, network));
    const twice = addresses.find((a, i) => found.indexOf(found[i]!) !== i);
    if (twice) throw new Error(`${twice} appears twice.`);
    return found;
  });
  const threshold = r.read("threshold", () => Number(wholeNumber(values.threshold, 1n, BigInt(Math.max(addresses.length, 1)), "the number of signatures")));
  return { addresses, keys, threshold };
}

/**
 * With `decimals` undefined (that field is in error) amounts are checked for their grammar only:
 * how precise and how large an amount may be depends on the decimals, so the decimals' error must
 * not become another field's (a cap of 50 is not "too large" because the decimals are unreadable).
 */
function readPolicy(r: Reader, values: CreateFormValues, decimals: number | undefined, symbol: string): Partial<Policy> {
  const units = (field: CreateField, positive: boolean) => () => {
    if (decimals !== undefined) return parseAmount(values[field], decimals, { positive, ...(symbol ? { symbol } : {}) });
    amountParts(values[field], { positive });
    return undefined;
  };
  return {
    creditLimit: r.read("creditLimit", units("creditLimit", true)),
    positiveCap: r.read("positiveCap", () => (values.positiveCap.trim() === "" ? 0n : units("positiveCap", false)())),
    joinFeeNanoErg: r.read("joinFeeErg", () => parseErg(values.joinFeeErg)),
    collateralNanoErg: r.read("collateralErg", () => parseErg(values.collateralErg)),
    maxMembers: r.read("maxMembers", () => wholeNumber(values.maxMembers, 1n, MAX_MEMBERS_LIMIT, "the maximum number of members")),
    inactivityBlocks: r.read("inactivityBlocks", () => wholeNumber(values.inactivityBlocks, 0n, MAX_INACTIVITY_BLOCKS, "the inactivity window")),
  };
}

function readMetadata(r: Reader, values: CreateFormValues, decimals: number | undefined): CommunityMetadata {
  const name = values.name.trim();
  const symbol = values.symbol.trim();
  const description = values.description.trim();
  r.read("name", () => {
    if (name === "") throw new Error("Enter a name.");
    if (name.length > MAX_NAME) throw new Error(`At most ${MAX_NAME} characters.`);
  });
  r.read("symbol", () => {
    if (!/^\S{1,12}$/u.test(symbol)) throw new Error("1 to 12 characters, no spaces.");
  });
  r.read("description", () => {
    if (description.length > MAX_DESCRIPTION) throw new Error(`At most ${MAX_DESCRIPTION} characters.`);
  });
  return { name, symbol, description, decimals: decimals ?? 0 };
}

/** The contracts' own checks, for what only they know (overflow bounds, metadata size). */
function contractChecks(r: Reader, policy: Policy, metadata: CommunityMetadata): void {
  const fieldOf: Record<string, CreateField> = {
    metadata: "description", creditLimit: "creditLimit", maxMembers: "maxMembers",
    "economics.demurragePpm": "demurragePercent", "economics.demurragePeriod": "demurragePeriod", "economics.feeBps": "usageFeePercent",
    "economics.feeMin": "usageFeeMin", "economics.turnoverPpm": "turnoverPercent", "economics.stepUnits": "stepUnits",
    "economics.stepBlocks": "stepBlocks", "economics.maxCreditLimit": "maxCreditLimit", "economics.newcomerBlocks": "newcomerBlocks",
    "economics.allowance": "allowance", "economics.sweepMin": "sweepMin",
  };
  for (const check of [() => checkPolicy(policy), () => checkMetadata(metadata)]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof InvalidPolicy)) throw error;
      const field = fieldOf[error.field] ?? (error.field as CreateField);
      r.errors[field] ??= error.field === "metadata" ? `Name, symbol and description are too long together (${error.reason}).` : `${error.reason}.`;
    }
  }
}

/** Decimals from which the largest amount is under a billion units, worth a warning. */
export const FEW_UNITS_FROM_DECIMALS = 10;

/** The largest amount at `decimals` in words a member reads: 9.22 at 18, 922,337,203.68 at 10 (cut, not rounded up). */
export function largestAmountText(decimals: number): string {
  const whole = LONG_MAX / 10n ** BigInt(decimals);
  const hundredths = decimals >= 2 ? (LONG_MAX / 10n ** BigInt(decimals - 2)) % 100n : undefined;
  return `${whole.toLocaleString("en-US")}${hundredths === undefined ? "" : `.${hundredths.toString().padStart(2, "0")}`}`;
}

/** Advice on the decimals alone: many decimals leave little room for amounts (every balance, limit and payment). */
function decimalsWarning(decimals: number | undefined, symbol: string): string | undefined {
  if (decimals === undefined || decimals < FEW_UNITS_FROM_DECIMALS) return undefined;
  return `With ${decimals} decimals the largest amount is ${largestAmountText(decimals)} ${symbol || "units"}: every balance, limit and payment must fit. Fewer decimals leave more room.`;
}

/**
 * Validates the whole form; every field in error gets its own message, and a field's bound and
 * message depend only on that field and the ones it is defined by (amounts on the decimals, the
 * signatures on the committee's size), never on whether some other field is in error.
 */
export function validateCreateForm(values: CreateFormValues, network: NetworkName): CreateFormResult {
  const r = new Reader();
  const decimals = r.read("decimals", () => Number(wholeNumber(values.decimals, 0n, 18n, "the number of decimals")));
  const metadata = readMetadata(r, values, decimals);
  // A symbol in error is not named in the other fields' messages.
  const symbol = r.errors.symbol === undefined ? metadata.symbol : "";
  const policy = readPolicy(r, values, decimals, symbol);
  const economics = readEconomics(r, values, decimals, symbol, policy.creditLimit);
  const committee = readCommittee(r, values, network);
  const warnings: CreateFormWarnings = {};
  const decimalsAdvice = decimalsWarning(decimals, symbol);
  if (decimalsAdvice) warnings.decimals = decimalsAdvice;
  if (Object.keys(r.errors).length > 0) return { ok: false, errors: r.errors, warnings };

  const complete = policy as Policy;
  if (economics) complete.economics = economics;
  contractChecks(r, complete, metadata);
  if (Object.keys(r.errors).length > 0) return { ok: false, errors: r.errors, warnings };
  return {
    ok: true,
    warnings,
    value: {
      policy: complete,
      metadata,
      committee: committeeFromKeys(committee.keys!, committee.threshold!),
      committeeAddresses: committee.addresses,
      threshold: committee.threshold!,
    },
  };
}
