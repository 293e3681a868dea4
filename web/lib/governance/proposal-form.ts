/**
 * The proposal form read into what `propose` takes (docs/web.md "Governance"): the kind (rule
 * change, metadata, committee, treasury payment), its fields and the voting window, each field's
 * text turned into values or the words of what is wrong, checked before anything is signed. The
 * change is shown as before → after from the same reading. Pure.
 */
import { ErgoAddress } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import type { ChangeIntent } from "$contracts/builders/governance-propose.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";
import { AmountError, displayErg, parseAmount, parseErg } from "$lib/amount.ts";
import type { ChangeView, MetadataView, PolicyView, RulesView } from "./types.ts";

export type ProposalKindField = "policy" | "metadata" | "committee" | "treasury";

/** The form's fields as typed (all of them; only the chosen kind's are read). */
export interface TypedProposal {
  kind: ProposalKindField;
  window: string;
  creditLimit: string;
  positiveCap: string;
  joinFee: string;
  collateral: string;
  inactivityBlocks: string;
  name: string;
  symbol: string;
  description: string;
  committee: string;
  threshold: string;
  amount: string;
  recipient: string;
}

export type ProposalField = Exclude<keyof TypedProposal, "kind"> | "change";

/** What the community is now: the before of the change and the limits of the form. */
export interface ProposalContext {
  policy: PolicyView;
  metadata: { name: string; symbol: string; description: string; decimals: number } & MetadataView;
  committee: string;
  treasuryNanoErg: bigint;
  rules: RulesView;
  network: NetworkName;
}

export interface ReadProposal {
  change?: ChangeIntent;
  windowBlocks?: bigint;
  /** The change as before → after, for the preview. */
  view?: ChangeView;
  errors: Partial<Record<ProposalField, string>>;
}

/** The form's first values: today's rules, metadata and the shortest window. */
export function typedFrom(ctx: ProposalContext, ergText: (v: bigint) => string, unitsText: (v: bigint) => string): TypedProposal {
  const p = ctx.policy;
  return {
    kind: "policy", window: ctx.rules.minWindowBlocks.toString(),
    creditLimit: unitsText(p.creditLimit), positiveCap: p.positiveCap === 0n ? "" : unitsText(p.positiveCap),
    joinFee: ergText(p.joinFeeNanoErg), collateral: ergText(p.collateralNanoErg), inactivityBlocks: p.inactivityBlocks.toString(),
    name: ctx.metadata.name, symbol: ctx.metadata.symbol, description: ctx.metadata.description,
    committee: "", threshold: "1", amount: "", recipient: "",
  };
}

type Errors = ReadProposal["errors"];

function field<T>(errors: Errors, name: ProposalField, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    errors[name] ??= error instanceof AmountError ? error.reason : (error as Error).message;
    return undefined;
  }
}

function whole(text: string, min: bigint, max: bigint, what: string): bigint {
  const t = text.trim().replaceAll(",", "");
  if (!/^[0-9]{1,12}$/.test(t)) throw new Error(`Enter ${what} as a whole number.`);
  const v = BigInt(t);
  if (v < min || v > max) throw new Error(`${what[0]!.toUpperCase()}${what.slice(1)} is from ${min} to ${max}.`);
  return v;
}

function address(text: string, network: NetworkName, what: string): ErgoAddress {
  let decoded: ErgoAddress;
  try {
    decoded = ErgoAddress.decode(text.trim());
  } catch {
    throw new Error(`'${text.trim()}' is not an Ergo address.`);
  }
  if (decoded.network !== addressNetwork(network)) throw new Error(`${what} is an address of another network than ${network}.`);
  return decoded;
}

function readPolicy(t: TypedProposal, ctx: ProposalContext, errors: Errors): PolicyView | undefined {
  const units = { decimals: ctx.metadata.decimals, symbol: ctx.metadata.symbol };
  const creditLimit = field(errors, "creditLimit", () => parseAmount(t.creditLimit, units.decimals, { positive: false, symbol: units.symbol }));
  const positiveCap = field(errors, "positiveCap", () => (t.positiveCap.trim() === "" ? 0n : parseAmount(t.positiveCap, units.decimals, { symbol: units.symbol })));
  const joinFee = field(errors, "joinFee", () => parseErg(t.joinFee.trim()));
  const collateral = field(errors, "collateral", () => parseErg(t.collateral.trim()));
  const inactivity = field(errors, "inactivityBlocks", () => whole(t.inactivityBlocks, 0n, 262_800n, "the inactivity window"));
  if (creditLimit === undefined || positiveCap === undefined || joinFee === undefined || collateral === undefined || inactivity === undefined) return undefined;
  if (positiveCap !== 0n && creditLimit > positiveCap) errors.positiveCap = "The balance cap is at least the credit limit (or empty for none).";
  return { ...ctx.policy, creditLimit, positiveCap, joinFeeNanoErg: joinFee, collateralNanoErg: collateral, inactivityBlocks: inactivity };
}

