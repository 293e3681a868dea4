/**
 * Trade lines on the command line: the flags (`--rate 3/2`, caps in the right community's units,
 * fees in basis points, shards) parsed and checked with the flag named, and lines, positions,
 * cross-payment quotes and the lines' refusals in words and in JSON.
 */
import {
  LineExposureExceeded,
  LineNotOpen,
  LinePaused,
  MAX_RATE,
  MAX_SHARDS,
  NoRoute,
  type CommunityMetadata,
  type Gateway,
  type Line,
  type LineTerms,
  type PendingChange,
  type PlannedHop,
  type Side,
} from "../../../contracts/index.ts";
import type { SidePosition } from "../../../client/lines.ts";
import { CliError, ExitCode } from "../command.ts";
import { amountSyntax, formatUnits, parseUnits } from "./amounts.ts";

/** A rate as typed: 1 unit of A = num/den units of B, in whole units (before decimals). */
export interface Rate {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** `3/2`, `2` or `1.5`: how many of B's units one of A's is worth. Checked before the node is asked. */
export function parseRate(text: string, flag = "--rate"): Rate {
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  const decimal = /^(\d+)(?:\.(\d+))?$/.exec(text);
  let num: bigint;
  let den: bigint;
  if (fraction) [num, den] = [BigInt(fraction[1]!), BigInt(fraction[2]!)];
  else if (decimal) {
    const digits = decimal[2] ?? "";
    [num, den] = [BigInt(decimal[1]! + digits), 10n ** BigInt(digits.length)];
  } else throw new CliError(`${flag} must be a rate like 3/2, 2 or 1.5 (one of A's units in B's units), not '${text}'`, ExitCode.usage);
  if (num === 0n || den === 0n) throw new CliError(`${flag} must be more than 0, not '${text}'`, ExitCode.usage);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/**
 * The rate between the smallest units the line holds (R5): one whole A = rate whole B, so one
 * smallest A-unit = rate × 10^decimalsB / 10^decimalsA smallest B-units; reduced, and within the
 * contracts' bounds (1 to 10^9 each).
 */
export function rawRate(rate: Rate, decimalsA: number, decimalsB: number, flag = "--rate"): { rateNum: bigint; rateDen: bigint } {
  let num = rate.num * 10n ** BigInt(decimalsB);
  let den = rate.den * 10n ** BigInt(decimalsA);
  const g = gcd(num, den);
  [num, den] = [num / g, den / g];
  if (num > MAX_RATE || den > MAX_RATE) {
    throw new CliError(`${flag}: ${rate.num}/${rate.den} is too precise: between the smallest units it is ${num}/${den}, and each side may be at most ${MAX_RATE}`, ExitCode.usage);
  }
  return { rateNum: num, rateDen: den };
}

/** The rate in whole units, as people read it: "1 KCD = 3/2 OTD". */
export function rateInWords(terms: Pick<LineTerms, "rateNum" | "rateDen">, a: CommunityMetadata, b: CommunityMetadata): string {
  let num = terms.rateNum * 10n ** BigInt(a.decimals);
  let den = terms.rateDen * 10n ** BigInt(b.decimals);
  const g = gcd(num, den);
  [num, den] = [num / g, den / g];
  return `1 ${a.symbol} = ${den === 1n ? num : `${num}/${den}`} ${b.symbol}`;
}

/** A fee in basis points: a whole number from 0 to 9,999. */
export function parseBps(text: string, flag: string): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) > 9_999n) {
    throw new CliError(`${flag} must be a whole number of basis points from 0 to 9999 (100 = 1%), not '${text}'`, ExitCode.usage);
  }
  return BigInt(text);
}

/** The number of shards: 1 to 16. */
export function parseShards(text: string, flag = "--shards"): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) < 1n || BigInt(text) > BigInt(MAX_SHARDS)) {
    throw new CliError(`${flag} must be a whole number from 1 to ${MAX_SHARDS}, not '${text}'`, ExitCode.usage);
  }
  return BigInt(text);
}

/** A fee in words: "1.00% (100 bp)". */
export const bpsInWords = (bps: bigint): string => `${(Number(bps) / 100).toFixed(2)}% (${bps} bp)`;

