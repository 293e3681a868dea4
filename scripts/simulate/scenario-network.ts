/** The `network` section of a scenario: communities joined by trade lines (docs/simulate.md, "Networks"). */
import type { LineTerms } from "../../contracts/line/line.ts";
import { MAX_RATE, MAX_SHARDS } from "../../contracts/scripts.ts";
import { Fields } from "./scenario-fields.ts";

/** Largest line cap: 2^32 units, as the scenario's credit limits. */
const MAX_CAP = 2n ** 32n;

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

const NETWORK_COMMUNITY = ["name", "symbol", "description", "buysAcross", "sellsAcross"];
const NETWORK_LINE = ["a", "b", "rateNum", "rateDen", "capA", "capB", "feeA", "feeB", "shards"];

/** The `network` section, or undefined when absent (one community). */
export function readNetwork(top: Fields): NetworkSpec | undefined {
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
      capA: line.units("capA", undefined, 0n, MAX_CAP),
      capB: line.units("capB", undefined, 0n, MAX_CAP),
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

