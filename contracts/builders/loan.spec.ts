/**
 * ERG loans end to end (docs/loans.md): every builder's transaction through both interpreters,
 * and the typed errors each refuses bad input with before anything is signed.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_FEE } from "./common.ts";
import { BondMismatch, ClaimExceedsMissed, InvalidLoanTerms, LoanNotRepaid, LoanPhaseRefused, RepaymentExceedsOutstanding, TrancheLocked } from "../errors.ts";
import { claimableAt, missedAt, totalOwed } from "../loan/loan.ts";
import { LOAN_CLAIM_WINDOW_BLOCKS } from "../scripts.ts";
import { defaultOffer, ERG, LoanFixture } from "../testing/loan-fixture.ts";
import { claimBond, drawTranche, fundLoan, repayInstalment } from "./loan-flow.ts";
import { cancelLoan, offerLoan, releaseBond } from "./loan-offer.ts";
import { bondFloorNanoErg } from "./loan-common.ts";

/** A funded loan whose first tranche is drawn. */
function drawnOnce() {
  const f = new LoanFixture();
  f.fund();
  f.draw();
  return f;
}

/** Mines until the next block's HEIGHT is `height`. */
const nextBlockAt = (f: LoanFixture, height: bigint) => f.world.mine(Number(height) - 1 - f.world.height);

/** ERG that outputs tagged with the loan's id carry to the investor's key. */
const taggedToInvestor = (f: LoanFixture) =>
  [...f.world.utxos.values()].filter((b) => b.ergoTree === f.investor.ergoTree && b.additionalRegisters.R4 !== undefined).reduce((s, b) => s + BigInt(b.value), 0n);

describe("offer and cancel", () => {
  it("mints one loan token into an unfunded loan and posts the bond beside it", () => {
    const f = new LoanFixture();
    const loan = f.loan();
    expect(loan.investor).toBeNull();
    expect(loan.drawn).toBe(0);
    expect(f.loanBox().assets).toEqual([{ tokenId: f.loanId, amount: "1" }]);
    expect(f.bond().valueNanoErg).toBe(4n * ERG + bondFloorNanoErg(f.loanId, f.world.height - 1));
  });

  it("gives the bank back everything but two fees when it cancels an unfunded loan, burning the token", () => {
    const f = new LoanFixture({ offer: () => false });
    const before = f.balanceOf(f.bank);
    f.offer(defaultOffer(f.world.height, f.business.owner));
    f.cancel();
    expect(f.hasLoan()).toBe(false);
    expect(f.balanceOf(f.bank)).toBe(before - 2n * DEFAULT_FEE);
  });

  it("refuses to cancel a funded loan", () => {
    const f = new LoanFixture();
    f.fund();
    expect(() => cancelLoan({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.bank))).toThrow(LoanPhaseRefused);
  });
});

describe("fund, draw, repay, release", () => {
  it("runs a loan repaid on time: tranches to the business, instalments to the investor, the bond back to the bank", () => {
    const f = new LoanFixture();
    const investorBefore = f.balanceOf(f.investor);
    const businessBefore = f.balanceOf(f.business);
    f.fund();
    expect(f.loan().investor).toBe(f.investor.owner);
    expect(f.balanceOf(f.investor)).toBe(investorBefore - 6n * ERG - DEFAULT_FEE);
    f.draw();
    expect(() => drawTranche({ loan: f.loanBox() }, f.ctx(f.business))).toThrow(TrancheLocked);
    f.world.mine(50);
    f.draw();
    // the third tranche is a milestone: the bank signs with the business
    expect(() => drawTranche({ loan: f.loanBox() }, f.ctx(f.business))).toThrow(TrancheLocked);
    f.draw(true);
    expect(f.balanceOf(f.business)).toBe(businessBefore + 6n * ERG - 3n * DEFAULT_FEE);
    const [a, b, c] = f.loan().instalments.map((i) => i.amountNanoErg) as [bigint, bigint, bigint];
    f.repay(a);
    f.repay(b, f.stranger);
    expect(() => releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.bank))).toThrow(LoanNotRepaid);
    f.repay(c);
    expect(taggedToInvestor(f)).toBe(a + b + c);
    const bankBefore = f.balanceOf(f.bank);
    const held = f.loan().valueNanoErg + f.bond().valueNanoErg;
    f.release();
    expect(f.hasLoan()).toBe(false);
    expect(f.balanceOf(f.bank)).toBe(bankBefore + held - DEFAULT_FEE);
  });

  it("returns the undrawn principal to the investor at release", () => {
    const f = drawnOnce();
    f.repay(totalOwed(f.loan()));
    const investorBefore = f.balanceOf(f.investor);
    f.release();
    expect(f.balanceOf(f.investor)).toBe(investorBefore + 3n * ERG);
  });

  it("refuses a second funding, a repayment above what is owed, and a draw past the last tranche", () => {
    const f = drawnOnce();
    expect(() => fundLoan({ loan: f.loanBox() }, f.ctx(f.stranger))).toThrow(LoanPhaseRefused);
    const owed = totalOwed(f.loan());
    expect(() => repayInstalment({ loan: f.loanBox(), amountNanoErg: owed + 1n }, f.ctx(f.business))).toThrow(RepaymentExceedsOutstanding);
    f.world.mine(50);
    f.draw();
    f.draw(true);
    expect(() => drawTranche({ loan: f.loanBox(), milestone: true }, f.ctx(f.business))).toThrow(LoanPhaseRefused);
  });
});