/** The terms flags as typed (any may be absent: a change keeps the current value). */
export interface TermsFlags {
  rate?: string;
  "cap-a"?: string;
  "cap-b"?: string;
  "fee-a"?: string;
  "fee-b"?: string;
  shards?: string;
}

/** Checks the syntax of every terms flag given, before the node is asked; returns how many were given. */
export function checkTermsSyntax(values: TermsFlags): number {
  if (values.rate !== undefined) parseRate(values.rate);
  if (values["cap-a"] !== undefined) amountSyntax(values["cap-a"], "--cap-a", { allowZero: true });
  if (values["cap-b"] !== undefined) amountSyntax(values["cap-b"], "--cap-b", { allowZero: true });
  if (values["fee-a"] !== undefined) parseBps(values["fee-a"], "--fee-a");
  if (values["fee-b"] !== undefined) parseBps(values["fee-b"], "--fee-b");
  if (values.shards !== undefined) parseShards(values.shards);
  return (["rate", "cap-a", "cap-b", "fee-a", "fee-b", "shards"] as const).filter((k) => values[k] !== undefined).length;
}

/**
 * The terms the flags give, over `base` (the current terms of a change; for a proposal every
 * required flag is given). `--cap-a` is in B's units (how far A may owe B), `--cap-b` in A's.
 */
export function termsFromFlags(values: TermsFlags, a: CommunityMetadata, b: CommunityMetadata, base?: LineTerms): LineTerms {
  if (!base) {
    const missing = (["rate", "cap-a", "cap-b"] as const).filter((k) => values[k] === undefined);
    if (missing.length > 0) throw new CliError(`a proposal needs ${missing.map((k) => `--${k}`).join(", ")}`, ExitCode.usage);
  }
  const rate = values.rate === undefined ? undefined : rawRate(parseRate(values.rate), a.decimals, b.decimals);
  const terms = {
    rateNum: rate?.rateNum ?? base!.rateNum,
    rateDen: rate?.rateDen ?? base!.rateDen,
    capA: values["cap-a"] === undefined ? base!.capA : parseUnits(values["cap-a"], b.decimals, "--cap-a", { allowZero: true, unit: b.symbol }),
    capB: values["cap-b"] === undefined ? base!.capB : parseUnits(values["cap-b"], a.decimals, "--cap-b", { allowZero: true, unit: a.symbol }),
    feeA: values["fee-a"] === undefined ? (base?.feeA ?? DEFAULT_FEE_BPS) : parseBps(values["fee-a"], "--fee-a"),
    feeB: values["fee-b"] === undefined ? (base?.feeB ?? DEFAULT_FEE_BPS) : parseBps(values["fee-b"], "--fee-b"),
    shards: values.shards === undefined ? (base?.shards ?? 1n) : parseShards(values.shards),
  };
  // The contracts refuse a line without any fee: a loop of its gateways would need nobody's signature.
  if (terms.feeA + terms.feeB === 0n) throw new CliError("--fee-a and --fee-b cannot both be 0: a line takes at least 1 basis point on one side", ExitCode.usage);
  return terms;
}

/** Each side's fee when the proposal names none: 1 basis point (0.01%), the least a line may take. */
export const DEFAULT_FEE_BPS = 1n;

/** What a community is called in messages: its name, else its id (a community this node lacks). */
export interface Named {
  communityId: string;
  metadata?: CommunityMetadata;
}

const nameOf = (c: Named): string => c.metadata?.name ?? `community ${c.communityId}`;
/** "Otago Dollars'", "Riverside LETS'", "Kaikoura's". */
export const possessive = (name: string): string => (/s$/i.test(name) ? `${name}'` : `${name}'s`);
const unitsOf = (c: Named) => (units: bigint): string => (c.metadata ? `${formatUnits(units, c.metadata.decimals)} ${c.metadata.symbol}` : `${units} units`);
const metadataOf = (c: Named): CommunityMetadata => c.metadata ?? { name: nameOf(c), symbol: "units", decimals: 0, description: "" };

