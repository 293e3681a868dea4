/**
 * ERG loans between an investor, a business and a bank (docs/loans.md): the registers of a loan
 * box and a bond box, decoders for boxes read from a node, and the schedule rules exactly as the
 * contracts check them. Pure and isomorphic; no community token is involved.
 *
 * `height` below is always the HEIGHT of the block a transaction goes into (the chain's tip + 1).
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longsConstant, readBytes, readLongsAny, readSigmaProp } from "../registers.ts";
import { BOND_ERGO_TREE, LOAN_CLAIM_WINDOW_BLOCKS, LOAN_ERGO_TREE } from "../scripts.ts";

/** Most tranches and instalments a loan may have (the builders' bound: box size and script cost). */
export const MAX_TRANCHES = 12;
export const MAX_INSTALMENTS = 24;

/** A tranche of the principal: drawable by the business from `unlockHeight`, or earlier with the bank's signature (a milestone). */
export interface Tranche {
  amountNanoErg: bigint;
  unlockHeight: bigint;
}

/** An instalment of principal and interest, due by `dueHeight`; claimable from the bond once `dueHeight + graceBlocks` has passed. */
export interface Instalment {
  amountNanoErg: bigint;
  dueHeight: bigint;
}

/** What the bank offers; fixed for the loan's life. */
export interface LoanTerms {
  tranches: Tranche[];
  instalments: Instalment[];
  graceBlocks: bigint;
  /** Serialized SigmaProps (hex). */
  bank: string;
  business: string;
}

/** Where a loan stands. */
export interface LoanState {
  /** Tranches drawn so far (they are drawn in order). */
  drawn: number;
  repaidNanoErg: bigint;
  claimedNanoErg: bigint;
  /** The investor's SigmaProp (hex) once funded; null while unfunded. */
  investor: string | null;
}

