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
import type { LineTerms } from "../../contracts/line/line.ts";
import { MAX_RATE, MAX_SHARDS } from "../../contracts/scripts.ts";

export { ScenarioError } from "./scenario-fields.ts";

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
}

/** One community of a network. */
export interface NetworkCommunity {
  /** The scenario's name for it (lower case), used by the lines. */
  key: string;
  name: string;
  symbol: string;
  description: string;
  /** Share of its members' purchases made from a seller in another community. */
  buysAcross: number;
  /** How often its members are picked as sellers by buyers of other communities, relative to the others. */
  sellsAcross: number;
}

/** One trade line of a network: community `a` proposes, `b` accepts (docs/inter-lets.md). */
export interface NetworkLine {
  /** "a-b", with the communities' keys. */
  key: string;
  /** Indexes into `network.communities`. */
  a: number;
  b: number;
  terms: LineTerms;
}

export interface NetworkSpec {
  communities: NetworkCommunity[];
  lines: NetworkLine[];
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
}

export const PRESETS = ["village", "market", "stress", "network"] as const;
/** Largest credit limit or cap: 2^32 units, so sums over a million members stay far inside 64 bits. */
const MAX_LIMIT = 2n ** 32n;
const TOP = ["name", "description", "members", "days", "seed", "time", "community", "policy", "txFeeErg", "roles", "churn", "defaulters", "network"];
const POLICY = ["creditLimit", "positiveCap", "joinFeeErg", "collateralErg", "maxMembers", "inactivityBlocks"];
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

const NETWORK_COMMUNITY = ["name", "symbol", "description", "buysAcross", "sellsAcross"];
const NETWORK_LINE = ["a", "b", "rateNum", "rateDen", "capA", "capB", "feeA", "feeB", "shards"];

/** The `network` section, or undefined when absent (one community). */
function readNetwork(top: Fields): NetworkSpec | undefined {
  if (top.raw.network === undefined) return undefined;
  const network: Fields = top.object("network", ["communities", "lines"]);
  const raw = network.raw.communities;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return network.fail("communities", "must map 2 to 8 community names to their settings");
  const keys = Object.keys(raw);
  if (keys.length < 2 || keys.length > 8) network.fail("communities", `must name 2 to 8 communities, got ${keys.length}`);
  const all: Fields = network.object("communities", keys);
  const communities = keys.map((key): NetworkCommunity => {
    if (!/^[a-z][a-z0-9]{0,15}$/.test(key)) all.fail(key, "community names are 1 to 16 lower case letters and digits, starting with a letter");
    const c = all.object(key, NETWORK_COMMUNITY);
    return {
      key,
      name: c.text("name", key, /^\S.{0,59}$/, "a name of 1 to 60 characters"),
      symbol: c.text("symbol", key.toUpperCase().slice(0, 12), /^\S{1,12}$/u, "1 to 12 characters without spaces"),
      description: c.text("description", "", /^[^]{0,300}$/, "at most 300 characters"),
      buysAcross: c.number("buysAcross", 0, 0, 1),
      sellsAcross: c.number("sellsAcross", 1, 0, 1e6),
    };
  });
  const list = network.raw.lines;
  if (!Array.isArray(list) || list.length === 0 || list.length > 16) return network.fail("lines", "must list 1 to 16 lines");
  const seen = new Set<string>();
  const lines = (list as unknown[]).map((item, i): NetworkLine => {
    const line: Fields = Fields.of(top.source, `network.lines[${i}]`, item, NETWORK_LINE);
    const side = (field: "a" | "b"): number => {
      const name = line.text(field, undefined, /^[^]*$/, "a community name");
      const index = keys.indexOf(name);
      if (index < 0) line.fail(field, `names no community of the network (${keys.join(", ")}), got ${JSON.stringify(name)}`);
      return index;
    };
    const a = side("a");
    const b = side("b");
    if (a === b) line.fail("b", "a line joins two different communities");
    const pair = [a, b].sort().join("-");
    if (seen.has(pair)) line.fail("b", `a second line between ${keys[a]} and ${keys[b]}`);
    seen.add(pair);
    const rate = Number(MAX_RATE);
    const terms: LineTerms = {
      rateNum: BigInt(line.integer("rateNum", 1, 1, rate)),
      rateDen: BigInt(line.integer("rateDen", 1, 1, rate)),
      capA: line.units("capA", undefined, 0n, MAX_LIMIT),
      capB: line.units("capB", undefined, 0n, MAX_LIMIT),
      feeA: line.units("feeA", 1n, 0n, 9_999n),
      feeB: line.units("feeB", 1n, 0n, 9_999n),
      shards: BigInt(line.integer("shards", 1, 1, MAX_SHARDS)),
    };
    // The contracts refuse a line without any fee (a loop of its gateways would need no signature).
    if (terms.feeA + terms.feeB === 0n) line.fail("feeB", "feeA and feeB cannot both be 0 (a line takes at least 1 basis point on one side)");
    return { key: `${keys[a]}-${keys[b]}`, a, b, terms };
  });
  for (const [i, c] of communities.entries()) {
    if (!lines.some((l) => l.a === i || l.b === i)) all.fail(c.key, "has no line to another community");
  }
  return { communities, lines };
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
  const top = Fields.of(source, "", withOverrides(document, overrides), TOP);
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
  };
  const network = readNetwork(top);
  if (network) scenario.network = network;
  checkConsistency(scenario, source);
  return scenario;
}

/** Rules across fields, checked after the flags are applied. */
function checkConsistency(s: Scenario, source: string): void {
  const fail = (field: string, problem: string): never => {
    throw new ScenarioError(source, field, problem);
  };
  if (BigInt(s.members) > s.policy.maxMembers) fail("policy.maxMembers", `${s.policy.maxMembers} is less than the ${s.members} starting members`);
  const largest = s.policy.creditLimit > s.policy.positiveCap ? s.policy.creditLimit : s.policy.positiveCap;
  if (largest * s.policy.maxMembers > LONG_MAX / 2n) fail("policy.creditLimit", "creditLimit (or positiveCap) × maxMembers is too large for 64-bit balances");
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
  const preset = (PRESETS as readonly string[]).includes(nameOrFile);
  const file = preset ? fileURLToPath(new URL(`./presets/${nameOrFile}.yaml`, import.meta.url)) : nameOrFile;
  const source = preset ? nameOrFile : file;
  const extension = extname(file).toLowerCase();
  if (!preset && ![".json", ".yaml", ".yml"].includes(extension)) {
    throw new ScenarioError(source, "", `not a preset (${PRESETS.join(", ")}) nor a .json/.yaml/.yml file`);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ScenarioError(source, "", `cannot read it: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = extension === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(source, "", `not valid ${extension === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`);
  }
  return parseScenario(document, source, overrides);
}
