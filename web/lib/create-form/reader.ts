/** Reading the create form's fields one by one, each field's error kept under its own name. */
import { AmountError } from "../amount.ts";
import type { CreateField, CreateFormErrors } from "./fields.ts";

/** Collects field errors while reading values; `read` returns undefined for a field in error. */
export class Reader {
  readonly errors: CreateFormErrors = {};

  read<T>(field: CreateField, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      this.errors[field] ??= error instanceof AmountError ? error.reason : (error as Error).message;
      return undefined;
    }
  }
}

/** A whole number from `min` to `max`; `what` names it in the messages ("the inactivity window"). */
export function wholeNumber(text: string, min: bigint, max: bigint, what: string): bigint {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) throw new Error(`Enter ${what} as a whole number.`);
  const value = BigInt(trimmed);
  if (value < min || value > max) throw new Error(`${what[0]!.toUpperCase()}${what.slice(1)} must be from ${min} to ${max}.`);
  return value;
}
