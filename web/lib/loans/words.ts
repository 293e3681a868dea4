/**
 * ERG loans in words (docs/loans.md, docs/web.md "Loans"): a loan's status and an instalment's, a
 * bank's record in one line, and the interest a loan's terms add. Pure; the pages and their specs share it.
 */
import { displayErg } from "$lib/amount.ts";
import type { Bank, Instalment, Loan, LoanStatus } from "$lib/server/indexer-types.ts";

const STATUS_WORDS: Record<LoanStatus, string> = {
  open: "open offer",
  current: "current",
  due: "due now",
  late: "late, in grace",
  claimable: "claimable from the bond",
  repaid: "repaid",
  cancelled: "cancelled",
  released: "released",
};

/** A loan's status now, as a person reads it. */
export const statusWord = (status: LoanStatus): string => STATUS_WORDS[status];

const INSTALMENT_WORDS: Record<Instalment["status"], string> = {
  upcoming: "upcoming",
  due: "due now",
  late: "late, in grace",
  claimable: "missed: claimable from the bond",
  paid: "paid on time",
  "paid-late": "paid late",
  claimed: "claimed from the bond",
  unpaid: "never paid",
  open: "—",
};

/** An instalment's status, as a person reads it. */
export const instalmentWord = (status: Instalment["status"]): string => INSTALMENT_WORDS[status];

/**
 * The interest the instalments add to the principal, in percent of it, truncated: two decimals
 * from 1% ("5.00%"), four below ("0.0057%"); "—" for no principal.
 */
export function interestPercent(loan: Pick<Loan, "principalNanoErg" | "totalOwedNanoErg">): string {
  if (loan.principalNanoErg <= 0n) return "—";
  const basis = ((loan.totalOwedNanoErg - loan.principalNanoErg) * 1_000_000n) / loan.principalNanoErg;
  const sign = basis < 0n ? "-" : "";
  const abs = basis < 0n ? -basis : basis;
  const fraction = (abs % 10_000n).toString().padStart(4, "0");
  return `${sign}${abs / 10_000n}.${abs >= 10_000n ? fraction.slice(0, 2) : fraction}%`;
}

/** A bank's record in one line: what it made, how they went, and its bond. */
export function bankRecordLine(bank: Bank): string {
  const loans = bank.loansMade === 1 ? "1 loan made" : `${bank.loansMade} loans made`;
  return [
    loans,
    `${bank.repaidOnTime} repaid on time`,
    `${bank.repaidLate} repaid late`,
    `${bank.late} late now`,
    `${bank.defaulted} defaulted`,
    `bond ${displayErg(bank.bondPaidOutNanoErg)} paid out of ${displayErg(bank.bondPostedNanoErg)} posted`,
  ].join(" · ");
}

/** A party's key (a serialized SigmaProp) shortened for a table: the public key's start and end. */
export const shortKey = (key: string): string => {
  const pk = key.startsWith("08cd") ? key.slice(4) : key;
  return pk.length <= 11 ? pk : `${pk.slice(0, 6)}…${pk.slice(-4)}`;
};
