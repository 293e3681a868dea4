/**
 * Scenarios: the community, its policy and its members' behaviour, from a preset (`village`,
 * `market`, `stress`: YAML files in `presets/`) or a JSON/YAML file, with flags on top. Every field
 * is checked before anything touches a chain; unknown fields are errors, not silently ignored.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { Fields, ScenarioError } from "./scenario-fields.ts";
import { LONG_MAX } from "../../contracts/long.ts";
import { readNetwork, type NetworkSpec } from "./scenario-network.ts";
import type { Economics } from "../../contracts/economics.ts";
import { checkEconomicsConsistency, readBehaviour, readEconomics, type Behaviour } from "./scenario-economics.ts";
import { patchedDocument, readCompare, type PolicyPatch } from "./scenario-compare.ts";
import { checkOrdersConsistency, readOrders, type OrdersSpec } from "./scenario-orders.ts";
import { checkDeskConsistency, readDesk, type DeskSpec } from "./scenario-desk.ts";
import { checkPostFactumConsistency, readPostFactum, type PostFactumSpec } from "./scenario-postfactum.ts";
import { checkLoanBookConsistency, readLoanBook, type LoanBookSpec } from "./scenario-loans.ts";
import { checkUnderwritingConsistency, readUnderwriting, type UnderwritingSpec } from "./scenario-underwriting.ts";
import { checkFeeVoteConsistency, readFeeVote, type FeeVoteSpec } from "./scenario-fee-vote.ts";

export { ScenarioError } from "./scenario-fields.ts";
export type { NetworkCommunity, NetworkLine, NetworkSpec } from "./scenario-network.ts";
export type { OrdersSpec } from "./scenario-orders.ts";

/** How members of one role trade. */
export interface Role {
  name: string;
  /** Share of the members (initial and joiners) with this role; the shares sum to 1. */
  share: number;
  /** Mean purchases per day (Poisson) of a member at balance 0; see `buyRate` in model.ts. */
  buysPerDay: number;
  /** How often this role is picked as the seller, relative to the other roles. */
  sellWeight: number;
  /** Prices of what this role sells, in units: log-normal, rounded, clamped to [min, max]. */
  price: { median: number; spread: number; min: number; max: number };
}

/** A validated scenario. Amounts in units are bigint, ERG in nanoERG. */
export interface Scenario {
  name: string;
  description: string;
  /** Members who join at the start. */
  members: number;
  days: number;
  seed: number;
  /** Simulated time: blocks per simulated day, and the calendar date of day 0 (UTC). */
  blocksPerDay: number;
  startDate: string;
  community: { name: string; symbol: string; description: string; decimals: number };
  policy: {
    creditLimit: bigint;
    /** 0: no cap. */
    positiveCap: bigint;
    joinFeeNanoErg: bigint;
    collateralNanoErg: bigint;
    maxMembers: bigint;
    /** 0: no default path. */
    inactivityBlocks: bigint;
    /** The levers of an economics community (docs/economics.md); absent: a plain community. */
    economics?: Economics;
  };
  /** Miner fee of every transaction. */
  txFeeNanoErg: bigint;
  roles: Role[];
  /** Mean joins and leave decisions per day (Poisson). */
  churn: { joinsPerDay: number; leavesPerDay: number };
  /** Share of members (initial and joiners) who, on a random day, run up their debt and vanish. */
  defaulters: { share: number };
  /**
   * Several communities joined by trade lines (docs/simulate.md, "Networks"); absent for one
   * community. Each community starts with `members` members, under the same policy and roles.
   */
  network?: NetworkSpec;
  /** How members and the committee act under the levers (assumptions of the model, docs/simulate.md). */
  behaviour: Behaviour;
  /** Payment orders settled in batches, and shops (docs/simulate.md, "Payment orders"); absent: neither. */
  orders?: OrdersSpec;
  /** An exchange desk the committee opens and a share of members trades with (docs/simulate.md, "The exchange desk"); absent: none. */
  desk?: DeskSpec;
  /** A share of purchases paid post-factum through escrows (docs/simulate.md, "Post-factum payments"); absent: none. */
  postFactum?: PostFactumSpec;
  /** A share of newcomers underwritten by a few underwriters (docs/simulate.md, "Underwritten newcomers"); absent: none. */
  underwriting?: UnderwritingSpec;
  /** After the trading days, members vote on a new join fee (docs/simulate.md, "Members vote on a fee change"); absent: no vote. */
  feeVote?: FeeVoteSpec;
  /** A loan book beside the community (docs/simulate.md, "A loan book"); absent: none. */
  loans?: LoanBookSpec;
  /** Policies to compare (`lets simulate compare`): each a whole scenario, the first the baseline. */
  compare?: { question: string; policies: { name: string; scenario: Scenario }[] };
}

