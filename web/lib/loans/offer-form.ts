/**
 * The "Offer a loan" form read into a bank's offer (docs/web.md "Loans"): each field's text turned
 * into the request `prepareOfferLoan` takes, or the words of what is wrong with it, and the
 * schedule the offer makes (`offerSchedule`) shown before anything is signed. Pure.
 */
import { parseErg } from "$lib/amount.ts";
import { offerSchedule, type LoanOfferRequest } from "$lib/wallet/loans.ts";
import type { Instalment, Tranche } from "$contracts/loan/loan.ts";

/** The form's fields as typed. */
export interface TypedLoanOffer {
  business: string;
  principal: string;
  tranches: string;
  trancheEvery: string;
  rate: string;
  instalments: string;
  every: string;
  grace: string;
  bond: string;
}

export type LoanOfferField = keyof TypedLoanOffer;

/** What the form reads: the request and its schedule when every field is good, else the error of each bad field (and of the terms as a whole). */
export interface ReadLoanOffer {
  request?: LoanOfferRequest;
  schedule?: { tranches: Tranche[]; instalments: Instalment[] };
  errors: Partial<Record<LoanOfferField | "terms", string>>;
}

const FIELD_OF: Record<keyof LoanOfferRequest, LoanOfferField> = {
  businessAddress: "business", principalNanoErg: "principal", trancheCount: "tranches", trancheEveryBlocks: "trancheEvery",
  rateBasisPoints: "rate", instalmentCount: "instalments", everyBlocks: "every", graceBlocks: "grace", bondNanoErg: "bond",
};

function erg(text: string, errors: ReadLoanOffer["errors"], field: LoanOfferField): bigint | undefined {
  try {
    const v = parseErg(text.trim());
    if (v > 0n) return v;
    errors[field] = "A positive amount of ERG.";
  } catch {
    errors[field] = text.trim() === "" ? "Required." : `'${text}' is not an amount of ERG (like 2.5).`;
  }
  return undefined;
}

function whole(text: string, errors: ReadLoanOffer["errors"], field: LoanOfferField, what: string): bigint | undefined {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t)) return BigInt(t);
  errors[field] = t === "" ? "Required." : `${what} is a whole number, not '${text}'.`;
  return undefined;
}

/** The interest rate a year in percent ("5", "7.25") as basis points, at most two decimals. */
function rate(text: string, errors: ReadLoanOffer["errors"]): bigint | undefined {
  const m = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (m) return BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  errors.rate = text.trim() === "" ? "Required (0 for none)." : `A rate a year in percent with at most two decimals (like 5 or 7.25), not '${text}'.`;
  return undefined;
}

/** Reads the form when the chain's tip is `tipHeight` (the schedule starts at the next block). */
export function readLoanOffer(typed: TypedLoanOffer, tipHeight: number): ReadLoanOffer {
  const errors: ReadLoanOffer["errors"] = {};
  if (typed.business.trim() === "") errors.business = "Required: the business's Ergo address.";
  const principal = erg(typed.principal, errors, "principal");
  const trancheCount = whole(typed.tranches, errors, "tranches", "The number of tranches");
  const trancheEvery = typed.trancheEvery.trim() === "" ? 0n : whole(typed.trancheEvery, errors, "trancheEvery", "Blocks between tranches");
  const rateBp = rate(typed.rate, errors);
  const instalments = whole(typed.instalments, errors, "instalments", "The number of instalments");
  const every = whole(typed.every, errors, "every", "Blocks between instalments");
  const grace = whole(typed.grace, errors, "grace", "The grace in blocks");
  const bond = erg(typed.bond, errors, "bond");
  if (Object.keys(errors).length > 0 || principal === undefined || trancheCount === undefined || trancheEvery === undefined || rateBp === undefined
    || instalments === undefined || every === undefined || grace === undefined || bond === undefined) return { errors };
  const request: LoanOfferRequest = {
    businessAddress: typed.business.trim(), principalNanoErg: principal, trancheCount: Number(trancheCount), trancheEveryBlocks: trancheEvery,
    rateBasisPoints: rateBp, instalmentCount: Number(instalments), everyBlocks: every, graceBlocks: grace, bondNanoErg: bond,
  };
  try {
    const { tranches, instalments: schedule } = offerSchedule(request, tipHeight);
    return { request, schedule: { tranches, instalments: schedule }, errors };
  } catch (error) {
    const field = (error as { field?: keyof LoanOfferRequest | "terms" }).field;
    const message = error instanceof Error ? error.message.replace(/^cannot offer this loan: /, "") : String(error);
    errors[field && field !== "terms" ? FIELD_OF[field] : "terms"] = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    return { errors };
  }
}
