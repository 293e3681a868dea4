/**
 * The desk charts' data: one x per desk box, oldest first (labelled with its block height), the reserve in ERG and the units outstanding in the
 * community's units on y, oldest first. The chart draws numbers; the exact amounts are in the
 * figures and the history download.
 */
import type { DeskHistoryPoint } from "../server/desk.ts";

/** A bigint of base units at `decimals` as a number for a chart (exact up to a double's precision). */
export const chartNumber = (value: bigint, decimals: number): number => Number(value) / 10 ** decimals;

/** The series of both charts, sorted by height: x is the box's place (0, 1, ...), `heights` its block, for the labels. */
export function deskSeries(history: readonly DeskHistoryPoint[], decimals: number): { xs: number[]; heights: number[]; reserve: number[]; outstanding: number[] } {
  const rows = [...history].sort((a, b) => a.height - b.height);
  return {
    xs: rows.map((_, i) => i),
    heights: rows.map((r) => r.height),
    reserve: rows.map((r) => chartNumber(r.reserveNanoErg, 9)),
    outstanding: rows.map((r) => chartNumber(r.outstandingUnits, decimals)),
  };
}
