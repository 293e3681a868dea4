/**
 * The committee's "switch to member governance" form read into voting rules (docs/web.md
 * "Governance"): percentages to parts per million, ERG to nanoERG, windows in blocks, each field's
 * error in words; then the contracts' own check (`rulesProblem`). Pure.
 */
import { rulesProblem, type GovernanceRules } from "$contracts/governance/governance.ts";
import { AmountError, parseErg } from "$lib/amount.ts";

export interface TypedRules {
  quorum: string;
  majority: string;
  deposit: string;
  minWindow: string;
  maxWindow: string;
  veto: string;
}

export type RulesField = keyof TypedRules | "rules";

/** Defaults a community may start from: half the members, a simple majority, a day to a week, no veto. */
export const DEFAULT_RULES: TypedRules = { quorum: "50", majority: "50", deposit: "0.1", minWindow: "720", maxWindow: "5040", veto: "0" };

/** "50" or "33.3333" percent as parts per million (at most 4 decimals). */
export function percentPpm(text: string): bigint {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim().replace(/%$/, "").trim());
  if (!m) throw new Error(`A percentage with at most 4 decimals (like 50 or 66.6667), not '${text}'.`);
  const ppm = BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? "").padEnd(4, "0"));
  if (ppm > 1_000_000n) throw new Error("At most 100%.");
  return ppm;
}

function blocks(text: string, what: string): bigint {
  const t = text.trim().replaceAll(",", "");
  if (!/^[0-9]{1,7}$/.test(t)) throw new Error(`Enter ${what} as a whole number of blocks.`);
  return BigInt(t);
}

/** The rules, or each bad field's words. */
export function readRules(t: TypedRules): { rules?: GovernanceRules; errors: Partial<Record<RulesField, string>> } {
  const errors: Partial<Record<RulesField, string>> = {};
  const read = <T>(f: RulesField, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      errors[f] = error instanceof AmountError ? error.reason : (error as Error).message;
      return undefined;
    }
  };
  const quorumPpm = read("quorum", () => percentPpm(t.quorum));
  const majorityPpm = read("majority", () => {
    const v = percentPpm(t.majority);
    if (v >= 1_000_000n) throw new Error("Below 100%: a proposal passes with more than this share of the for/against votes.");
    return v;
  });
  const depositNanoErg = read("deposit", () => parseErg(t.deposit.trim()));
  const minWindowBlocks = read("minWindow", () => {
    const v = blocks(t.minWindow, "the shortest vote");
    if (v < 1n) throw new Error("At least 1 block.");
    return v;
  });
  const maxWindowBlocks = read("maxWindow", () => {
    const v = blocks(t.maxWindow, "the longest vote");
    if (v > 262_800n) throw new Error("At most 262,800 blocks (a year).");
    if (minWindowBlocks !== undefined && v < minWindowBlocks) throw new Error("At least the shortest vote.");
    return v;
  });
  const vetoBlocks = read("veto", () => {
    const v = blocks(t.veto, "the veto window");
    if (v > 262_800n) throw new Error("At most 262,800 blocks (a year).");
    return v;
  });
  if (quorumPpm === undefined || majorityPpm === undefined || depositNanoErg === undefined || minWindowBlocks === undefined || maxWindowBlocks === undefined || vetoBlocks === undefined) {
    return { errors };
  }
  const rules = { quorumPpm, majorityPpm, depositNanoErg, minWindowBlocks, maxWindowBlocks, vetoBlocks };
  const problem = rulesProblem(rules);
  if (problem) return { errors: { rules: `These rules cannot be a community's: ${problem}.` } };
  return { rules, errors };
}
