/**
 * The loan's life between offer and release (docs/loans.md): an investor funds it, the business
 * draws its tranches, anyone repays instalments to the investor, and the investor claims missed
 * instalments from the bank's bond once their grace window is over.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, SAFE_MIN_BOX_VALUE } from "@fleet-sdk/core";
import { ClaimExceedsMissed, InvalidIntent, LoanPhaseRefused, RepaymentExceedsOutstanding, TrancheLocked } from "../errors.ts";
import { claimableAt, nextTranche, outstanding, principalOf } from "../loan/loan.ts";
import { bytesConstant } from "../registers.ts";
import { ownerFromAddress, positiveUnits, requireWallet, type BuildContext } from "./common.ts";
import { ownerTree } from "./exit.ts";
import { bondBox, bondFloorNanoErg, loanSuccessor, loanTx, requireBond, requireLoan, stateOf } from "./loan-common.ts";

/**
 * An investor funds an unfunded loan with its whole principal; `investor` (SigmaProp hex) defaults
 * to the wallet's key and receives every repayment.
 * @example
 * const tx = fundLoan({ loan }, { height, wallet: investorWallet });
 */
export function fundLoan(intent: { loan: Box<Amount>; investor?: string }, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  if (loan.investor) throw new LoanPhaseRefused(loan.loanId, "be funded", "it is funded already");
  const investor = intent.investor ?? ownerFromAddress(requireWallet(ctx).changeAddress);
  const principal = principalOf(loan);
  const out = loanSuccessor(loan, { ...stateOf(loan), investor }, loan.valueNanoErg + principal, ctx.height);
  return loanTx({ inputs: [loan.box], outputs: [out] }, ctx, principal);
}

/**
 * The business draws the next tranche to its wallet; before its unlock height only with the
 * bank's signature as well (`milestone`: the bank signs this transaction too).
 */
export function drawTranche(intent: { loan: Box<Amount>; milestone?: boolean }, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  if (!loan.investor) throw new LoanPhaseRefused(loan.loanId, "pay out a tranche", "nobody funded it yet");
  const at = BigInt(ctx.height) + 1n;
  const next = nextTranche(loan, at);
  if (!next) throw new LoanPhaseRefused(loan.loanId, "pay out a tranche", "every tranche is drawn");
  if (!next.byHeight && !intent.milestone) throw new TrancheLocked(loan.loanId, next.index, next.tranche.unlockHeight, at);
  const out = loanSuccessor(loan, { ...stateOf(loan), drawn: loan.drawn + 1 }, loan.valueNanoErg - next.tranche.amountNanoErg, ctx.height);
  return loanTx({ inputs: [loan.box], outputs: [out] }, ctx, 0n);
}

/**
 * Anyone repays `amountNanoErg` of the loan: it goes to the investor's key at output 1, tagged
 * with the loan's id (R4), and the loan's repaid total rises by exactly that.
 */
export function repayInstalment(intent: { loan: Box<Amount>; amountNanoErg: bigint }, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  if (!loan.investor) throw new LoanPhaseRefused(loan.loanId, "be repaid", "nobody funded it yet");
  const amount = positiveUnits("amountNanoErg", intent.amountNanoErg);
  if (amount > outstanding(loan)) throw new RepaymentExceedsOutstanding(loan.loanId, outstanding(loan), amount);
  if (amount < SAFE_MIN_BOX_VALUE) throw new InvalidIntent(`amountNanoErg: a repayment box holds at least ${SAFE_MIN_BOX_VALUE} nanoERG`);
  const out = loanSuccessor(loan, { ...stateOf(loan), repaidNanoErg: loan.repaidNanoErg + amount }, loan.valueNanoErg, ctx.height);
  const paid = new OutputBuilder(amount, ownerTree(loan.investor)).setAdditionalRegisters({ R4: bytesConstant(loan.loanId) }).setCreationHeight(ctx.height);
  return loanTx({ inputs: [loan.box], outputs: [out, paid] }, ctx, amount);
}

/** The most the investor may claim now: what late instalments miss, up to what the bond holds over its floor. */
export function claimLimit(loan: ReturnType<typeof requireLoan>, bondValueNanoErg: bigint, height: number): bigint {
  const missed = claimableAt(loan, BigInt(height) + 1n);
  const room = bondValueNanoErg - bondFloorNanoErg(loan.loanId, height);
  return missed < room ? missed : room > 0n ? room : 0n;
}

/**
 * The investor claims missed instalments from the bond (all it may, unless `amountNanoErg` says
 * less): the loan records the claim, the bond keeps the rest, the claim goes to the wallet.
 */
export function claimBond(intent: { loan: Box<Amount>; bond: Box<Amount>; amountNanoErg?: bigint }, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  const bond = requireBond(intent.bond, loan);
  if (!loan.investor) throw new LoanPhaseRefused(loan.loanId, "pay a bond claim", "nobody funded it");
  const limit = claimLimit(loan, bond.valueNanoErg, ctx.height);
  const amount = intent.amountNanoErg ?? limit;
  if (amount <= 0n || amount > limit) throw new ClaimExceedsMissed(loan.loanId, limit, amount);
  const out = loanSuccessor(loan, { ...stateOf(loan), claimedNanoErg: loan.claimedNanoErg + amount }, loan.valueNanoErg, ctx.height);
  return loanTx({ inputs: [loan.box, bond.box], outputs: [out, bondBox(loan.loanId, bond.valueNanoErg - amount, ctx.height)] }, ctx, 0n);
}
