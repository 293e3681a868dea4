/**
 * Pieces the loan builders share (docs/loans.md): decoding the loan and bond boxes given, their
 * storage-rent floors, their successors, and a wallet-paid transaction that may burn the loan token.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { BondMismatch, NotALoanBox } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { bondRegisters, decodeBond, decodeLoan, loanRegisters, type Bond, type Loan, type LoanState, type LoanTerms } from "../loan/loan.ts";
import { BOND_ERGO_TREE, LINE_FLOOR_FEES, LOAN_ERGO_TREE, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxFeeNanoErg } from "../storage-rent.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";

/** Decodes a loan box or throws `NotALoanBox`. */
export function requireLoan(box: Box<Amount>): Loan {
  const result = decodeLoan(box);
  if (!result.ok) throw new NotALoanBox(box.boxId, "loan", result.reason);
  return result.value;
}

/** Decodes a bond box and checks it backs `loan`, or throws. */
export function requireBond(box: Box<Amount>, loan: Loan): Bond {
  const result = decodeBond(box);
  if (!result.ok) throw new NotALoanBox(box.boxId, "bond", result.reason);
  if (result.value.loanId !== loan.loanId) throw new BondMismatch(box.boxId, loan.loanId, result.value.loanId);
  return result.value;
}

/**
 * The least value of a box like `candidate`: one nanoERG above twice its storage fee with eight
 * bytes of room, as both contracts check, so rent needs three periods to take it whole.
 */
export function floorNanoErg(candidate: Parameters<typeof boxFeeNanoErg>[0], index = 0): bigint {
  // Judged at a value as long as the largest, so the value's own encoding never tips it.
  return (boxFeeNanoErg({ ...candidate, value: 1n << 62n }, index) + 8n * STORAGE_FEE_FACTOR) * LINE_FLOOR_FEES + 1n;
}

/** The bank's deposit in a loan box: the floor of the loan's largest state, so no later step needs a top-up. */
export function loanDepositNanoErg(terms: LoanTerms, loanId: string, height: number): bigint {
  const largest = loanRegisters(terms, { drawn: terms.tranches.length, repaidNanoErg: LONG_MAX, claimedNanoErg: LONG_MAX, investor: terms.bank });
  // An investor's key is a SigmaProp of the same size as the bank's placeholder (a P2PK key).
  const candidate = { value: 0n, ergoTree: LOAN_ERGO_TREE, creationHeight: height, assets: [{ tokenId: loanId, amount: 1n }], additionalRegisters: largest };
  return floorNanoErg(candidate, 1);
}

/** The floor a bond box keeps until its release. */
export function bondFloorNanoErg(loanId: string, height: number): bigint {
  return floorNanoErg({ value: 0n, ergoTree: BOND_ERGO_TREE, creationHeight: height, assets: [], additionalRegisters: bondRegisters(loanId) }, 1);
}

/** The loan box that succeeds `loan` with `state`, holding `valueNanoErg`. */
export function loanSuccessor(loan: Loan, state: LoanState, valueNanoErg: bigint, height: number): OutputBuilder {
  return new OutputBuilder(valueNanoErg, LOAN_ERGO_TREE)
    .addTokens({ tokenId: loan.loanId, amount: 1n })
    .setAdditionalRegisters(loanRegisters(loan, state))
    .setCreationHeight(height);
}

/** A bond box of `loanId` holding `valueNanoErg`. */
export function bondBox(loanId: string, valueNanoErg: bigint, height: number): OutputBuilder {
  return new OutputBuilder(valueNanoErg, BOND_ERGO_TREE).setAdditionalRegisters(bondRegisters(loanId)).setCreationHeight(height);
}

/** The state of `loan` as its registers hold it. */
export const stateOf = (loan: Loan): LoanState => ({ drawn: loan.drawn, repaidNanoErg: loan.repaidNanoErg, claimedNanoErg: loan.claimedNanoErg, investor: loan.investor });

/**
 * `inputs` first and in order, then the wallet's boxes for `walletNanoErg` more and the fee; the
 * loan token burnt when `burn` names it; change to the wallet.
 */
export function loanTx(
  parts: { inputs: Box<Amount>[]; outputs: OutputBuilder[]; burn?: string },
  ctx: BuildContext,
  walletNanoErg: bigint,
): EIP12UnsignedTransaction {
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const given = new Set(parts.inputs.map((b) => b.boxId));
  const builder = new TransactionBuilder(ctx.height)
    .from(parts.inputs, { ensureInclusion: true })
    .from(wallet.utxos.filter((b) => !given.has(b.boxId)))
    .to(parts.outputs)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  if (parts.burn) builder.burnTokens({ tokenId: parts.burn, amount: 1n });
  return finish(builder, totalValue(wallet.utxos), fee + walletNanoErg);
}