describe("claim from the bond", () => {
  it("lets the investor claim a missed instalment only after its grace window, up to the missed amount", () => {
    const f = drawnOnce();
    const first = f.loan().instalments[0]!;
    nextBlockAt(f, first.dueHeight + f.loan().graceBlocks);
    expect(missedAt(f.loan(), first.dueHeight)).toBe(first.amountNanoErg);
    expect(() => claimBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.investor))).toThrow(ClaimExceedsMissed);
    f.world.mine(1);
    f.repay(ERG);
    const claimable = claimableAt(f.loan(), BigInt(f.world.height) + 1n);
    expect(claimable).toBe(first.amountNanoErg - ERG);
    expect(() => claimBond({ loan: f.loanBox(), bond: f.bondBox(), amountNanoErg: claimable + 1n }, f.ctx(f.investor))).toThrow(ClaimExceedsMissed);
    const bondBefore = f.bond().valueNanoErg;
    const investorBefore = f.balanceOf(f.investor);
    f.claim();
    expect(f.loan().claimedNanoErg).toBe(claimable);
    expect(f.bond().valueNanoErg).toBe(bondBefore - claimable);
    expect(f.balanceOf(f.investor)).toBe(investorBefore + claimable - DEFAULT_FEE);
  });

  it("pays at most what the bond holds over its floor, and the bank releases the rest after the claim window", () => {
    const f = drawnOnce();
    const loan = f.loan();
    const last = loan.instalments[loan.instalments.length - 1]!;
    nextBlockAt(f, last.dueHeight + loan.graceBlocks + 1n);
    f.claim();
    expect(f.loan().claimedNanoErg).toBe(4n * ERG);
    expect(() => claimBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.investor))).toThrow(ClaimExceedsMissed);
    expect(() => releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.bank))).toThrow(LoanNotRepaid);
    f.world.mine(LOAN_CLAIM_WINDOW_BLOCKS);
    f.release();
    expect(f.hasLoan()).toBe(false);
  });

  it("refuses a bond of another loan", () => {
    const f = drawnOnce();
    const other = new LoanFixture();
    expect(() => claimBond({ loan: f.loanBox(), bond: other.bondBox() }, f.ctx(f.investor))).toThrow(BondMismatch);
  });
});

describe("terms", () => {
  it("refuses empty or too long schedules, non-positive amounts, past due heights and a zero bond", () => {
    const f = new LoanFixture({ offer: () => false });
    const ok = defaultOffer(f.world.height, f.business.owner);
    const offer = (change: Partial<typeof ok>) => () => offerLoan({ ...ok, ...change }, f.ctx(f.bank));
    expect(offer({})).not.toThrow();
    expect(offer({ tranches: [] })).toThrow(InvalidLoanTerms);
    expect(offer({ tranches: Array.from({ length: 13 }, () => ok.tranches[0]!) })).toThrow(InvalidLoanTerms);
    expect(offer({ instalments: [{ amountNanoErg: 0n, dueHeight: 5_000n }] })).toThrow(InvalidLoanTerms);
    expect(offer({ instalments: [{ amountNanoErg: ERG, dueHeight: BigInt(f.world.height) }] })).toThrow(InvalidLoanTerms);
    expect(offer({ bondNanoErg: 0n })).toThrow(InvalidLoanTerms);
    expect(offer({ business: f.bank.owner })).toThrow(InvalidLoanTerms);
  });
});
