/**
 * Underwriting's figures for summary.json (docs/simulate.md, "Underwritten newcomers"), replayed
 * from the event log: stakes offered, accepted and settled, and for each group of members (the
 * underwritten newcomers, and everyone else) how many defaulted and who carried the loss: the units
 * written off to the community balance, and the ERG the underwriters' stakes paid the committee.
 */
import type { SimulationResult } from "../run.ts";
import { openStakes } from "../reconcile-underwriting.ts";

/** One group's defaults and who carried them (amounts as decimal strings). */
export interface GroupLosses {
  members: number;
  defaults: number;
  /** Units of the defaulters' debt booked to the community balance. */
  unitsWrittenOff: string;
  /** ERG (nanoERG) the underwriters' stakes paid the committee at those defaults. */
  nanoErgPaidByUnderwriters: string;
  /** ERG (nanoERG) the stakes of those defaulters returned to their underwriters. */
  nanoErgReturnedToUnderwriters: string;
}

/** The underwriting figures, or null without underwriting. */
export function underwritingSummary(result: SimulationResult) {
  if (!result.scenario.underwriting || !result.underwriting) return null;
  const steps = result.events.filter((e) => e.kind === "underwrite");
  const accepted = steps.filter((e) => e.status === "accepted" && e.underwriting);
  const of = (step: string) => accepted.filter((e) => e.underwriting!.step === step);
  const underwritten = new Set(of("accept").map((e) => e.member));
  const joined = result.events.filter((e) => e.kind === "join" && e.status === "accepted").map((e) => e.member);
  const defaults = result.events.filter((e) => e.kind === "default" && e.status === "accepted");
  const settled = new Map(of("settle").map((e) => [e.member, e.underwriting!]));
  const group = (inGroup: (member: number) => boolean): GroupLosses => {
    const mine = defaults.filter((e) => inGroup(e.member));
    return {
      members: joined.filter(inGroup).length,
      defaults: mine.length,
      unitsWrittenOff: mine.reduce((s, e) => s + e.amountUnits!, 0n).toString(),
      nanoErgPaidByUnderwriters: mine.reduce((s, e) => s + (settled.get(e.member)?.lostNanoErg ?? 0n), 0n).toString(),
      nanoErgReturnedToUnderwriters: mine.reduce((s, e) => s + (settled.get(e.member)?.returnedNanoErg ?? 0n), 0n).toString(),
    };
  };
  const open = [...openStakes(result.events).values()];
  const checks = result.reconciliation.checks.filter((c) => c.name.startsWith("underwriting"));
  return {
    underwriters: result.underwriting.underwriters,
    offered: of("offer").length,
    accepted: of("accept").length,
    refused: steps.length - accepted.length,
    settled: of("settle").length,
    stakedNanoErg: of("accept").reduce((s, e) => s + e.underwriting!.stakeNanoErg, 0n).toString(),
    raisedUnits: of("accept").reduce((s, e) => s + e.underwriting!.raise, 0n).toString(),
    openAtEnd: open.length,
    stakedAtEndNanoErg: open.reduce((s, u) => s + u.stakeNanoErg, 0n).toString(),
    /** Defaults and their losses: of the underwritten newcomers, and of every other member. */
    underwrittenMembers: group((m) => underwritten.has(m)),
    otherMembers: group((m) => !underwritten.has(m)),
    reconciled: checks.length > 0 && checks.every((c) => c.ok),
  };
}