function readMetadata(t: TypedProposal, errors: Errors): { name: string; symbol: string; description: string } {
  const [name, symbol, description] = [t.name.trim(), t.symbol.trim(), t.description.trim()];
  if (name === "") errors.name = "Enter a name.";
  else if (name.length > 80) errors.name = "At most 80 characters.";
  if (!/^\S{1,12}$/u.test(symbol)) errors.symbol = "1 to 12 characters, no spaces.";
  if (description.length > 1_000) errors.description = "At most 1,000 characters.";
  return { name, symbol, description };
}

function readCommittee(t: TypedProposal, ctx: ProposalContext, errors: Errors): string | undefined {
  const addresses = t.committee.split(/[\s,;]+/).filter((a) => a !== "");
  if (addresses.length === 0) {
    errors.committee = "Enter the new committee's addresses, one per line.";
    return undefined;
  }
  const keys = field(errors, "committee", () => addresses.map((a) => {
    const keys = address(a, ctx.network, a).getPublicKeys();
    if (keys.length !== 1) throw new Error(`${a} is not a single-key (P2PK) address.`);
    return hex.encode(keys[0]!);
  }));
  if (keys && keys.length > 6) errors.committee = "At most 6 keys fit beside the community's metadata.";
  const threshold = field(errors, "threshold", () => Number(whole(t.threshold, 1n, BigInt(Math.max(addresses.length, 1)), "the number of signatures")));
  if (!keys || threshold === undefined || errors.committee) return undefined;
  return field(errors, "committee", () => committeeFromKeys(keys, threshold));
}

function readTreasury(t: TypedProposal, ctx: ProposalContext, errors: Errors): { amountNanoErg: bigint; recipient: string } | undefined {
  const amount = field(errors, "amount", () => {
    const v = parseErg(t.amount.trim());
    if (v <= 0n) throw new Error("A positive amount of ERG.");
    if (v >= ctx.treasuryNanoErg) throw new Error(`The treasury holds ${displayErg(ctx.treasuryNanoErg)}; a payment leaves at least its storage floor in it.`);
    return v;
  });
  const recipient = field(errors, "recipient", () => {
    if (t.recipient.trim() === "") throw new Error("Enter the address to pay.");
    address(t.recipient, ctx.network, "The recipient");
    return t.recipient.trim();
  });
  return amount === undefined || recipient === undefined ? undefined : { amountNanoErg: amount, recipient };
}

/** Reads the form against the community as it is now. */
export function readProposal(t: TypedProposal, ctx: ProposalContext): ReadProposal {
  const errors: Errors = {};
  const windowBlocks = field(errors, "window", () => whole(t.window, ctx.rules.minWindowBlocks, ctx.rules.maxWindowBlocks, "the voting window in blocks"));
  let change: ChangeIntent | undefined;
  let view: ChangeView | undefined;
  if (t.kind === "policy") {
    const after = readPolicy(t, ctx, errors);
    if (after && !errors.positiveCap) {
      const { maxMembers: _fixed, ...policy } = after;
      change = { kind: "policy", policy };
      view = { kind: "policy", before: ctx.policy, after };
      if (Object.keys(ctx.policy).every((k) => ctx.policy[k as keyof PolicyView] === after[k as keyof PolicyView])) errors.change = "Nothing changes: change at least one rule.";
    }
  } else if (t.kind === "metadata") {
    const m = readMetadata(t, errors);
    const after = { ...ctx.metadata, ...m };
    change = { kind: "metadata", metadata: after };
    view = { kind: "metadata", before: ctx.metadata, after };
    if (m.name === ctx.metadata.name && m.symbol === ctx.metadata.symbol && m.description === ctx.metadata.description) errors.change = "Nothing changes: edit the name, symbol or description.";
  } else if (t.kind === "committee") {
    const committee = readCommittee(t, ctx, errors);
    if (committee !== undefined) {
      change = { kind: "committee", committee };
      view = { kind: "committee", before: ctx.committee, after: committee };
      if (committee === ctx.committee.toLowerCase()) errors.change = "Nothing changes: this is the committee now.";
    }
  } else {
    const pay = readTreasury(t, ctx, errors);
    if (pay) {
      change = { kind: "treasury", amountNanoErg: pay.amountNanoErg, recipient: pay.recipient };
      view = { kind: "treasury", amountNanoErg: pay.amountNanoErg, recipient: pay.recipient, treasuryBeforeNanoErg: ctx.treasuryNanoErg };
    }
  }
  return Object.keys(errors).length > 0 ? { errors, ...(view ? { view } : {}) } : { change, windowBlocks, view, errors };
}