/** Flags that override the scenario file; absent fields keep the file's value. */
export interface ScenarioOverrides {
  members?: number;
  days?: number;
  seed?: number;
  blocksPerDay?: number;
  creditLimit?: bigint;
  positiveCap?: bigint;
  joinFeeErg?: string;
  collateralErg?: string;
  inactivityBlocks?: bigint;
  maxMembers?: bigint;
  deskShare?: number;
  postfactumShare?: number;
  underwriteShare?: number;
  loans?: number;
  /** The join fee (ERG) members vote on after the trading days. */
  feeVoteErg?: string;
}

export const PRESETS = ["village", "market", "stress", "network", "demurrage", "shop"] as const;
/** Largest credit limit or cap: 2^32 units, so sums over a million members stay far inside 64 bits. */
const MAX_LIMIT = 2n ** 32n;
const TOP = ["name", "description", "members", "days", "seed", "time", "community", "policy", "txFeeErg", "roles", "churn", "defaulters", "network", "behaviour", "orders", "desk", "postFactum", "underwriting", "loans", "feeVote", "compare"];
const POLICY = ["creditLimit", "positiveCap", "joinFeeErg", "collateralErg", "maxMembers", "inactivityBlocks", "economics"];
const ROLE = ["share", "buysPerDay", "sellWeight", "price"];

function readRoles(top: Fields): Role[] {
  const raw = top.raw.roles;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
    top.fail("roles", "must map at least one role name to its behaviour");
  }
  const roles = Object.keys(raw).map((name): Role => {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) top.fail(`roles.${name}`, "role names are lower case letters, digits and '-'");
    const role = top.object("roles", Object.keys(raw)).object(name, ROLE);
    const price = role.object("price", ["median", "spread", "min", "max"]);
    const min = price.integer("min", 1, 1, 1e12);
    const median = price.number("median", undefined, min, 1e12);
    return {
      name,
      share: role.number("share", undefined, 0, 1),
      buysPerDay: role.number("buysPerDay", undefined, 0, 1_000),
      sellWeight: role.number("sellWeight", undefined, 0, 1e6),
      price: { median, spread: price.number("spread", 0.5, 0, 3), min, max: price.integer("max", Math.max(min, Math.ceil(median * 20)), min, 1e12) },
    };
  });
  const shares = roles.reduce((sum, r) => sum + r.share, 0);
  if (Math.abs(shares - 1) > 1e-6) top.fail("roles", `the shares must sum to 1, they sum to ${Number(shares.toFixed(6))}`);
  if (!roles.some((r) => r.sellWeight > 0 && r.share > 0)) top.fail("roles", "at least one role with a share must have sellWeight > 0");
  return roles;
}

/** Where each override goes in a scenario document. */
const OVERRIDE_PATHS: Record<keyof ScenarioOverrides, string[]> = {
  members: ["members"],
  days: ["days"],
  seed: ["seed"],
  blocksPerDay: ["time", "blocksPerDay"],
  creditLimit: ["policy", "creditLimit"],
  positiveCap: ["policy", "positiveCap"],
  joinFeeErg: ["policy", "joinFeeErg"],
  collateralErg: ["policy", "collateralErg"],
  inactivityBlocks: ["policy", "inactivityBlocks"],
  maxMembers: ["policy", "maxMembers"],
  deskShare: ["desk", "share"],
  postfactumShare: ["postFactum", "share"],
  underwriteShare: ["underwriting", "share"],
  loans: ["loans", "count"],
  feeVoteErg: ["feeVote", "joinFeeErg"],
};