/** The terms in words, one line each. */
export function termsInWords(terms: LineTerms, a: Named, b: Named): string[] {
  return [
    `rate: ${rateInWords(terms, metadataOf(a), metadataOf(b))}`,
    `caps: ${nameOf(a)} may owe ${nameOf(b)} up to ${unitsOf(b)(terms.capA)} (cap A); ${nameOf(b)} may owe ${nameOf(a)} up to ${unitsOf(a)(terms.capB)} (cap B)`,
    `fees: ${nameOf(a)} ${bpsInWords(terms.feeA)}, ${nameOf(b)} ${bpsInWords(terms.feeB)} (each on what crosses its border)`,
    `shards: ${terms.shards} (at most ${terms.shards} cross payment${terms.shards === 1n ? "" : "s"} per block; each shard takes one seat of each community)`,
  ];
}

const sideLetter = (side: Side): "A" | "B" => (side === 0 ? "A" : "B");

/** A pending change in words. */
export function pendingInWords(pending: PendingChange | null, a: Named, b: Named): string {
  if (!pending) return "pending change: none";
  const who = nameOf(pending.proposer === 0 ? a : b);
  const other = nameOf(pending.proposer === 0 ? b : a);
  if (pending.kind === "close") return `pending change: ${who} proposes to close the line (${possessive(other)} committee may accept: 'lets line accept-change')`;
  return `pending change: ${who} proposes new terms (${possessive(other)} committee may accept: 'lets line accept-change'): ${termsInWords(pending.terms, a, b).join("; ")}`;
}

/** A line in a few lines of words. */
export function lineInWords(line: Line, a: Named, b: Named): string[] {
  const paused = [line.pausedA ? nameOf(a) : undefined, line.pausedB ? nameOf(b) : undefined].filter((n) => n !== undefined);
  return [
    `Line ${line.lineId}: ${nameOf(a)} (A, ${a.communityId}) and ${nameOf(b)} (B, ${b.communityId}), ${line.status}`,
    ...termsInWords(line.terms, a, b).map((t) => `  ${t}`),
    `  paused: ${paused.length === 0 ? "no" : `no payments into ${paused.join(" nor ")} (payments out continue)`}`,
    `  ${pendingInWords(line.pending, a, b)}`,
  ];
}

/** Both sides' positions, and who owes whom, in words. */
export function positionsInWords(line: Line, positions: readonly SidePosition[], gateways: readonly Gateway[], a: Named, b: Named): string[] {
  const named = (side: Side) => (side === 0 ? a : b);
  const lines = ["Position:"];
  for (const p of positions) {
    const units = unitsOf(named(p.side));
    lines.push(`  ${nameOf(named(p.side))} (${sideLetter(p.side)}): trade position ${units(p.position)}, fees held ${units(p.feesHeld)} (balance ${units(p.balance)}, ${p.shards} gateway${p.shards === 1 ? "" : "s"})`);
  }
  const [pa, pb] = [positions.find((p) => p.side === 0), positions.find((p) => p.side === 1)];
  const owes: string[] = [];
  if (pb && pb.position < 0n) owes.push(`  ${nameOf(a)} owes ${nameOf(b)} ${unitsOf(b)(-pb.position)} (of its cap ${unitsOf(b)(line.terms.capA)})`);
  if (pa && pa.position < 0n) owes.push(`  ${nameOf(b)} owes ${nameOf(a)} ${unitsOf(a)(-pa.position)} (of its cap ${unitsOf(a)(line.terms.capB)})`);
  lines.push(...(owes.length > 0 ? owes : ["  nobody owes anything across the line"]));
  const shards = [...new Set(gateways.map((g) => g.shard))].sort((x, y) => x - y);
  if (shards.length > 0) lines.push("Shards (trade position, fees held):");
  for (const shard of shards) {
    const parts = gateways.filter((g) => g.shard === shard).map((g) => `${sideLetter(g.side)} ${unitsOf(named(g.side))(g.position)} (fees ${unitsOf(named(g.side))(g.feesHeld)})`);
    lines.push(`  shard ${shard}: ${parts.join(", ")}`);
  }
  return lines;
}

const s = (n: bigint): string => n.toString();

