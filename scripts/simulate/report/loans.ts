/**
 * The loan book's figures for summary.json and the command's line (docs/simulate.md, "A loan
 * book"): loans offered and funded, repaid on time, late, defaulted, what the bonds paid out, what
 * the investors got back against what they lent, and whether it reconciled with the chain.
 */
import type { SimulationResult } from "../run.ts";

const text = (n: bigint) => n.toString();

/** The loan book's summary, or null for a run without one. */
export function loanBookSummary(result: SimulationResult) {
  const book = result.loans;
  if (!book) return null;
  const funded = book.loans.filter((l) => l.funded);
  const sum = (pick: (l: (typeof funded)[number]) => bigint) => funded.reduce((s, l) => s + pick(l), 0n);
  const lent = sum((l) => (l.funded ? l.principalNanoErg : 0n));
  const back = sum((l) => l.repaidNanoErg + l.claimedNanoErg);
  const covered = (l: (typeof funded)[number]) => l.repaidNanoErg + l.claimedNanoErg >= l.owedNanoErg;
  return {
    offered: book.loans.filter((l) => l.loanId !== undefined).length,
    funded: funded.length,
    /** Every instalment repaid by the business, none after its due height. */
    repaidOnTime: funded.filter((l) => l.repaidNanoErg >= l.owedNanoErg && l.lateRepayments === 0).length,
    /** At least one instalment repaid after its due height (and none claimed from the bond). */
    late: funded.filter((l) => l.lateRepayments > 0 && l.claimedNanoErg === 0n).length,
    /** An instalment was missed past its grace: the investor claimed from the bond. */
    defaulted: funded.filter((l) => l.claimedNanoErg > 0n).length,
    /** Loans whose instalments are all repaid or claimed, and those still owing at the end. */
    covered: funded.filter(covered).length,
    owingAtEnd: funded.filter((l) => !covered(l)).length,
    bondsReleased: book.loans.filter((l) => l.released).length,
    lentNanoErg: text(lent),
    repaidNanoErg: text(sum((l) => l.repaidNanoErg)),
    bondPaidOutNanoErg: text(sum((l) => l.claimedNanoErg)),
    /** What the investors got back (repayments and claims) over what they lent, less one. */
    investorReturn: lent === 0n ? null : Number(((back - lent) * 1_000_000n) / lent) / 1_000_000,
    refusals: Object.fromEntries(book.refusals),
    reconciled: result.reconciliation.checks.filter((c) => c.name.startsWith("loan")).every((c) => c.ok),
  };
}
