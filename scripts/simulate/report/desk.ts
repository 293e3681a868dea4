/**
 * The exchange desk's figures for summary.json (docs/simulate.md, "The exchange desk"), replayed
 * from the accepted desk trades of the event log: units issued and bought back, ERG in and out,
 * the reserve, what buying back every outstanding unit would pay (its cover) and the coverage.
 */
import type { SimulationResult } from "../run.ts";
import { round } from "../stats.ts";

const NANO_PER_ERG = 1_000_000_000n;

/** The desk's figures (amounts as decimal strings), or null without a desk. */
export function deskSummary(result: SimulationResult) {
  const spec = result.scenario.desk;
  if (!spec || !result.desk) return null;
  const trades = result.events.filter((e) => e.kind === "desk");
  const accepted = trades.filter((e) => e.status === "accepted" && e.desk);
  const sum = (side: "buy" | "sell", pick: (e: (typeof accepted)[number]) => bigint) => accepted.filter((e) => e.desk!.side === side).reduce((s, e) => s + pick(e), 0n);
  const issued = sum("buy", (e) => e.amountUnits!);
  const boughtBack = sum("sell", (e) => e.amountUnits!);
  const ergIn = sum("buy", (e) => e.desk!.nanoErg);
  const ergOut = sum("sell", (e) => e.desk!.nanoErg);
  const reserve = spec.reserveNanoErg + ergIn - ergOut;
  const outstanding = issued - boughtBack;
  // As the contract's cover (coverNanoErg at a fixed rate): the outstanding units at the sell price, rounded up.
  const owed = outstanding < 0n ? 0n : outstanding;
  const den = spec.unitsPerErg * 10_000n;
  const cover = (owed * NANO_PER_ERG * (10_000n - spec.sellFeeBps) + den - 1n) / den;
  return {
    deskId: result.desk.deskId,
    buys: accepted.filter((e) => e.desk!.side === "buy").length,
    sells: accepted.filter((e) => e.desk!.side === "sell").length,
    refused: trades.length - accepted.length,
    members: new Set(accepted.map((e) => e.member)).size,
    issuedUnits: issued.toString(),
    boughtBackUnits: boughtBack.toString(),
    /** The desk's balance (R5): bought back less issued; below 0 while units it issued are outstanding. */
    balanceUnits: (-outstanding).toString(),
    outstandingUnits: (outstanding < 0n ? 0n : outstanding).toString(),
    ergInNanoErg: ergIn.toString(),
    ergOutNanoErg: ergOut.toString(),
    reserveNanoErg: reserve.toString(),
    coverNanoErg: cover.toString(),
    /** Reserve / cover; null with nothing outstanding. */
    coverage: cover === 0n ? null : round(Number((reserve * 10_000n) / cover) / 10_000, 4),
  };
}