/** A copy of `document` with the overrides written in, so flags are checked like the file. */
function withOverrides(document: unknown, overrides: ScenarioOverrides): unknown {
  const entries = Object.entries(overrides).filter(([, value]) => value !== undefined);
  if (entries.length === 0 || typeof document !== "object" || document === null || Array.isArray(document)) return document;
  const copy: Record<string, unknown> = structuredClone(document as Record<string, unknown>);
  for (const [key, value] of entries) {
    const path = OVERRIDE_PATHS[key as keyof ScenarioOverrides];
    let at = copy;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      at = at[part] = typeof next === "object" && next !== null && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    }
    at[path.at(-1)!] = value;
  }
  return copy;
}

/** Validates a parsed scenario document (with `overrides` applied) into a `Scenario`. */
export function parseScenario(document: unknown, source: string, overrides: ScenarioOverrides = {}): Scenario {
  const withFlags = withOverrides(document, overrides);
  const top = Fields.of(source, "", withFlags, TOP);
  const time = top.object("time", ["blocksPerDay", "startDate"]);
  const community = top.object("community", ["name", "symbol", "description", "decimals"]);
  const policy = top.object("policy", POLICY);
  const churn = top.object("churn", ["joinsPerDay", "leavesPerDay"]);
  const members = top.integer("members", undefined, 2, 100_000);
  const days = top.integer("days", undefined, 1, 3_650);
  const joinsPerDay = churn.number("joinsPerDay", 0, 0, 10_000);
  const scenario: Scenario = {
    name: top.text("name", undefined, /^\S.{0,79}$/, "a name of 1 to 80 characters"),
    description: top.text("description", "", /^[^]{0,500}$/, "at most 500 characters"),
    members,
    days,
    seed: top.integer("seed", 1, 0, Number.MAX_SAFE_INTEGER),
    blocksPerDay: time.integer("blocksPerDay", 24, 1, 720),
    startDate: time.text("startDate", "2026-01-01", /^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
    community: {
      name: community.text("name", "Simulated LETS", /^\S.{0,59}$/, "a name of 1 to 60 characters"),
      symbol: community.text("symbol", "SIM", /^\S{1,12}$/u, "1 to 12 characters without spaces"),
      description: community.text("description", "", /^[^]{0,300}$/, "at most 300 characters"),
      decimals: community.integer("decimals", 0, 0, 18),
    },
    policy: {
      creditLimit: policy.units("creditLimit", undefined, 1n, MAX_LIMIT),
      positiveCap: policy.units("positiveCap", 0n, 0n, MAX_LIMIT),
      joinFeeNanoErg: policy.erg("joinFeeErg", "0.01", 0n, 1_000n * 10n ** 9n),
      collateralNanoErg: policy.erg("collateralErg", "0.1", 0n, 1_000n * 10n ** 9n),
      maxMembers: policy.units("maxMembers", BigInt(2 * (members + Math.ceil(joinsPerDay * days))), 2n, 1_000_000n),
      inactivityBlocks: policy.units("inactivityBlocks", 0n, 0n, 10_000_000n),
    },
    txFeeNanoErg: top.erg("txFeeErg", "0.0011", 1_000_000n, 10n ** 9n),
    roles: readRoles(top),
    churn: { joinsPerDay, leavesPerDay: churn.number("leavesPerDay", 0, 0, 10_000) },
    defaulters: { share: top.object("defaulters", ["share"]).number("share", 0, 0, 1) },
    behaviour: readBehaviour(top),
  };
  const economics = readEconomics(policy, scenario.policy, scenario.blocksPerDay);
  if (economics) scenario.policy.economics = economics;
  const network = readNetwork(top);
  if (network) scenario.network = network;
  const orders = readOrders(top, members, scenario.blocksPerDay);
  if (orders) scenario.orders = orders;
  const desk = readDesk(top, members, scenario.policy.creditLimit);
  if (desk) scenario.desk = desk;
  const postFactum = readPostFactum(top);
  if (postFactum) scenario.postFactum = postFactum;
  const loans = readLoanBook(top);
  if (loans) scenario.loans = loans;
  const underwriting = readUnderwriting(top);
  if (underwriting) scenario.underwriting = underwriting;
  const feeVote = readFeeVote(top);
  if (feeVote) scenario.feeVote = feeVote;
  checkConsistency(scenario, source);
  const compare = readCompare(top);
  if (compare) {
    const policies = compare.policies.map((p) => ({ name: p.name, scenario: variantScenario(withFlags, p) }));
    scenario.compare = { question: compare.question, policies };
  }
  return scenario;
}

/** The scenario `document` (flags applied) under the policy `patch`, validated as a whole. */
export function variantScenario(document: unknown, patch: PolicyPatch): Scenario {
  return parseScenario(patchedDocument(document as Record<string, unknown>, patch.policy), patch.source);
}

/** Rules across fields, checked after the flags are applied. */
function checkConsistency(s: Scenario, source: string): void {
  const fail = (field: string, problem: string): never => {
    throw new ScenarioError(source, field, problem);
  };
  if (BigInt(s.members) > s.policy.maxMembers) fail("policy.maxMembers", `${s.policy.maxMembers} is less than the ${s.members} starting members`);
  const largest = s.policy.creditLimit > s.policy.positiveCap ? s.policy.creditLimit : s.policy.positiveCap;
  if (largest * s.policy.maxMembers > LONG_MAX / 2n) fail("policy.creditLimit", "creditLimit (or positiveCap) × maxMembers is too large for 64-bit balances");
  checkEconomicsConsistency(source, s.policy.economics, s.behaviour, s.network !== undefined);
  checkOrdersConsistency(source, s);
  checkDeskConsistency(source, s);
  checkPostFactumConsistency(source, s);
  checkLoanBookConsistency(source, s);
  checkUnderwritingConsistency(source, s);
  checkFeeVoteConsistency(source, s);
  for (const [i, c] of (s.network?.communities ?? []).entries()) {
    // Each gateway takes a seat of its community, and the contract keeps one unit back.
    const seats = s.network!.lines.filter((l) => l.a === i || l.b === i).reduce((sum, l) => sum + l.terms.shards, 0n);
    if (BigInt(s.members) + seats >= s.policy.maxMembers) fail("policy.maxMembers", `${s.policy.maxMembers} leaves no seat for the ${seats} gateways of ${c.key} beside its ${s.members} starting members`);
  }
  const start = Date.parse(`${s.startDate}T00:00:00Z`);
  // Date.parse rolls "2026-02-30" over to March; a real date reads back as itself.
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== s.startDate) fail("time.startDate", `${s.startDate} is not a calendar date`);
}

