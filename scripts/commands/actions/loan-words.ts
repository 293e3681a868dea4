/** Loans in words and in JSON for `lets loan`, and the loan builders' refusals in ERG. */
import { ClaimExceedsMissed, LoanNotRepaid, RepaymentExceedsOutstanding, TrancheLocked } from "../../../contracts/errors.ts";
import { claimableAt, claimWindowEnd, missedAt, outstanding, principalOf, releasableAt, totalOwed, type Bond, type Loan } from "../../../contracts/loan/loan.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddressOrHex } from "./describe.ts";
import { heightInWords } from "./escrow-state.ts";

/** Where a loan stands at `height` (the next block's): offered, drawing, repaying, late, repaid. */
export function loanPhase(loan: Loan, height: bigint): "offered" | "repaid" | "late" | "missed" | "repaying" {
  if (!loan.investor) return "offered";
  if (outstanding(loan) === 0n) return "repaid";
  if (claimableAt(loan, height) > 0n) return "late";
  if (missedAt(loan, height) > 0n) return "missed";
  return "repaying";
}

const phaseWords = {
  offered: "offered, waiting for an investor to fund it",
  repaying: "funded, repaid on schedule so far",
  missed: "an instalment is due and unpaid (still in its grace)",
  late: "late: an instalment's grace is over, the investor may claim from the bond",
  repaid: "repaid in full (or covered by the bond)",
};

/** One loan in words, as of the tip. */
export function loanInWords(loan: Loan, bond: Bond | undefined, tipHeight: number, network: NetworkName): string[] {
  const at = BigInt(tipHeight) + 1n;
  const who = (owner: string) => ownerAddressOrHex(owner, network);
  const lines = [
    `loan ${loan.loanId}: ${phaseWords[loanPhase(loan, at)]}`,
    `  bank ${who(loan.bank)}, business ${who(loan.business)}, investor ${loan.investor ? who(loan.investor) : "none yet"}`,
    `  principal ${formatErg(principalOf(loan))} in ${loan.tranches.length} tranche${loan.tranches.length === 1 ? "" : "s"}, ${loan.drawn} drawn: ` +
      loan.tranches.map((t, k) => `${formatErg(t.amountNanoErg)} from block ${heightInWords(t.unlockHeight)}${k < loan.drawn ? " (drawn)" : ""}`).join("; "),
    `  owes ${formatErg(totalOwed(loan))} in ${loan.instalments.length} instalment${loan.instalments.length === 1 ? "" : "s"} (grace ${loan.graceBlocks} blocks): ` +
      loan.instalments.map((i) => `${formatErg(i.amountNanoErg)} by block ${heightInWords(i.dueHeight)}`).join("; "),
    `  repaid ${formatErg(loan.repaidNanoErg)}, claimed from the bond ${formatErg(loan.claimedNanoErg)}, outstanding ${formatErg(outstanding(loan))}` +
      (loan.investor ? `, claimable now ${formatErg(claimableAt(loan, at))}` : ""),
    `  bond ${bond ? formatErg(bond.valueNanoErg) : "missing"}; ${loan.investor ? (releasableAt(loan, at) ? "the bank may release it now" : `the bank may release it once repaid, or from block ${heightInWords(claimWindowEnd(loan))}`) : "the bank may cancel the offer"}`,
  ];
  return lines;
}

/** A loan in JSON: amounts as decimal strings of nanoERG. */
export const loanJson = (loan: Loan, bond: Bond | undefined, tipHeight: number) => ({
  loanId: loan.loanId,
  boxId: loan.boxId,
  phase: loanPhase(loan, BigInt(tipHeight) + 1n),
  bank: loan.bank,
  business: loan.business,
  investor: loan.investor,
  tranches: loan.tranches.map((t) => ({ amountNanoErg: t.amountNanoErg.toString(), unlockHeight: t.unlockHeight.toString() })),
  instalments: loan.instalments.map((i) => ({ amountNanoErg: i.amountNanoErg.toString(), dueHeight: i.dueHeight.toString() })),
  graceBlocks: loan.graceBlocks.toString(),
  drawn: loan.drawn,
  principalNanoErg: principalOf(loan).toString(),
  owedNanoErg: totalOwed(loan).toString(),
  repaidNanoErg: loan.repaidNanoErg.toString(),
  claimedNanoErg: loan.claimedNanoErg.toString(),
  outstandingNanoErg: outstanding(loan).toString(),
  claimableNanoErg: claimableAt(loan, BigInt(tipHeight) + 1n).toString(),
  valueNanoErg: loan.valueNanoErg.toString(),
  bondNanoErg: bond ? bond.valueNanoErg.toString() : null,
});

/** The loan builders' refusals as one line in ERG (other errors unchanged). */
export function loanRefusal(error: unknown): unknown {
  const refuse = (text: string) => new CliError(`refused before signing: ${text}`, ExitCode.failure, { cause: error });
  if (error instanceof RepaymentExceedsOutstanding) return refuse(`the loan owes ${formatErg(error.outstandingNanoErg)}; ${formatErg(error.attemptedNanoErg)} is more than that`);
  if (error instanceof ClaimExceedsMissed) {
    return refuse(error.claimableNanoErg === 0n ? "nothing can be claimed from the bond now: no instalment is missed past its grace (or the bond is spent)" : `at most ${formatErg(error.claimableNanoErg)} can be claimed from the bond now, not ${formatErg(error.attemptedNanoErg)}`);
  }
  if (error instanceof TrancheLocked) return refuse(`tranche ${error.index} unlocks at block ${heightInWords(error.unlockHeight)} (the next block is ${heightInWords(error.height)}); earlier it needs the bank's signature (--milestone)`);
  if (error instanceof LoanNotRepaid) {
    return refuse(`the loan owes ${formatErg(error.owedNanoErg)} and ${formatErg(error.coveredNanoErg)} is repaid or claimed: the bond is released once it is all covered, or from block ${heightInWords(error.releasableFromHeight)}`);
  }
  return error;
}
