/**
 * Post-factum payments' figures for summary.json (docs/simulate.md, "Post-factum payments"),
 * replayed from the accepted post-factum steps of the event log: orders committed, released,
 * refunded and claimed, units committed, released and returned, orders and units open at the end,
 * and how they were reconciled (the open orders with the escrow boxes on chain; every order with
 * the indexer's escrow orders where it serves them).
 */
import { ordersOfEvents } from "../reconcile-postfactum.ts";
import type { SimulationResult } from "../run.ts";

/** The post-factum figures (amounts as decimal strings), or null without post-factum payments. */
export function postFactumSummary(result: SimulationResult) {
  if (!result.scenario.postFactum || !result.postFactum) return null;
  const steps = result.events.filter((e) => e.kind === "postfactum");
  const accepted = steps.filter((e) => e.status === "accepted" && e.postFactum);
  const of = (step: string) => accepted.filter((e) => e.postFactum!.step === step);
  const sum = (events: typeof accepted, pick: (d: NonNullable<(typeof accepted)[number]["postFactum"]>) => bigint | undefined) => events.reduce((s, e) => s + (pick(e.postFactum!) ?? 0n), 0n);
  const commits = of("commit");
  const settlements = accepted.filter((e) => ["release", "refund", "claim"].includes(e.postFactum!.step));
  const orders = [...ordersOfEvents(result.events).values()];
  const open = orders.filter((o) => o.status === "open");
  const checks = result.reconciliation.checks.filter((c) => c.name.startsWith("post-factum"));
  return {
    escrowsOpened: of("open").length,
    committed: commits.length,
    released: of("release").length,
    refunded: of("refund").length,
    claimed: of("claim").length,
    refused: steps.length - accepted.length,
    unitsCommitted: sum(commits, (d) => d.max).toString(),
    unitsReleased: sum(settlements, (d) => d.released).toString(),
    unitsReturned: sum(settlements, (d) => d.returned).toString(),
    openAtEnd: open.length,
    unitsOpenAtEnd: open.reduce((s, o) => s + o.max, 0n).toString(),
    /** The checks of the orders: with the chain always, with the indexer only where it serves `/escrow-orders`. */
    reconciledWith: result.postFactum.indexerChecked ? ["chain", "indexer"] : ["chain"],
    reconciled: checks.every((c) => c.ok),
  };
}
