/**
 * A review: the payer of a real payment rates its payee, 1 to 5 with a short text. It is a note on
 * the payer's own signed account input (market-notes.ts); the indexer takes it only when the named
 * payment's leg was paid by that account to that payee, and only the first for each payment leg.
 */
import { InvalidIntent } from "../errors.ts";
import { checkText } from "../notes.ts";
import { isObject, only } from "./shape.ts";

export const REVIEW_MAX_CHARS = 280;

export interface Review {
  /** The transaction id of the payment reviewed. */
  payment: string;
  /** The accountId paid in it, whom the review is about. */
  payee: string;
  rating: 1 | 2 | 3 | 4 | 5;
  text?: string;
}

/** 32 bytes as 64 hex digits, lowered. */
export function checkId32(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidIntent(`${field} is 64 hex digits, got ${JSON.stringify(String(value)).slice(0, 80)}`);
  }
  return value.toLowerCase();
}

/** A review as it will be written: payment, payee, rating, then the optional text. */
export function checkReview(review: unknown): Review {
  if (!isObject(review)) throw new InvalidIntent("a review is an object with payment, payee and rating");
  only("a review", review, ["payment", "payee", "rating", "text"]);
  const payment = checkId32("payment", review.payment);
  const payee = checkId32("payee", review.payee);
  const rating = review.rating;
  if (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4 && rating !== 5) {
    throw new InvalidIntent(`rating is a whole number from 1 to 5, got ${JSON.stringify(rating)?.slice(0, 20)}`);
  }
  const text = checkText("review text", review.text, REVIEW_MAX_CHARS, false);
  return { payment, payee, rating, ...(text !== undefined ? { text } : {}) };
}
