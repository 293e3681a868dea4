/**
 * The `loans` part of a scenario (docs/simulate.md, "A loan book"): beside the community's trading,
 * banks offer ERG loans to businesses with a bond (docs/loans.md), investors fund them, businesses
 * draw the tranches and repay the instalments, or repay late, or stop repaying (default); the
 * investor claims what a missed instalment's grace leaves unpaid from the bond, and the bank gets
 * the bond back once the loan is covered. Loans are ERG between keys: any community may run beside it.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";

/** The loan book, validated. */
export interface LoanBookSpec {
  /** Loans the banks offer, one a block from block 0. */
  count: number;
  /** Banks, investors and businesses: each loan has its own business; banks and investors take turns. */
  banks: number;
  investors: number;
  /** The principal of each loan, nanoERG, in two tranches (the second `trancheBlocks` after the first). */
  principalNanoErg: bigint;
  trancheBlocks: number;
  /** Instalments per loan, `everyBlocks` apart, the first `everyBlocks` after the second tranche unlocks. */
  instalments: number;
  everyBlocks: number;
  graceBlocks: number;
  /** Flat interest a year, basis points. */
  rateBps: number;
  /** The bond, as a share of what the loan owes in all. */
  bondShare: number;
  /** Share of businesses that repay each instalment after its due height (within its grace). */
  lateShare: number;
  /** Share of businesses that stop repaying after their first instalment (a default). */
  missShare: number;
}

const LOANS = ["count", "banks", "investors", "principalErg", "trancheBlocks", "instalments", "everyBlocks", "graceBlocks", "rateBps", "bondShare", "lateShare", "missShare"];

/** The `loans` section, or undefined when absent (or its count is 0). */
export function readLoanBook(top: Fields): LoanBookSpec | undefined {
  if (top.raw.loans === undefined || top.raw.loans === null) return undefined;
  const l = top.object("loans", LOANS);
  const count = l.integer("count", undefined, 0, 200);
  if (count === 0) return undefined;
  const principalErg = l.number("principalErg", 10, 0.01, 1_000_000);
  const spec: LoanBookSpec = {
    count,
    banks: l.integer("banks", 2, 1, 50),
    investors: l.integer("investors", 3, 1, 50),
    principalNanoErg: BigInt(Math.round(principalErg * 1e9)),
    trancheBlocks: l.integer("trancheBlocks", 4, 1, 100_000),
    instalments: l.integer("instalments", 3, 1, 24),
    everyBlocks: l.integer("everyBlocks", 6, 1, 100_000),
    graceBlocks: l.integer("graceBlocks", 2, 0, 100_000),
    rateBps: l.integer("rateBps", 800, 0, 100_000),
    bondShare: l.number("bondShare", 0.5, 0.01, 2),
    lateShare: l.number("lateShare", 0.2, 0, 1),
    missShare: l.number("missShare", 0.2, 0, 1),
  };
  if (spec.lateShare + spec.missShare > 1) l.fail("missShare", "lateShare + missShare must be at most 1");
  if (spec.graceBlocks < 1 && spec.lateShare > 0) l.fail("graceBlocks", "late repayments need a grace of at least 1 block");
  return spec;
}

/** The blocks from a loan's offer to the end of its last instalment's grace: the run must be longer. */
export const loanLifeBlocks = (l: LoanBookSpec): number => 3 + l.trancheBlocks + l.instalments * l.everyBlocks + l.graceBlocks + 3;

/** Rules between the loan book and the rest of the scenario. */
export function checkLoanBookConsistency(
  source: string,
  s: { loans?: LoanBookSpec; days: number; blocksPerDay: number; network?: unknown; orders?: unknown; desk?: unknown; postFactum?: unknown; underwriting?: unknown; policy: { economics?: unknown }; behaviour: { topUpBelowPayments: number } },
): void {
  if (!s.loans) return;
  const fail = (problem: string): never => {
    throw new ScenarioError(source, "loans", problem);
  };
  if (s.network) fail("the loan book is simulated beside one community, not a network");
  if (s.orders || s.desk || s.postFactum || s.underwriting || s.policy.economics || s.behaviour.topUpBelowPayments > 0) {
    fail("the loan book runs beside a plain community: leave out orders, desk, postFactum, underwriting, policy.economics and top-ups");
  }
  const needed = s.loans.count + loanLifeBlocks(s.loans);
  if (s.days * s.blocksPerDay < needed) fail(`the run has ${s.days * s.blocksPerDay} blocks; ${s.loans.count} loans of this schedule need ${needed} (more days, fewer loans or a shorter schedule)`);
}

/** The `loans` section as summary.json shows it. */
export const loanBookJson = (l: LoanBookSpec) => ({ ...l, principalNanoErg: l.principalNanoErg.toString() });
