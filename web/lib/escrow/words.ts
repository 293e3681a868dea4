/**
 * A post-factum payment in plain words (docs/escrow.md): what committing does, where an open order
 * stands at a height (its deadline as a block and a rough date, who may settle it and how), how a
 * settled one ended, and each refusal of a release before anything is signed. Pure.
 */
import { displayAmount } from "../amount.ts";
import { formatTime } from "../dates.ts";
import { blocksAsDuration } from "../components/explorer/policy-words.ts";
import { formatCount } from "../words.ts";
import { settlementOf } from "$contracts/builders/escrow-order.ts";
import { GRACE_BLOCKS, orderPhase, type OpenOrder, type OrderTerms } from "$contracts/escrow/escrow.ts";
import { InvalidIntent, OrderExceedsCommitment } from "$contracts/errors.ts";
import { heightTimeMs } from "./terms.ts";

/** How the community shows its units. */
export interface Units {
  symbol: string;
  decimals: number;
}

/** Where a block height is: "block 1,234, about 2026-12-12 14:00 UTC". */
export function blockWords(target: bigint, height: number, nowMs: number): string {
  return `block ${formatCount(target)}, about ${formatTime(heightTimeMs(target, height, nowMs))}`;
}

/** What committing does, before the member signs (the brief's sentence, with the community's units). */
export function commitSentence(t: { maxUnits: bigint; minimumUnits: bigint; deadline: bigint }, payeeLabel: string, units: Units, height: number, nowMs: number): string {
  const full = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  const bare = (v: bigint) => displayAmount(v, units.decimals);
  const when = `${formatTime(heightTimeMs(t.deadline, height, nowMs))} (block ${formatCount(t.deadline)})`;
  const first = `You commit ${full(t.maxUnits)} now.`;
  if (t.minimumUnits === 0n) {
    return `${first} After delivery you release what you decide, up to ${bare(t.maxUnits)}. If you do nothing by ${when}, it all comes back to you.`;
  }
  // A claim moves the minimum alone; the rest stays in the escrow for anyone (you, too) to return to you.
  const rest = t.minimumUnits === t.maxUnits ? "" : " and the rest comes back to you (anyone may return it)";
  return `${first} After delivery you release what you decide, at least ${bare(t.minimumUnits)}. If you do nothing by ${when}, ${payeeLabel} may claim ${bare(t.minimumUnits)}${rest}.`;
}

/** Where an open order stands at `height`, for its row: the countdown or who may settle now. */
export function deadlineWords(order: OrderTerms, height: number): string {
  const phase = orderPhase(order, BigInt(height) + 1n);
  const left = order.deadline - BigInt(height);
  if (phase === "open") return `deadline block ${formatCount(order.deadline)}, in ${blocksAsDuration(left)} (${formatCount(left)} blocks)`;
  if (phase === "claimable") return `deadline block ${formatCount(order.deadline)} passed: the minimum may be claimed`;
  return `deadline block ${formatCount(order.deadline)} passed long ago (more than ${formatCount(GRACE_BLOCKS)} blocks): the payer may release any amount`;
}

/** How a settled order ended, in words; from one side's view ("you") when `role` is given. */
export function outcomeWords(
  o: { outcome: "released" | "refunded" | "claimed" | null; releasedUnits: bigint | null; returnedUnits: bigint | null },
  units: Units,
  role?: "payer" | "payee",
): string {
  const show = (v: bigint | null) => displayAmount(v ?? 0n, units.decimals, { symbol: units.symbol });
  const [payee, payer] = role === "payee" ? ["you", "the payer"] : role === "payer" ? ["the payee", "you"] : ["the payee", "the payer"];
  if (o.outcome === "refunded") return `refunded by ${role === "payee" ? "you" : "the payee"}: ${show(o.returnedUnits)} back to ${payer}`;
  if (o.outcome === "claimed") return `claimed after the deadline: ${show(o.releasedUnits)} to ${payee}, ${show(o.returnedUnits)} back to ${payer}`;
  if (o.outcome === "released") return `released ${show(o.releasedUnits)} to ${payee}, ${show(o.returnedUnits)} back to ${payer}`;
  return "open";
}

/**
 * Why a payer's release of `released` units would be refused at `height`, in words, or undefined
 * when the contract takes it (judged as the builder judges it: at the next block).
 */
export function releaseRefusal(order: OpenOrder, released: bigint, height: number, units: Units): string | undefined {
  const show = (v: bigint) => displayAmount(v, units.decimals, { symbol: units.symbol });
  try {
    settlementOf({ by: "payer", releasedUnits: released }, order, "", height);
    return undefined;
  } catch (error) {
    if (error instanceof OrderExceedsCommitment) return `Refused before signing: you committed ${show(order.max)}, so you can release at most ${show(order.max)}, not ${show(released)}.`;
    if (error instanceof InvalidIntent) {
      return `Refused before signing: you agreed to release at least ${show(order.minimum)}, not ${show(released)} (until block ${formatCount(order.deadline + GRACE_BLOCKS)}, the end of the payee's claim window).`;
    }
    throw error;
  }
}

/** The actions each side has on an open order at `height` (the contract's rules, judged at the next block). */
export function orderActions(order: OrderTerms, role: "payer" | "payee", height: number): { release: boolean; refund: boolean; claim: boolean } {
  const phase = orderPhase(order, BigInt(height) + 1n);
  return { release: role === "payer", refund: role === "payee", claim: role === "payee" && phase !== "open" };
}