/** Terms as JSON (decimal strings). */
export const termsJson = (t: LineTerms) => ({
  rateNum: s(t.rateNum), rateDen: s(t.rateDen), capA: s(t.capA), capB: s(t.capB), feeA: s(t.feeA), feeB: s(t.feeB), shards: s(t.shards),
});

/** A pending change as JSON. */
export const pendingJson = (p: PendingChange | null) =>
  p === null ? null : p.kind === "close" ? { proposer: sideLetter(p.proposer), kind: "close" } : { proposer: sideLetter(p.proposer), kind: "terms", terms: termsJson(p.terms) };

/** A line as JSON. */
export const lineJson = (line: Line) => ({
  lineId: line.lineId,
  boxId: line.boxId,
  communityA: line.communityA,
  communityB: line.communityB,
  status: line.status,
  pausedA: line.pausedA,
  pausedB: line.pausedB,
  terms: termsJson(line.terms),
  pending: pendingJson(line.pending),
  valueNanoErg: s(line.valueNanoErg),
});

/** A gateway as JSON. */
export const gatewayJson = (g: Gateway) => ({
  side: sideLetter(g.side), shard: g.shard, communityId: g.communityId, boxId: g.boxId,
  balance: s(g.balance), feesHeld: s(g.feesHeld), position: s(g.position),
});

/** A side's totals as JSON. */
export const positionJson = (p: SidePosition) => ({
  side: sideLetter(p.side), communityId: p.communityId, position: s(p.position), feesHeld: s(p.feesHeld), balance: s(p.balance), shards: p.shards,
});

/** One hop of a cross payment as JSON: amounts in the sending, then receiving, community's units. */
export const hopJson = (h: PlannedHop) => ({
  lineId: h.line.lineId, shard: h.sender.shard, from: sideLetter(h.from), fromCommunity: h.sender.communityId, toCommunity: h.receiver.communityId,
  sent: s(h.sent), senderFee: s(h.senderFee), converted: s(h.converted), receiverFee: s(h.receiverFee), delivered: s(h.delivered),
});

/** One hop of a cross payment in words. */
export function hopInWords(h: PlannedHop, named: (communityId: string) => Named): string {
  const from = named(h.sender.communityId);
  const to = named(h.receiver.communityId);
  const [a, b] = h.from === 0 ? [from, to] : [to, from];
  return `line ${h.line.lineId} shard ${h.sender.shard}: ${nameOf(from)} sends ${unitsOf(from)(h.sent)} (its fee ${unitsOf(from)(h.senderFee)}), ` +
    `converted at ${rateInWords(h.line.terms, metadataOf(a), metadataOf(b))} to ${unitsOf(to)(h.converted)}, ` +
    `${possessive(nameOf(to))} fee ${unitsOf(to)(h.receiverFee)}: ${unitsOf(to)(h.delivered)} arrive`;
}

/**
 * A line's typed refusal in words, naming the communities; undefined for other errors.
 * `LinePaused`, `LineNotOpen`, `LineExposureExceeded` and `NoRoute` (contracts/errors.ts).
 */
export function lineRefusal(error: unknown, named: (communityId: string) => Named): string | undefined {
  if (error instanceof LinePaused) {
    return `line ${error.lineId} is paused by ${nameOf(named(error.pausedBy))}: it takes no payments into that community until its committee resumes it ('lets line resume')`;
  }
  if (error instanceof LineNotOpen) {
    const next = error.status === "proposed" ? ": the partner's committee has not accepted it ('lets line accept')" : error.status === "closed" ? ": it takes no more payments" : "";
    return `line ${error.lineId} is ${error.status}, not open${next}`;
  }
  if (error instanceof LineExposureExceeded) {
    return `line ${error.lineId} shard ${error.shard}: the payment would take the receiving community's gateway to ${error.attempted} units, past the shard's exposure cap of ${error.capPerShard} units (the cap divided among the shards); pay less, or ask the committees to raise the cap ('lets line change')`;
  }
  if (error instanceof NoRoute) {
    return `no route from ${nameOf(named(error.from))} to ${nameOf(named(error.to))}: ${error.reason} ('lets line list --community ${error.from}' shows its lines)`;
  }
  return undefined;
}
