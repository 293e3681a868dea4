/**
 * The bank's transactions on a loan (docs/loans.md): offering it (the loan box with a fresh loan
 * token, and the bond box naming that token), cancelling it while nobody funded it, and releasing
 * the bond once every instalment is repaid or claimed. Cancel and release burn the loan token.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { InvalidLoanTerms, LoanNotRepaid, LoanPhaseRefused } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { claimWindowEnd, loanRegisters, MAX_INSTALMENTS, MAX_TRANCHES, principalOf, releasableAt, totalOwed, undrawnOf, type LoanTerms } from "../loan/loan.ts";
import { LOAN_ERGO_TREE } from "../scripts.ts";
import { DEFAULT_FEE, finish, ownerFromAddress, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { ownerTree } from "./exit.ts";
import { bondBox, bondFloorNanoErg, loanDepositNanoErg, loanTx, requireBond, requireLoan } from "./loan-common.ts";

/** What a bank offers: the terms (its own key defaults to the wallet's) and the bond it posts. */
export interface OfferLoanIntent extends Omit<LoanTerms, "bank"> {
  bank?: string;
  /** ERG the investor may claim missed instalments from (the bond box keeps its floor on top). */
  bondNanoErg: bigint;
}

const SIGMA_PROP = /^08cd0[23][0-9a-f]{64}$/i;

/** Checks a loan's terms as the builders bound them, or throws `InvalidLoanTerms`. */
export function checkTerms(terms: LoanTerms, height: number): void {
  const { tranches, instalments } = terms;
  if (tranches.length < 1 || tranches.length > MAX_TRANCHES) throw new InvalidLoanTerms("tranches", `from 1 to ${MAX_TRANCHES}, got ${tranches.length}`);
  if (instalments.length < 1 || instalments.length > MAX_INSTALMENTS) throw new InvalidLoanTerms("instalments", `from 1 to ${MAX_INSTALMENTS}, got ${instalments.length}`);
  if (tranches.some((t) => t.amountNanoErg <= 0n || t.unlockHeight < 0n)) throw new InvalidLoanTerms("tranches", "amounts are positive and unlock heights not negative");
  if (instalments.some((i) => i.amountNanoErg <= 0n)) throw new InvalidLoanTerms("instalments", "amounts are positive");
  if (instalments.some((i, k) => i.dueHeight <= BigInt(height) || (k > 0 && i.dueHeight < (instalments[k - 1]?.dueHeight ?? 0n)))) {
    throw new InvalidLoanTerms("instalments", `due heights are after the current height (${height}) and in order`);
  }
  if (terms.graceBlocks < 0n || terms.graceBlocks > 1_000_000n) throw new InvalidLoanTerms("graceBlocks", "from 0 to 1,000,000 blocks");
  if (principalOf(terms) > LONG_MAX / 4n || totalOwed(terms) > LONG_MAX / 4n) throw new InvalidLoanTerms("amounts", "the principal and the total owed fit in a Long with room");
  if (!SIGMA_PROP.test(terms.bank) || !SIGMA_PROP.test(terms.business)) throw new InvalidLoanTerms("parties", "the bank and the business are single keys (SigmaProp hex)");
  if (terms.bank.toLowerCase() === terms.business.toLowerCase()) throw new InvalidLoanTerms("parties", "the bank and the business are different keys");
}

/**
 * Builds the offer: the loan box (the bank's deposit, a new loan token, unfunded) at output 0,
 * the bond box (the bond and its floor) at output 1. The wallet's first box is spent first, so
 * the loan token's id is its id. No script runs; readers check this genesis (docs/loans.md).
 * @example
 * const tx = offerLoan({ tranches, instalments, graceBlocks: 720n, business, bondNanoErg: 5_000_000_000n }, { height, wallet });
 */
export function offerLoan(intent: OfferLoanIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const wallet = requireWallet(ctx);
  const first = wallet.utxos[0];
  if (!first) throw new InvalidLoanTerms("wallet", "the bank's wallet has no box to mint the loan token from");
  const terms: LoanTerms = { ...intent, bank: intent.bank ?? ownerFromAddress(wallet.changeAddress) };
  checkTerms(terms, ctx.height);
  if (intent.bondNanoErg <= 0n) throw new InvalidLoanTerms("bondNanoErg", "a bond is positive");
  const loanId = first.boxId;
  const deposit = loanDepositNanoErg(terms, loanId, ctx.height);
  const bondValue = intent.bondNanoErg + bondFloorNanoErg(loanId, ctx.height);
  const loan = new OutputBuilder(deposit, LOAN_ERGO_TREE)
    .mintToken({ amount: 1n })
    .setAdditionalRegisters(loanRegisters(terms, { drawn: 0, repaidNanoErg: 0n, claimedNanoErg: 0n, investor: null }))
    .setCreationHeight(ctx.height);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const builder = new TransactionBuilder(ctx.height)
    .from([first], { ensureInclusion: true })
    .from(wallet.utxos.slice(1))
    .to([loan, bondBox(loanId, bondValue, ctx.height)])
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  return finish(builder, totalValue(wallet.utxos), fee + deposit + bondValue);
}

/** The loan and its bond, as the bank's cancel and release spend them. */
export interface EndLoanIntent {
  loan: Box<Amount>;
  bond: Box<Amount>;
}

/** The bank, while nobody funded the loan: the loan's deposit and the bond come back, the token burnt. */
export function cancelLoan(intent: EndLoanIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  requireBond(intent.bond, loan);
  if (loan.investor) throw new LoanPhaseRefused(loan.loanId, "be cancelled", "an investor funded it; the bond is released once it is repaid");
  return loanTx({ inputs: [loan.box, intent.bond], outputs: [], burn: loan.loanId }, ctx, 0n);
}

/**
 * The bank, once every instalment is repaid or claimed, or once the investor's claim window after
 * the last instalment's grace is over: the bond comes back, the undrawn principal
 * (if any) goes to the investor at output 0, the token is burnt.
 */
export function releaseBond(intent: EndLoanIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const loan = requireLoan(intent.loan);
  requireBond(intent.bond, loan);
  if (!loan.investor) throw new LoanPhaseRefused(loan.loanId, "release its bond", "nobody funded it: cancel it instead");
  if (!releasableAt(loan, BigInt(ctx.height) + 1n)) {
    throw new LoanNotRepaid(loan.loanId, totalOwed(loan), loan.repaidNanoErg + loan.claimedNanoErg, claimWindowEnd(loan));
  }
  const undrawn = undrawnOf(loan);
  const outputs = undrawn > 0n ? [new OutputBuilder(undrawn, ownerTree(loan.investor)).setCreationHeight(ctx.height)] : [];
  return loanTx({ inputs: [loan.box, intent.bond], outputs, burn: loan.loanId }, ctx, 0n);
}
