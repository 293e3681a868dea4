/**
 * Loan shapes (docs/loans.md): the loan fixture's default terms (tranches of 3, 2 and 1 ERG, the
 * last a milestone; three instalments; a bond of 4 ERG). The bank offers (`loan-offer`: no script
 * runs, a token is minted), the investor funds (`loan-fund`), the business draws the first tranche
 * by height (`loan-draw`) and the third with the bank's signature (`loan-draw-milestone`), the
 * business repays an instalment (`loan-repay`), the investor claims a missed one from the bond once
 * its grace window is over (`loan-claim`), the rest is repaid and the bank releases the bond
 * (`loan-release`); a second offer is cancelled unfunded (`loan-cancel`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { cancelLoan, offerLoan, releaseBond } from "../builders/loan-offer.ts";
import { claimBond, drawTranche, fundLoan, repayInstalment } from "../builders/loan-flow.ts";
import { outstanding } from "../loan/loan.ts";
import { defaultOffer, LoanFixture } from "../testing/loan-fixture.ts";
import type { Member } from "../testing/world.ts";
import { secretOf, type Shape } from "./shape.ts";

/** Shape names, in the order the rows are printed. */
export const LOAN_SHAPES = ["loan-offer", "loan-fund", "loan-draw", "loan-draw-milestone", "loan-repay", "loan-claim", "loan-release", "loan-cancel"];

/** Builds the loan shapes. */
export function buildLoanShapes(): Shape[] {
  const shapes: Shape[] = [];
  const f = new LoanFixture({ offer: () => false });
  const w = f.world;
  const record = (name: string, tx: EIP12UnsignedTransaction, signers: Member[]): void => {
    shapes.push({ name, tx, secrets: signers.map(secretOf), height: w.height + 1 });
    w.submit(tx, signers);
  };
  const live = () => ({ loan: f.loanBox(), bond: f.bondBox() });
  const offer = offerLoan(defaultOffer(w.height, f.business.owner), f.ctx(f.bank));
  f.loanId = offer.inputs[0]!.boxId;
  record("loan-offer", offer, [f.bank]);
  record("loan-fund", fundLoan({ loan: f.loanBox() }, f.ctx(f.investor)), [f.investor]);
  record("loan-draw", drawTranche({ loan: f.loanBox() }, f.ctx(f.business)), [f.business]);
  w.mine(50);
  f.draw();
  record("loan-draw-milestone", drawTranche({ loan: f.loanBox(), milestone: true }, f.ctx(f.business)), [f.business, f.bank]);
  const [first, second] = f.loan().instalments;
  record("loan-repay", repayInstalment({ loan: f.loanBox(), amountNanoErg: first!.amountNanoErg }, f.ctx(f.business)), [f.business]);
  w.mine(Number(second!.dueHeight + f.loan().graceBlocks) - w.height);
  record("loan-claim", claimBond({ ...live(), amountNanoErg: second!.amountNanoErg }, f.ctx(f.investor)), [f.investor]);
  f.repay(outstanding(f.loan()));
  record("loan-release", releaseBond(live(), f.ctx(f.bank)), [f.bank]);
  const again = offerLoan(defaultOffer(w.height, f.business.owner), f.ctx(f.bank));
  f.loanId = again.inputs[0]!.boxId;
  w.submit(again, [f.bank]);
  record("loan-cancel", cancelLoan(live(), f.ctx(f.bank)), [f.bank]);
  return shapes;
}
