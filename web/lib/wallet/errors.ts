/**
 * EIP-12 failures translated per method into what the member should do. The same code means
 * different things per method (2 is "user declined" from `sign_tx` but "send failed" from
 * `submit_tx`, and a refused `sign_data` is a decline), so the method is part of the key.
 */
import { LetsError } from "$contracts/errors.ts";
import { APIErrorCode, DataSignErrorCode, TxSendErrorCode, TxSignErrorCode, isEip12Error, type Eip12Method } from "./eip12.ts";

/** What happened, by what the member can do about it. */
export type WalletErrorKind = "declined" | "not-connected" | "proof-failed" | "submit-refused" | "internal";

/** A wallet call failed; `message` is a sentence for the member, `info` the wallet's own words. */
export class WalletError extends LetsError {
  override readonly retryable: boolean;

  constructor(
    readonly kind: WalletErrorKind,
    readonly method: Eip12Method,
    message: string,
    readonly code?: number,
    readonly info?: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? false;
  }
}

const detail = (info: string) => (info.trim() === "" ? "" : ` (${info.trim().replace(/\.$/, "")})`);

const declined = (method: Eip12Method, code: number, info: string) =>
  new WalletError("declined", method, "You declined in the wallet, so nothing was signed or sent.", code, info);

const notConnected = (method: Eip12Method, code: number, info: string) =>
  new WalletError("not-connected", method, `The wallet is not connected to this site${detail(info)}. Connect it and try again.`, code, info);

const internal = (method: Eip12Method, code: number, info: string, retryable = false) =>
  new WalletError("internal", method, `The wallet failed during ${method}${detail(info)}.`, code, info, { retryable });

/** The methods that sign a message rather than a transaction: `sign_data`, EIP-28 style `auth`, and a payment order. */
const signsData = (method: Eip12Method): boolean => method === "sign_data" || method === "auth" || method === "sign_order";

/** Codes every method may answer (negative): the same reading everywhere except `Refused`. */
function translateApiError(method: Eip12Method, code: number, info: string): WalletError | undefined {
  if (code === APIErrorCode.InvalidRequest) {
    // Nautilus answers every call of a site it has not authorised with InvalidRequest "Not connected."
    return /not connected/i.test(info) ? notConnected(method, code, info) : internal(method, code, info);
  }
  if (code === APIErrorCode.InternalError) return internal(method, code, info, true);
  if (code === APIErrorCode.Refused) {
    // Nautilus refuses a data signature (or an auth) the user rejected with Refused; elsewhere Refused means no access.
    return signsData(method) ? declined(method, code, info) : notConnected(method, code, info);
  }
  return undefined;
}

/** Codes only `sign_tx`, `submit_tx`, `sign_data` and `auth` define (positive). */
function translateMethodError(method: Eip12Method, code: number, info: string): WalletError | undefined {
  if (method === "sign_tx") {
    if (code === TxSignErrorCode.UserDeclined) return declined(method, code, info);
    if (code === TxSignErrorCode.ProofGeneration) {
      return new WalletError("proof-failed", method, `The wallet could not sign: it may not hold the key of this account${detail(info)}.`, code, info);
    }
  }
  if (method === "submit_tx") {
    if (code === TxSendErrorCode.Refused) {
      return new WalletError("submit-refused", method, `The node refused the transaction${detail(info)}.`, code, info);
    }
    if (code === TxSendErrorCode.Failure) {
      return new WalletError("internal", method, `The wallet could not send the transaction${detail(info)}. Try again.`, code, info, { retryable: true });
    }
  }
  if (signsData(method)) {
    if (code === DataSignErrorCode.UserDeclined) return declined(method, code, info);
    if (code === DataSignErrorCode.ProofGeneration) {
      return new WalletError("proof-failed", method, `The wallet could not sign the message${detail(info)}.`, code, info);
    }
  }
  return undefined;
}

/** Turns whatever a wallet method threw into a `WalletError` (kept as is if it already is one). */
export function translateWalletError(method: Eip12Method, thrown: unknown): WalletError {
  if (thrown instanceof WalletError) return thrown;
  if (!isEip12Error(thrown)) {
    const info = thrown instanceof Error ? thrown.message : String(thrown);
    return new WalletError("internal", method, `The wallet failed during ${method}${detail(info)}.`, undefined, info, { cause: thrown });
  }
  const info = typeof thrown.info === "string" ? thrown.info : "";
  return (
    translateApiError(method, thrown.code, info) ??
    translateMethodError(method, thrown.code, info) ??
    new WalletError("internal", method, `The wallet answered ${method} with unknown code ${thrown.code}${detail(info)}.`, thrown.code, info)
  );
}
