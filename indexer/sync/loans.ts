/**
 * ERG loans in the sync (docs/loans.md): no community token moves, so loans stand beside the LETS
 * books and this module reads each block's transactions on its own, against the live loan and
 * bond boxes (`LiveLoans`).
 *
 * A loan box is live when it is an offer's (it holds the loan token the transaction minted: its id
 * is the transaction's first input's id, and the state is unfunded and zero; the offer runs no
 * script, so this is the genesis readers check) or the one box holding the token of a live loan
 * the transaction spent (the token is a singleton and the loan script keeps it in its successor).
 * A bond box is live when it names a loan the same transaction offered, or succeeds a live bond
 * of that loan. What happened is read from the state change: fund (the investor set), draw (one
 * more tranche), repay (the repaid total rose), claim (the claimed total rose; what left the bond
 * beside it), release or cancel (the loan spent without a successor; what the bond gave back).
 * A storage-rent spend of a loan or bond box is recorded as `rent` (the ERG it took), never as one
 * of the parties' steps.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decodeBond, decodeLoan, principalOf, type Loan } from "../../contracts/loan/loan.ts";
import { BOND_ERGO_TREE, LOAN_ERGO_TREE } from "../../contracts/scripts.ts";
import type { ChainBlock, ChainTransaction } from "./apply-block.ts";
import { isRentSpend } from "./rent.ts";

/** A live loan as the indexer keeps it: the decoded box without the raw box. */
export type LoanRecord = Omit<Loan, "box"> & { version: number };

/** A live bond box. */
export interface BondRecord {
  boxId: string;
  loanId: string;
  valueNanoErg: bigint;
  creationHeight: number;
  version: number;
}

/** The live loan and bond boxes, by box id. */
export class LiveLoans {
  readonly loans = new Map<string, LoanRecord>();
  readonly bonds = new Map<string, BondRecord>();

  has(boxId: string): boolean {
    return this.loans.has(boxId) || this.bonds.has(boxId);
  }
}

export type LoanEventKind = "offer" | "fund" | "draw" | "repay" | "claim" | "release" | "cancel" | "rent";

/** One thing a transaction did to a loan. */
export interface LoanActivity {
  txId: string;
  loanId: string;
  kind: LoanEventKind;
  /** draw: the tranche's index. */
  tranche?: number;
  /** fund: the principal; draw: the tranche; repay, claim: the amount; rent: the ERG it took. */
  amountNanoErg?: bigint;
  /** claim: what left the bond; release, cancel: what the bond gave back to the bank. */
  bondNanoErg?: bigint;
  /** draw: before the tranche's unlock height (the bank signed: a milestone). */
  milestone?: boolean;
}

/** What a block did to loans, in transaction order. */
export interface LoanChanges {
  /** Loan and bond boxes it made (one made and spent within the block is in both lists). */
  loans: (LoanRecord & { txId: string })[];
  bonds: (BondRecord & { txId: string })[];
  /** Live loan and bond boxes it spent. */
  spentLoans: string[];
  spentBonds: string[];
  /** The offers it made, with the bond each posted. */
  offers: { loan: LoanRecord; txId: string; bondNanoErg: bigint }[];
  activities: LoanActivity[];
}

const asBox = (o: ChainTransaction["outputs"][number]): Box<Amount> =>
  ({ ...o, value: BigInt(o.value), assets: (o.assets ?? []).map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })) }) as Box<Amount>;

/** A loan output decoded, without its raw box, or undefined. */
function loanOutput(o: ChainTransaction["outputs"][number]): Omit<LoanRecord, "version"> | undefined {
  if (o.ergoTree !== LOAN_ERGO_TREE) return undefined;
  const decoded = decodeLoan(asBox(o));
  if (!decoded.ok) return undefined;
  const { box: _box, ...loan } = decoded.value;
  return loan;
}

function bondOutput(o: ChainTransaction["outputs"][number]): Omit<BondRecord, "version"> | undefined {
  if (o.ergoTree !== BOND_ERGO_TREE) return undefined;
  const decoded = decodeBond(asBox(o));
  if (!decoded.ok) return undefined;
  const { boxId, loanId, valueNanoErg, creationHeight } = decoded.value;
  return { boxId, loanId, valueNanoErg, creationHeight };
}

/** Whether a loan output is a genuine offer: the token minted here, nothing funded, drawn, repaid or claimed. */
const isOffer = (loan: Omit<LoanRecord, "version">, tx: ChainTransaction): boolean =>
  loan.loanId === tx.inputs[0]?.boxId && loan.investor === null && loan.drawn === 0 && loan.repaidNanoErg === 0n && loan.claimedNanoErg === 0n;