/** A loan as its live box states it. */
export interface Loan extends LoanTerms, LoanState {
  boxId: string;
  /** The loan token's id (the offer's first input's id). */
  loanId: string;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** A bond as its live box states it. */
export interface Bond {
  boxId: string;
  loanId: string;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

const pairs = <T>(values: bigint[], make: (a: bigint, b: bigint) => T): T[] => {
  const out: T[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) out.push(make(values[i] as bigint, values[i + 1] as bigint));
  return out;
};

/** Registers of a loan box. */
export function loanRegisters(terms: LoanTerms, state: LoanState): Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string> {
  return {
    R4: longsConstant(terms.tranches.flatMap((t) => [t.amountNanoErg, t.unlockHeight])),
    R5: longsConstant(terms.instalments.flatMap((i) => [i.amountNanoErg, i.dueHeight])),
    R6: longsConstant([terms.graceBlocks, BigInt(state.drawn), state.repaidNanoErg, state.claimedNanoErg, state.investor ? 1n : 0n]),
    R7: terms.bank,
    R8: terms.business,
    R9: state.investor ?? terms.bank,
  };
}

/** Registers of a bond box. */
export const bondRegisters = (loanId: string): Record<"R4", string> => ({ R4: bytesConstant(loanId) });

/** Decodes a loan box, or says why it is not a well-formed loan. */
export function decodeLoan(box: Box<Amount>): Decoded<Loan> {
  return decoded(() => {
    if (box.ergoTree !== LOAN_ERGO_TREE) throw new Error("not the loan script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) throw new Error("a loan holds exactly its loan token");
    const r = box.additionalRegisters;
    const t = readLongsAny("R4", r.R4);
    const i = readLongsAny("R5", r.R5);
    const s = readLongsAny("R6", r.R6);
    if (t.length % 2 !== 0 || t.length === 0 || i.length % 2 !== 0 || i.length === 0) throw new Error("R4, R5: schedules are non-empty (amount, height) pairs");
    if (s.length !== 5) throw new Error("R6: the state is [grace, drawn, repaid, claimed, funded]");
    const [graceBlocks, drawn, repaid, claimed, funded] = s as [bigint, bigint, bigint, bigint, bigint];
    if (funded !== 0n && funded !== 1n) throw new Error("R6: funded is 0 or 1");
    if (drawn < 0n || drawn > BigInt(t.length / 2)) throw new Error("R6: drawn is at most the number of tranches");
    const investor = readSigmaProp("R9", r.R9);
    return {
      boxId: box.boxId,
      loanId: token.tokenId,
      tranches: pairs(t, (amountNanoErg, unlockHeight) => ({ amountNanoErg, unlockHeight })),
      instalments: pairs(i, (amountNanoErg, dueHeight) => ({ amountNanoErg, dueHeight })),
      graceBlocks,
      bank: readSigmaProp("R7", r.R7),
      business: readSigmaProp("R8", r.R8),
      drawn: Number(drawn),
      repaidNanoErg: repaid,
      claimedNanoErg: claimed,
      investor: funded === 1n ? investor : null,
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** Decodes a bond box, or says why it is not one. */
export function decodeBond(box: Box<Amount>): Decoded<Bond> {
  return decoded(() => {
    if (box.ergoTree !== BOND_ERGO_TREE) throw new Error("not the bond script");
    if (box.assets.length > 0) throw new Error("a bond holds no tokens");
    const loanId = readBytes("R4", box.additionalRegisters.R4);
    if (loanId.length !== 64) throw new Error("R4: the loan id is 32 bytes");
    return { boxId: box.boxId, loanId, valueNanoErg: BigInt(box.value), creationHeight: box.creationHeight, box };
  });
}

const sum = (values: bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

/** The principal: every tranche. */
export const principalOf = (terms: Pick<LoanTerms, "tranches">): bigint => sum(terms.tranches.map((t) => t.amountNanoErg));

/** Every instalment: what the loan owes in all. */
export const totalOwed = (terms: Pick<LoanTerms, "instalments">): bigint => sum(terms.instalments.map((i) => i.amountNanoErg));

/** Instalments due by `height` (dueHeight <= height). */
export const dueBy = (terms: Pick<LoanTerms, "instalments">, height: bigint): bigint =>
  sum(terms.instalments.filter((i) => i.dueHeight <= height).map((i) => i.amountNanoErg));

/** Instalments whose grace window is over at `height` (height > dueHeight + graceBlocks), as the contract's `late`. */
export const lateBy = (terms: Pick<LoanTerms, "instalments" | "graceBlocks">, height: bigint): bigint =>
  sum(terms.instalments.filter((i) => height > i.dueHeight + terms.graceBlocks).map((i) => i.amountNanoErg));

const positive = (x: bigint): bigint => (x > 0n ? x : 0n);

/** What is due by `height` and neither repaid nor claimed (a missed amount, grace or not). */
export const missedAt = (loan: Loan, height: bigint): bigint => positive(dueBy(loan, height) - loan.repaidNanoErg - loan.claimedNanoErg);

/** What the investor may claim from the bond at `height`, before the bond's own limit. */
export const claimableAt = (loan: Loan, height: bigint): bigint =>
  loan.investor ? positive(lateBy(loan, height) - loan.repaidNanoErg - loan.claimedNanoErg) : 0n;

/** What may still be repaid: the total less what was repaid or claimed. */
export const outstanding = (loan: Loan): bigint => positive(totalOwed(loan) - loan.repaidNanoErg - loan.claimedNanoErg);

/** Tranches not yet drawn. */
export const undrawnOf = (loan: Pick<Loan, "tranches" | "drawn">): bigint => sum(loan.tranches.slice(loan.drawn).map((t) => t.amountNanoErg));

/** The first HEIGHT at which the bank may release the bond however little was repaid: the investor's claim window is over. */
export const claimWindowEnd = (loan: Pick<Loan, "instalments" | "graceBlocks">): bigint =>
  loan.instalments.reduce((m, i) => (i.dueHeight > m ? i.dueHeight : m), 0n) + loan.graceBlocks + BigInt(LOAN_CLAIM_WINDOW_BLOCKS) + 1n;

/** Whether the bank may release its bond at `height`: funded, and every instalment repaid or claimed, or the claim window over. */
export const releasableAt = (loan: Loan, height: bigint): boolean =>
  loan.investor !== null && (loan.repaidNanoErg + loan.claimedNanoErg >= totalOwed(loan) || height >= claimWindowEnd(loan));

/** The next tranche, and whether its height has unlocked it at `height` (else it needs the bank's signature). */
export function nextTranche(loan: Loan, height: bigint): { index: number; tranche: Tranche; byHeight: boolean } | null {
  const tranche = loan.tranches[loan.drawn];
  return tranche ? { index: loan.drawn, tranche, byHeight: height >= tranche.unlockHeight } : null;
}

/**
 * Instalments paying back `principal` with flat interest of `rateBasisPoints` per year over the
 * whole term, in `count` equal parts (the last takes the rounding), the first due at `firstDue`
 * and then every `everyBlocks` blocks; a year is 262,800 blocks of two minutes.
 */
export function instalmentSchedule(principal: bigint, rateBasisPoints: bigint, count: number, firstDue: bigint, everyBlocks: bigint): Instalment[] {
  const termBlocks = everyBlocks * BigInt(count);
  const interest = (principal * rateBasisPoints * termBlocks) / (10_000n * 262_800n);
  const owed = principal + interest;
  const each = owed / BigInt(count);
  return Array.from({ length: count }, (_, k) => ({
    amountNanoErg: k === count - 1 ? owed - each * BigInt(count - 1) : each,
    dueHeight: firstDue + everyBlocks * BigInt(k),
  }));
}