/** Loads `nameOrFile`: a preset name, or a `.json`, `.yaml` or `.yml` file. */
export async function loadScenario(nameOrFile: string, overrides: ScenarioOverrides = {}): Promise<Scenario> {
  const { document, source } = await readScenarioDocument(nameOrFile);
  return parseScenario(document, source, overrides);
}

/** A document read from a file, with the name its messages use. */
export interface ScenarioDocument {
  document: unknown;
  source: string;
}

/** Reads a preset or a `.json`, `.yaml` or `.yml` file into a document, without validating it. */
export async function readScenarioDocument(nameOrFile: string): Promise<ScenarioDocument> {
  const preset = (PRESETS as readonly string[]).includes(nameOrFile);
  const file = preset ? fileURLToPath(new URL(`./presets/${nameOrFile}.yaml`, import.meta.url)) : nameOrFile;
  const source = preset ? nameOrFile : file;
  if (!preset && ![".json", ".yaml", ".yml"].includes(extname(file).toLowerCase())) {
    throw new ScenarioError(source, "", `not a preset (${PRESETS.join(", ")}) nor a .json/.yaml/.yml file`);
  }
  return { document: await readDocument(file, source), source };
}

/** Reads a `.json` (else YAML) file; errors name it as `source`. */
export async function readDocument(file: string, source = file): Promise<unknown> {
  const json = extname(file).toLowerCase() === ".json";
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ScenarioError(source, "", `cannot read it: ${(error as Error).message}`);
  }
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(source, "", `not valid ${json ? "JSON" : "YAML"}: ${(error as Error).message}`);
  }
}

/** The document with the flags written in (what `variantScenario` takes). */
export const documentWithFlags = (document: unknown, overrides: ScenarioOverrides): unknown => withOverrides(document, overrides);
