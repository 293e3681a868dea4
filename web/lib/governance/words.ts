/**
 * Member governance in plain words (docs/web.md "Governance"): who decides, the rules as one
 * sentence ("a proposal passes when at least 50% of the 12 members vote and more than half of the
 * for/against votes are for"), where a proposal stands, and its change as before → after. Pure.
 */
import { describeCommittee } from "$contracts/committee.ts";
import { GOVERNANCE_EXEC_BLOCKS, MAX_AGE_BLOCKS } from "$contracts/scripts.ts";
import { addressOfKey } from "$ergo/addresses.ts";
import type { NetworkName } from "$ergo/network.ts";
import { displayAmount, displayErg } from "$lib/amount.ts";
import { shortId } from "$lib/components/explorer/ids.ts";
import { blocksAsDuration } from "$lib/components/explorer/policy-words.ts";
import { formatCount, plural } from "$lib/words.ts";
import type { ChangeView, GovernanceMode, MetadataView, PolicyView, ProposalOutcome, ProposalPhase, RulesView, UnitsView, VoteCounts } from "./types.ts";
import { POLICY_FIELDS } from "./types.ts";

const MILLION = 1_000_000n;

/** Parts per million as a percentage, exact to 4 decimals: 500000 is "50%", 333333 is "33.3333%". */
export function ppmPercent(ppm: bigint): string {
  const whole = ppm / 10_000n;
  const fraction = (ppm % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

/** `part` of `whole` as a percentage to one decimal, rounded half up (a share of votes, not a rule: rules keep every digit). */
export function sharePercent(part: bigint, whole: bigint): string {
  const tenths = (part * 2_000n + whole) / (2n * whole);
  return `${tenths / 10n}${tenths % 10n === 0n ? "" : `.${tenths % 10n}`}%`;
}

/** The mode's name and what it means. */
export function modeWords(mode: GovernanceMode, vetoBlocks = 0n): { title: string; sentence: string } {
  switch (mode) {
    case "committee":
      return { title: "Committee", sentence: "The committee's keys change the rules, the metadata and the committee, and spend the treasury." };
    case "members":
      return { title: "Members", sentence: "Members decide by vote: any member may propose a change, open accounts vote, and anyone carries out the result. The committee cannot change the rules or spend the treasury alone." };
    case "members-with-veto":
      return {
        title: "Members, with a committee veto",
        sentence: `Members decide by vote; the committee may veto a proposal that passed for ${plural(vetoBlocks, "block")} (${blocksAsDuration(vetoBlocks)}) after its vote ends, before anyone may carry it out.`,
      };
  }
}

/** The votes a proposal needs for its quorum: at least quorumPpm of the seats (rounded up). */
export const quorumVotes = (quorumPpm: bigint, seats: bigint): bigint => (quorumPpm * seats + MILLION - 1n) / MILLION;

/** "more than half" for 50%, "more than 66.6667%" otherwise. */
const majorityWords = (ppm: bigint): string => (ppm === 500_000n ? "more than half" : ppm === 0n ? "at least one" : `more than ${ppmPercent(ppm)}`);

/** The passing rule in one sentence; `seats` is the number of members a proposal opened now would count. */
export function passRule(rules: Pick<RulesView, "quorumPpm" | "majorityPpm">, seats: bigint): string {
  const quorum = rules.quorumPpm === 0n
    ? "however few members vote"
    : `when at least ${ppmPercent(rules.quorumPpm)} of the ${plural(seats, "member")} vote (${plural(quorumVotes(rules.quorumPpm, seats), "vote")})`;
  return `A proposal passes ${quorum} and ${majorityWords(rules.majorityPpm)} of the for/against votes are for; abstentions count towards the quorum only.`;
}

/** ERG rounded up to the cent, for "about" amounts: 1.758750001 ERG is "1.76 ERG". */
export const roughErg = (nanoErg: bigint): string => displayErg(((nanoErg + 9_999_999n) / 10_000_000n) * 10_000_000n);

/**
 * The rules, one sentence each. `lockedNanoErg`: what a proposal box really holds when that is more
 * than the rules' deposit (its storage-safe value, `proposalDeposit`).
 */
export function rulesSentences(rules: RulesView, seats: bigint, lockedNanoErg?: bigint): string[] {
  const locked = lockedNanoErg !== undefined && lockedNanoErg > rules.depositNanoErg
    ? ` (in practice about ${roughErg(lockedNanoErg)}, what the proposal box needs against storage rent)`
    : "";
  const window = rules.minWindowBlocks === rules.maxWindowBlocks
    ? `Voting lasts ${plural(rules.minWindowBlocks, "block")} (${blocksAsDuration(rules.minWindowBlocks)}).`
    : `Voting lasts from ${plural(rules.minWindowBlocks, "block")} (${blocksAsDuration(rules.minWindowBlocks)}) to ${plural(rules.maxWindowBlocks, "block")} (${blocksAsDuration(rules.maxWindowBlocks)}), as the proposer chooses.`;
  return [
    passRule(rules, seats),
    window,
    `A proposer locks a deposit of ${displayErg(rules.depositNanoErg)}${locked}: it comes back after the vote unless the vote misses its quorum, when it goes to the treasury.`,
    rules.vetoBlocks === 0n
      ? "Members decide alone: the committee has no veto."
      : `The committee may veto a proposal that passed for ${plural(rules.vetoBlocks, "block")} (${blocksAsDuration(rules.vetoBlocks)}) after its vote ends.`,
    `Only accounts that joined more than ${formatCount(MAX_AGE_BLOCKS)} blocks before a proposal opened vote on it; one account, one vote.`,
  ];
}

/** The counts against the quorum: votes cast, needed, and whether it is reached. */
export function quorumProgress(counts: VoteCounts, seats: bigint, quorumPpm: bigint): { cast: bigint; needed: bigint; reached: boolean; percent: number } {
  const cast = counts.for + counts.against + counts.abstain;
  const needed = quorumVotes(quorumPpm, seats);
  const percent = needed === 0n ? 100 : Math.min(100, Number((cast * 100n) / needed));
  return { cast, needed, reached: cast * MILLION >= quorumPpm * seats, percent };
}

/** "12 for, 3 against, 1 abstain". */
export const countsWords = (c: VoteCounts): string => `${formatCount(c.for)} for, ${formatCount(c.against)} against, ${formatCount(c.abstain)} abstain`;

/** Where a live proposal stands at `height` (the tip), in words. */
export function phaseWords(phase: ProposalPhase, p: { endHeight: bigint; vetoBlocks: bigint }, height: number): string {
  const h = BigInt(height);
  const vetoEnd = p.endHeight + p.vetoBlocks;
  const deadline = vetoEnd + BigInt(GOVERNANCE_EXEC_BLOCKS);
  const left = (until: bigint) => `${plural(until - h, "block")} left, ${blocksAsDuration(until - h)}`;
  switch (phase) {
    case "voting": return `Voting until block ${p.endHeight} (${left(p.endHeight)}).`;
    case "tallying": return `The vote is over; its votes are being counted. Anyone may tally (until block ${deadline}).`;
    case "vetoable": return `Passed. The committee may veto it until block ${vetoEnd} (${left(vetoEnd)}); then anyone may carry it out.`;
    case "executable": return `Passed. Anyone may carry it out until block ${deadline} (${left(deadline)}).`;
    case "rejected": return "Rejected: the vote reached its quorum but not the majority. Anyone may close it; the deposit goes back to the proposer.";
    case "no-quorum": return "Failed: too few members voted. Anyone may close it; the deposit goes to the treasury.";
    case "expired": return `Expired: nobody carried it out by block ${deadline}. Anyone may close it; the deposit goes to the treasury.`;
  }
}

/** A short label of a phase, for tables. */
export const PHASE_LABELS: Record<ProposalPhase, string> = {
  voting: "voting", tallying: "counting", vetoable: "passed, veto window", executable: "passed", rejected: "rejected", "no-quorum": "no quorum", expired: "expired",
};

/** How a closed proposal ended. */
export const OUTCOME_WORDS: Record<ProposalOutcome, string> = {
  executed: "carried out: the change was made",
  refunded: "rejected: the deposit went back to the proposer",
  vetoed: "vetoed by the committee: the deposit went back to the proposer",
  forfeited: "closed without quorum or past its deadline: the deposit went to the treasury",
  lost: "never closed: storage rent took its box after years, and its deposit",
};

const POLICY_LABELS: Record<(typeof POLICY_FIELDS)[number], string> = {
  creditLimit: "Credit limit", positiveCap: "Balance cap", joinFeeNanoErg: "Join fee", collateralNanoErg: "Collateral",
  maxMembers: "Most members", inactivityBlocks: "Inactivity window",
};

function policyValue(field: (typeof POLICY_FIELDS)[number], v: bigint, units: UnitsView): string {
  switch (field) {
    case "creditLimit": return displayAmount(v, units.decimals, { symbol: units.symbol });
    case "positiveCap": return v === 0n ? "none" : displayAmount(v, units.decimals, { symbol: units.symbol });
    case "joinFeeNanoErg":
    case "collateralNanoErg": return displayErg(v);
    case "maxMembers": return formatCount(v);
    case "inactivityBlocks": return v === 0n ? "none" : `${plural(v, "block")} (${blocksAsDuration(v)})`;
  }
}

/** One line of a change: what, before, after (before null when unknown). */
export interface ChangeLine {
  label: string;
  before: string | null;
  after: string;
}

/** A committee's keys as addresses: "9fAb…" for one key, "2 of 3: …" for several. */
export function committeeWords(sigmaProp: string, network: NetworkName): string {
  const c = describeCommittee(sigmaProp);
  if (!c) return `a script ${shortId(sigmaProp, 12, 8)}`;
  const keys = c.publicKeys.map((k) => addressOfKey(k, network));
  return keys.length === 1 ? keys[0]! : `${c.threshold} of ${keys.length}: ${keys.join(", ")}`;
}

const metaText = (v: unknown): string => (typeof v === "string" ? v : v === undefined ? "(none)" : JSON.stringify(v));

function policyLines(before: PolicyView | null, after: PolicyView, units: UnitsView): ChangeLine[] {
  return POLICY_FIELDS.filter((f) => before === null || before[f] !== after[f])
    .map((f) => ({ label: POLICY_LABELS[f], before: before ? policyValue(f, before[f], units) : null, after: policyValue(f, after[f], units) }));
}

function metadataLines(before: MetadataView | null, after: MetadataView): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  const label = (k: string) => ({ name: "Name", symbol: "Symbol", description: "Description", decimals: "Decimals" })[k] ?? `Metadata "${k}"`;
  return keys.filter((k) => before === null || metaText(before[k]) !== metaText(after[k]))
    .map((k) => ({ label: label(k), before: before ? metaText(before[k]) : null, after: metaText(after[k]) }));
}

/** The change's lines, before → after; only what changes (everything when the before is unknown). */
export function changeLines(change: ChangeView, units: UnitsView, network: NetworkName): ChangeLine[] {
  switch (change.kind) {
    case "policy": return policyLines(change.before, change.after, units);
    case "metadata": return metadataLines(change.before, change.after);
    case "committee": return [{ label: "Committee", before: change.before === null ? null : committeeWords(change.before, network), after: committeeWords(change.after, network) }];
    case "treasury": {
      const lines: ChangeLine[] = [{ label: "Payment", before: null, after: `the treasury pays ${displayErg(change.amountNanoErg)} to ${change.recipient}` }];
      if (change.treasuryBeforeNanoErg !== null) {
        lines.push({ label: "Treasury", before: displayErg(change.treasuryBeforeNanoErg), after: displayErg(change.treasuryBeforeNanoErg - change.amountNanoErg) });
      }
      return lines;
    }
  }
}

/** A line as one text: "Join fee: 0.01 ERG → 0 ERG", "Payment: the treasury pays 5 ERG to 9f…". */
export const lineText = (l: ChangeLine): string => `${l.label}: ${l.before === null ? "" : `${l.before} → `}${l.after}`;

/** A proposal's title from its change. */
export function changeTitle(change: ChangeView): string {
  switch (change.kind) {
    case "policy": {
      const before = change.before;
      const fields = before ? POLICY_FIELDS.filter((f) => before[f] !== change.after[f]).map((f) => POLICY_LABELS[f].toLowerCase()) : [];
      return fields.length > 0 ? `Change the ${fields.join(", ")}` : "Change the rules";
    }
    case "metadata": return "Change the name or description";
    case "committee": return "Replace the committee";
    case "treasury": return `Pay ${displayErg(change.amountNanoErg)} from the treasury`;
  }
}

/** "1,234 blocks (about 2 days)". */
export const blocksWords = (blocks: bigint): string => `${plural(blocks, "block")} (${blocksAsDuration(blocks)})`;

/** The policy as the words need it, from any object holding its fields as bigint. */
export const policyView = (p: PolicyView): PolicyView => Object.fromEntries(POLICY_FIELDS.map((f) => [f, p[f]])) as unknown as PolicyView;

/** The mode of a community from its governance rules (null: the committee decides). */
export const modeOf = (rules: Pick<RulesView, "vetoBlocks"> | null): GovernanceMode =>
  rules === null ? "committee" : rules.vetoBlocks > 0n ? "members-with-veto" : "members";

/** Whole ERG as text a field takes back: 0.01 ERG → "0.01". */
export const ergText = (nanoErg: bigint): string => displayErg(nanoErg).replace(/ ERG$/, "").replaceAll(",", "");
