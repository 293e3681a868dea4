/**
 * Payment requests in the browser: the till makes one (a fresh id, an optional expiry) and has
 * the payee account's owner key sign its canonical text through the wallet's `auth`; the till and
 * the pay screen ask the web server whether it is paid (`/api/requests/{id}`, read from the chain).
 */
import { InvalidIntent } from "$contracts/errors.ts";
import { checkMemo } from "$contracts/notes.ts";
import { appendedTo, requestText, type PaymentRequest, type RequestSignature } from "$contracts/payment-request.ts";
import type { Eip12AuthResult } from "./eip12.ts";
import { WalletError } from "./errors.ts";

/** How long a request may be paid, as the till offers it. */
export const EXPIRY_CHOICES = [
  { value: "none", label: "Any time (no expiry)", ms: undefined },
  { value: "15m", label: "15 minutes", ms: 15 * 60_000 },
  { value: "1h", label: "1 hour", ms: 60 * 60_000 },
  { value: "1d", label: "1 day", ms: 24 * 60 * 60_000 },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"];

/** The expiry of a request made at `nowMs` with `choice` (a whole second, as the text writes it); none for "none". */
export function expiryAt(choice: string, nowMs: number): number | undefined {
  const found = EXPIRY_CHOICES.find((c) => c.value === choice);
  if (!found) throw new RangeError(`no expiry choice ${choice}`);
  return found.ms === undefined ? undefined : Math.ceil((nowMs + found.ms) / 1000) * 1000;
}

/** The wallet's EIP-28 style `auth`: sign `message` with the key of `address`. */
export type Auth = (address: string, message: string) => Promise<Eip12AuthResult>;

/**
 * Signs `request` with the key of `ownerAddress` (the payee account's owner) through `auth`;
 * refuses an answer that is not a signature of exactly this request's text.
 */
export async function signRequest(auth: Auth, ownerAddress: string, request: PaymentRequest): Promise<RequestSignature> {
  const text = requestText(request);
  const answer = await auth(ownerAddress, text);
  if (typeof answer?.signedMessage !== "string" || typeof answer.proof !== "string") {
    throw new WalletError("internal", "auth", "The wallet's answer to auth has no signed message and proof.");
  }
  return { appended: appendedTo(text, answer.signedMessage), proof: answer.proof };
}

/**
 * How far a request is paid, as `/api/requests/{id}` answers (amounts as decimal strings): "paid"
 * when the payments in blocks that carried its id to its payee in its community add up to the
 * amount asked (`paid` is the one that made the total reach it); "on-its-way" when a payment in
 * the mempool would (`pending`); else "unpaid". `receivedUnits`: what those payments in blocks add up to.
 */
export interface RequestStatusJson {
  state: "paid" | "on-its-way" | "unpaid";
  paid: { txId: string; height: number; timestamp: number; payer: string; payerName: string | null; amount: string } | null;
  pending: { txId: string; amount: string } | null;
  receivedUnits: string;
}

/** Which request to ask about. */
export interface RequestRef {
  communityId: string;
  payeeAccountId: string;
  requestId: string;
}

/** Asks the web server how far the request of `amountUnits` is paid (read from the indexer and the node's mempool). */
export async function fetchRequestStatus(ref: RequestRef, amountUnits: bigint | string): Promise<RequestStatusJson> {
  const query = new URLSearchParams({ community: ref.communityId, payee: ref.payeeAccountId, amount: String(amountUnits) });
  const response = await fetch(`/api/requests/${ref.requestId}?${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`Whether the request is paid could not be checked (HTTP ${response.status}).`);
  return (await response.json()) as RequestStatusJson;
}

/** Whether the request must not be offered again: paid, or a payment of it is on its way. */
export const isPaid = (status: RequestStatusJson): boolean => status.state !== "unpaid";

/** A memo field as typed: the memo to write (none when blank), or why it cannot be written, as a sentence. */
export function memoField(text: string): { memo?: string; error?: string } {
  try {
    const memo = checkMemo(text);
    return memo === undefined ? {} : { memo };
  } catch (error) {
    if (!(error instanceof InvalidIntent)) throw error;
    return { error: `The ${error.message}.` };
  }
}
