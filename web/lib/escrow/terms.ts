/**
 * The terms of a post-factum payment as the pay screen reads them (docs/escrow.md): the most the
 * payer commits, the minimum the payee may claim once the deadline has passed, the deadline typed
 * in days and hours and turned into a block height, and a note hashed into the order's reference.
 * Pure: text in, bigint terms or the field's error out.
 */
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { AmountError, parseAmount } from "../amount.ts";
import { DORMANT_BLOCKS } from "$contracts/scripts.ts";

/** Ergo's target block interval: a deadline in hours becomes blocks at this rate, and a height a rough date. */
export const BLOCK_MS = 120_000;
const BLOCKS_PER_HOUR = 30;

/** The fields of the pay screen's "Pay after delivery" as typed. */
export interface TypedTerms {
  max: string;
  /** Empty for 0. */
  minimum: string;
  days: string;
  hours: string;
  /** Optional; hashed into the reference, never written in clear. */
  note: string;
}

/** The order the fields make, ready for the commit builder. */
export interface CommitTerms {
  maxUnits: bigint;
  minimumUnits: bigint;
  /** Blocks from the chain tip to the deadline. */
  blocks: bigint;
  deadline: bigint;
  /** blake2b256 of the note (hex), or "" for none. */
  reference: string;
}

/** Each field's error, by field name. */
export type TermsErrors = Partial<Record<keyof TypedTerms | "deadline", string>>;

/** The most blocks a deadline may be ahead: the contract's dormant period. */
export const MAX_DEADLINE_BLOCKS = BigInt(DORMANT_BLOCKS);

/** The reference written into the order: blake2b256 of the note's UTF-8 (hex), "" when the note is blank. */
export function referenceOf(note: string): string {
  const text = note.trim();
  return text === "" ? "" : hex.encode(blake2b256(new TextEncoder().encode(text)));
}

function whole(text: string, field: string): bigint {
  const t = text.trim();
  if (t === "") return 0n;
  if (!/^\d{1,6}$/.test(t)) throw new AmountError(t, `The ${field} are a whole number.`);
  return BigInt(t);
}

/** Blocks for `days` and `hours` (two-minute blocks). */
export function durationBlocks(days: bigint, hours: bigint): bigint {
  return (days * 24n + hours) * BigInt(BLOCKS_PER_HOUR);
}

/** Reads the typed terms at chain height `height`: the terms, or each field's error. */
export function readTerms(typed: TypedTerms, units: { symbol: string; decimals: number }, height: number): { terms: CommitTerms } | { errors: TermsErrors } {
  const errors: TermsErrors = {};
  const amount = (text: string, field: "max" | "minimum", positive: boolean): bigint => {
    try {
      if (!positive && text.trim() === "") return 0n;
      return parseAmount(text, units.decimals, { positive, symbol: units.symbol });
    } catch (error) {
      errors[field] = error instanceof AmountError ? error.reason : String(error);
      return 0n;
    }
  };
  const maxUnits = amount(typed.max, "max", true);
  const minimumUnits = amount(typed.minimum, "minimum", false);
  if (minimumUnits < 0n) errors.minimum = "The minimum cannot be negative.";
  if (!errors.max && !errors.minimum && minimumUnits > maxUnits) errors.minimum = "The minimum cannot be more than the amount you commit.";
  let blocks = 0n;
  try {
    blocks = durationBlocks(whole(typed.days, "days"), whole(typed.hours, "hours"));
  } catch (error) {
    errors.deadline = error instanceof AmountError ? error.reason : String(error);
  }
  if (!errors.deadline && blocks < 2n) errors.deadline = "Give the deadline in days or hours from now (at least an hour).";
  if (!errors.deadline && blocks > MAX_DEADLINE_BLOCKS) errors.deadline = `At most ${Number(MAX_DEADLINE_BLOCKS / (24n * BigInt(BLOCKS_PER_HOUR)))} days ahead (the escrow's dormant period).`;
  if (new TextEncoder().encode(typed.note).length > 500) errors.note = "At most 500 bytes.";
  if (Object.keys(errors).length > 0) return { errors };
  return { terms: { maxUnits, minimumUnits, blocks, deadline: BigInt(height) + blocks, reference: referenceOf(typed.note) } };
}

/** A rough time of height `target` from the tip `height` seen at `nowMs` (two minutes a block). */
export function heightTimeMs(target: bigint, height: number, nowMs: number): number {
  return nowMs + Number(target - BigInt(height)) * BLOCK_MS;
}