/** The events of one loan's step from `before` to `after` (both live boxes). */
function stepEvents(txId: string, before: LoanRecord, after: LoanRecord, height: number, bondPaid: bigint | undefined): LoanActivity[] {
  const out: LoanActivity[] = [];
  const { loanId } = after;
  if (before.investor === null && after.investor !== null) out.push({ txId, loanId, kind: "fund", amountNanoErg: principalOf(after) });
  for (let i = before.drawn; i < after.drawn; i += 1) {
    const tranche = after.tranches[i];
    if (tranche) out.push({ txId, loanId, kind: "draw", tranche: i, amountNanoErg: tranche.amountNanoErg, milestone: BigInt(height) < tranche.unlockHeight });
  }
  if (after.repaidNanoErg > before.repaidNanoErg) out.push({ txId, loanId, kind: "repay", amountNanoErg: after.repaidNanoErg - before.repaidNanoErg });
  if (after.claimedNanoErg > before.claimedNanoErg) {
    out.push({ txId, loanId, kind: "claim", amountNanoErg: after.claimedNanoErg - before.claimedNanoErg, ...(bondPaid === undefined ? {} : { bondNanoErg: bondPaid }) });
  }
  return out;
}

/** Applies one transaction to `live`, adding to `changes`. */
function applyTransaction(tx: ChainTransaction, height: number, live: LiveLoans, changes: LoanChanges): void {
  const loansIn: { loan: LoanRecord; rent: boolean }[] = [];
  const bondsIn: { bond: BondRecord; rent: boolean }[] = [];
  for (const input of tx.inputs) {
    const loan = live.loans.get(input.boxId);
    if (loan) {
      live.loans.delete(loan.boxId);
      changes.spentLoans.push(loan.boxId);
      loansIn.push({ loan, rent: isRentSpend(input, loan.creationHeight, height) });
    }
    const bond = live.bonds.get(input.boxId);
    if (bond) {
      live.bonds.delete(bond.boxId);
      changes.spentBonds.push(bond.boxId);
      bondsIn.push({ bond, rent: isRentSpend(input, bond.creationHeight, height) });
    }
  }
  const loansOut = new Map<string, LoanRecord>();
  for (const o of tx.outputs) {
    const loan = loanOutput(o);
    if (!loan || loansOut.has(loan.loanId)) continue;
    const before = loansIn.find((l) => l.loan.loanId === loan.loanId);
    if (before) loansOut.set(loan.loanId, { ...loan, version: before.loan.version + 1 });
    else if (isOffer(loan, tx)) loansOut.set(loan.loanId, { ...loan, version: 0 });
  }
  const bondsOut = new Map<string, BondRecord>();
  for (const o of tx.outputs) {
    const bond = bondOutput(o);
    if (!bond || bondsOut.has(bond.loanId)) continue;
    const before = bondsIn.find((b) => b.bond.loanId === bond.loanId);
    const offered = loansOut.get(bond.loanId)?.version === 0;
    if (before) bondsOut.set(bond.loanId, { ...bond, version: before.bond.version + 1 });
    else if (offered) bondsOut.set(bond.loanId, { ...bond, version: 0 });
  }
  for (const bond of bondsOut.values()) {
    live.bonds.set(bond.boxId, bond);
    changes.bonds.push({ ...bond, txId: tx.id });
  }
  const bondLeft = (loanId: string): bigint | undefined => {
    const before = bondsIn.find((b) => b.bond.loanId === loanId);
    if (!before) return undefined;
    return before.bond.valueNanoErg - (bondsOut.get(loanId)?.valueNanoErg ?? 0n);
  };
  for (const { bond, rent } of bondsIn) {
    const after = bondsOut.get(bond.loanId);
    if (rent) changes.activities.push({ txId: tx.id, loanId: bond.loanId, kind: "rent", bondNanoErg: bond.valueNanoErg - (after?.valueNanoErg ?? 0n) });
  }
  for (const loan of loansOut.values()) {
    live.loans.set(loan.boxId, loan);
    changes.loans.push({ ...loan, txId: tx.id });
    if (loan.version === 0) {
      changes.offers.push({ loan, txId: tx.id, bondNanoErg: bondsOut.get(loan.loanId)?.valueNanoErg ?? 0n });
      changes.activities.push({ txId: tx.id, loanId: loan.loanId, kind: "offer", ...(bondsOut.has(loan.loanId) ? { bondNanoErg: bondsOut.get(loan.loanId)!.valueNanoErg } : {}) });
    }
  }
  for (const { loan: before, rent } of loansIn) {
    const after = loansOut.get(before.loanId);
    const bondPaid = bondLeft(before.loanId);
    if (rent) changes.activities.push({ txId: tx.id, loanId: before.loanId, kind: "rent", amountNanoErg: before.valueNanoErg - (after?.valueNanoErg ?? 0n) });
    if (after) changes.activities.push(...stepEvents(tx.id, before, after, height, bondPaid));
    else if (!rent) {
      const kind = before.investor === null ? "cancel" : "release";
      changes.activities.push({ txId: tx.id, loanId: before.loanId, kind, ...(bondPaid === undefined ? {} : { bondNanoErg: bondPaid }) });
    }
  }
}

/** What `block` did to loans; `live` ends holding the live boxes after it. */
export function applyLoanBlock(block: ChainBlock, live: LiveLoans): LoanChanges {
  const changes: LoanChanges = { loans: [], bonds: [], spentLoans: [], spentBonds: [], offers: [], activities: [] };
  for (const tx of block.transactions) applyTransaction(tx, block.header.height, live, changes);
  return changes;
}
