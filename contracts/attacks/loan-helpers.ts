/**
 * Shared pieces of the loan attack specs (docs/loans.md): transactions the builders refuse to make
 * (a claim before its window, a release before repayment) built from the same parts, and edits of
 * a loan or bond output in a transaction.
 */
import type { OutputBuilder } from "@fleet-sdk/core";
import { bondBox, loanSuccessor, loanTx, stateOf } from "../builders/loan-common.ts";
import { longsConstant } from "../registers.ts";
import { BOND_ERGO_TREE, LOAN_ERGO_TREE } from "../scripts.ts";
import type { LoanFixture } from "../testing/loan-fixture.ts";
import { setValue, valueOf, type Output, type Tx } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";

/** The loan output of `tx`. */
export function loanOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === LOAN_ERGO_TREE);
  if (!out) throw new Error("no loan output");
  return out;
}

/** The bond output of `tx`. */
export function bondOut(tx: Tx): Output {
  const out = tx.outputs.find((o) => o.ergoTree === BOND_ERGO_TREE);
  if (!out) throw new Error("no bond output");
  return out;
}

/** The output of `tx` to `member`'s key holding the most ERG (its change). */
export function changeOf(tx: Tx, member: Member): Output {
  const outs = tx.outputs.filter((o) => o.ergoTree === member.ergoTree && o.additionalRegisters.R4 === undefined);
  const out = outs.sort((a, b) => (valueOf(b) > valueOf(a) ? 1 : -1))[0];
  if (!out) throw new Error(`no change output to ${member.name}`);
  return out;
}

/** Moves `nanoErg` from `from` to `to` (negative: the other way), keeping ERG balanced. */
export function shift(from: Output, to: Output, nanoErg: bigint): void {
  setValue(from, valueOf(from) - nanoErg);
  setValue(to, valueOf(to) + nanoErg);
}

/** Writes the state register (R6) of a loan output: [grace, drawn, repaid, claimed, funded]. */
export function setState(out: Output, state: [bigint, bigint, bigint, bigint, bigint]): void {
  out.additionalRegisters = { ...out.additionalRegisters, R6: longsConstant(state) };
}

/** The state the fixture's loan now has, as R6 holds it. */
export function stateNow(f: LoanFixture): [bigint, bigint, bigint, bigint, bigint] {
  const l = f.loan();
  return [l.graceBlocks, BigInt(l.drawn), l.repaidNanoErg, l.claimedNanoErg, l.investor ? 1n : 0n];
}

/** A claim of `d` from the bond, built whatever the schedule says (the builder checks it; the contracts must too). */
export function rawClaim(f: LoanFixture, d: bigint, by: Member = f.investor): Tx {
  const loan = f.loan();
  const bond = f.bond();
  const outputs: OutputBuilder[] = [
    loanSuccessor(loan, { ...stateOf(loan), claimedNanoErg: loan.claimedNanoErg + d }, loan.valueNanoErg, f.world.height),
    bondBox(loan.loanId, bond.valueNanoErg - d, f.world.height),
  ];
  return loanTx({ inputs: [loan.box, bond.box], outputs }, f.ctx(by), 0n);
}

/** The loan and the bond spent together, the token burnt, everything to `by`'s wallet (a cancel or a release without the investor's undrawn principal). */
export function rawEnd(f: LoanFixture, by: Member = f.bank): Tx {
  return loanTx({ inputs: [f.loanBox(), f.bondBox()], outputs: [], burn: f.loanId }, f.ctx(by), 0n);
}
