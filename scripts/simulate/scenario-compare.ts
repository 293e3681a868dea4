/**
 * Policy comparisons (docs/simulate.md, "Comparing policies"): one scenario run under several
 * policies with the same seed. A policy is a patch over the scenario's `policy`, from the
 * scenario's `compare` section or from `--policy` files; each variant is validated as a whole
 * scenario, so an error names the policy and the field.
 */
import { Fields } from "./scenario-fields.ts";

/** A policy to compare: its name (a column of the report) and its patch over the scenario's policy. */
export interface PolicyPatch {
  name: string;
  /** Policy fields replacing the scenario's (`economics` as a whole: the levers not given are off; `economics: null` makes a plain community). */
  policy: Record<string, unknown>;
  /** Where the patch came from, for messages. */
  source: string;
}

/** The `compare` section: the question the comparison answers and the policies, the first being the baseline. */
export interface CompareSection {
  question: string;
  policies: PolicyPatch[];
}

const NAME = /^\S.{0,39}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The scenario document with `patch` written over its policy (and without its compare section). */
export function patchedDocument(document: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const policy: Record<string, unknown> = { ...(isObject(document.policy) ? document.policy : {}), ...patch };
  if (patch.economics === null) delete policy.economics;
  const { compare: _compare, ...rest } = document;
  return { ...rest, policy };
}

/** What is wrong with a list of policies (2 to 8, distinct names), or undefined. */
export function policiesProblem(policies: readonly PolicyPatch[]): string | undefined {
  if (policies.length < 2 || policies.length > 8) return `a comparison needs 2 to 8 policies, got ${policies.length}`;
  const names = policies.map((p) => p.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  return twice === undefined ? undefined : `two policies are named ${JSON.stringify(twice)}`;
}

/** Reads the `compare` section, or undefined when there is none. */
export function readCompare(top: Fields): CompareSection | undefined {
  if (top.raw.compare === undefined) return undefined;
  const compare = top.object("compare", ["question", "policies"]);
  const raw = compare.raw.policies;
  if (!isObject(raw)) return compare.fail("policies", "must map 2 to 8 policy names to their policy (fields over the scenario's policy; {} for the scenario's own)");
  const policies = Object.entries(raw).map(([name, patch]): PolicyPatch => {
    if (!NAME.test(name)) compare.fail(`policies.${name}`, "policy names are 1 to 40 characters, not starting with a space");
    if (patch !== null && !isObject(patch)) compare.fail(`policies.${name}`, "must be an object of policy fields ({} for the scenario's own policy)");
    return { name, policy: (patch ?? {}) as Record<string, unknown>, source: `${top.source} (policy ${JSON.stringify(name)})` };
  });
  const problem = policiesProblem(policies);
  if (problem) compare.fail("policies", problem);
  return { question: compare.text("question", "", /^[^]{0,300}$/, "at most 300 characters"), policies };
}

/** A `--policy` file's document: `name` (default: the file's name) and `policy`. */
export function readPolicyDocument(document: unknown, source: string, fallbackName: string): PolicyPatch {
  const fields = Fields.of(source, "", document, ["name", "policy"]);
  if (!isObject(fields.raw.policy)) fields.fail("policy", "is required: the policy fields that differ from the scenario's ({} for the scenario's own)");
  const name = fields.text("name", fallbackName, NAME, "a name of 1 to 40 characters");
  return { name, policy: fields.raw.policy as Record<string, unknown>, source: `${source} (policy ${JSON.stringify(name)})` };
}
