/**
 * A payment request as a member makes it at a counter: who is to be paid (community, payee
 * account), how much, what for (memo), its id and an optional expiry. Its one canonical text is
 * what the payee's owner key signs (EIP-28 style: the wallet appends `;origin;time;random` and
 * signs the UTF-8 bytes of the whole), so a link that carries the fields and that signature proves
 * who made the request. The id is what a payment of the request records in its payer's input
 * (`notes.ts`), so the request is recognised as paid from the chain. Pure: the web's till and pay
 * screen and the command line share it.
 */
import { formatAmount, parseAmount } from "./amounts.ts";
import { InvalidIntent } from "./errors.ts";
import { checkMemo, checkRequestId } from "./notes.ts";

/** The first line of every request text; a new version of the format gets a new line. */
export const REQUEST_TEXT_HEADER = "LETS payment request v1";

/** Bytes of a request id (32 hex digits). */
export const REQUEST_ID_BYTES = 16;

/** The longest part a wallet may append to the text it signs (`;origin;seconds;random`). */
const MAX_APPENDED_CHARS = 300;

/** The first moment of the year 10000, which a four-digit year cannot write. */
const LAST_EXPIRY_MS = 253_402_300_800_000;

const HEX_ID = /^[0-9a-f]{64}$/;
const EXPIRY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** A payment request, checked. */
export interface PaymentRequest {
  communityId: string;
  payeeAccountId: string;
  /** Whole units, more than 0. */
  amountUnits: bigint;
  /** The community's decimals: the text writes the amount as people read it. */
  decimals: number;
  memo?: string;
  /** 32 lowercase hex digits. */
  requestId: string;
  /** When it can no longer be paid (ms since the epoch, whole seconds); none: never. */
  expiresAtMs?: number;
}

/** The wallet's signature of a request: what it appended to the text, and the proof (hex). */
export interface RequestSignature {
  appended: string;
  proof: string;
}

/** A fresh request id: 16 random bytes from `crypto.getRandomValues` (browser and Node alike). */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(REQUEST_ID_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An expiry as the text and the link write it: "2026-12-02T14:05:00Z" (UTC, whole seconds). */
export function formatExpiry(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Reads an expiry written by `formatExpiry`; anything else is refused with the reason. */
export function parseExpiry(text: string): number {
  const ms = EXPIRY.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms) || formatExpiry(ms) !== text) {
    throw new InvalidIntent(`an expiry is a UTC time like 2026-12-02T14:05:00Z, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return ms;
}

/** Checks every field of a request; refuses a malformed one with the field named. */
export function checkRequest(request: PaymentRequest): PaymentRequest {
  const { communityId, payeeAccountId, amountUnits, decimals } = request;
  if (!HEX_ID.test(communityId)) throw new InvalidIntent("a request's community is a community id (64 lowercase hex digits)");
  if (!HEX_ID.test(payeeAccountId)) throw new InvalidIntent("a request's payee is an account id (64 lowercase hex digits)");
  if (typeof amountUnits !== "bigint" || amountUnits <= 0n) throw new InvalidIntent("a request's amount must be more than 0");
  formatAmount(amountUnits, decimals);
  const memo = checkMemo(request.memo);
  const requestId = checkRequestId(request.requestId);
  const expires = request.expiresAtMs;
  if (expires !== undefined && !(Number.isSafeInteger(expires) && expires % 1000 === 0 && expires >= 0 && expires < LAST_EXPIRY_MS)) {
    throw new InvalidIntent("a request's expiry is a whole second between 1970 and 9999");
  }
  return { communityId, payeeAccountId, amountUnits, decimals, requestId, ...(memo !== undefined ? { memo } : {}), ...(expires !== undefined ? { expiresAtMs: expires } : {}) };
}

/**
 * The canonical text of a request, the one the payee's owner signs: the header, then one field a
 * line in this order. The memo is JSON-quoted (it cannot hold a line break anyway: `checkMemo`).
 * @example
 * requestText(r) ===
 *   "LETS payment request v1\ncommunity: 3f…\npayee: 9a…\namount: 3.50\nmemo: \"2 loaves\"\nid: 0011…\nexpires: never"
 */
export function requestText(request: PaymentRequest): string {
  const r = checkRequest(request);
  return [
    REQUEST_TEXT_HEADER,
    `community: ${r.communityId}`,
    `payee: ${r.payeeAccountId}`,
    `amount: ${formatAmount(r.amountUnits, r.decimals)}`,
    `memo: ${r.memo === undefined ? "none" : JSON.stringify(r.memo)}`,
    `id: ${r.requestId}`,
    `expires: ${r.expiresAtMs === undefined ? "never" : formatExpiry(r.expiresAtMs)}`,
  ].join("\n");
}

/** Refuses what a wallet may not have appended: a line break, a control character, or too much. */
function checkAppended(appended: string): string {
  if (appended !== "" && !appended.startsWith(";")) throw new InvalidIntent("the signed text goes on past the request without a ';'");
  if (appended.length > MAX_APPENDED_CHARS) throw new InvalidIntent(`the wallet appended ${appended.length} characters to the request; at most ${MAX_APPENDED_CHARS}`);
  if (CONTROL.test(appended)) throw new InvalidIntent("the wallet appended a line break or control character to the request");
  return appended;
}

/**
 * What a wallet appended to `text` in the message it signed. The message must START WITH exactly
 * this request's text, followed by nothing or by `;…` (so no other request's text, longer or
 * shorter, passes); anything else is refused.
 */
export function appendedTo(text: string, signedMessage: string): string {
  if (!signedMessage.startsWith(text)) throw new InvalidIntent("the signed text is not this request's text");
  return checkAppended(signedMessage.slice(text.length));
}

/** The whole message the wallet signed: the request's text and what the wallet appended. */
export function signedMessageOf(request: PaymentRequest, signature: RequestSignature): string {
  return requestText(request) + checkAppended(signature.appended);
}

/** The link's parameter names, in the order a link writes them. */
export const REQUEST_PARAMS = ["community", "to", "amount", "memo", "id", "expires", "signed", "proof"] as const;

/** The query of a pay link for `request` signed with `signature`: community, to, amount, memo, id, expires, signed, proof. */
export function requestQuery(request: PaymentRequest, signature?: RequestSignature): URLSearchParams {
  const r = checkRequest(request);
  const query = new URLSearchParams({ community: r.communityId, to: r.payeeAccountId, amount: formatAmount(r.amountUnits, r.decimals, { trimZeros: true }) });
  if (r.memo !== undefined) query.set("memo", r.memo);
  query.set("id", r.requestId);
  if (r.expiresAtMs !== undefined) query.set("expires", formatExpiry(r.expiresAtMs));
  if (signature) {
    query.set("signed", checkAppended(signature.appended));
    query.set("proof", signature.proof);
  }
  return query;
}

/** A request link as read back: the request, and its signature when the link carries one. */
export interface ReadRequest {
  request: PaymentRequest;
  signature?: RequestSignature;
}

/**
 * Reads a pay link's request at the community's `decimals`; refuses (with the reason) a link whose
 * fields are not a request: a missing or malformed id, amount, account or expiry, a long memo.
 */
export function readRequestQuery(query: URLSearchParams, decimals: number): ReadRequest {
  const get = (name: (typeof REQUEST_PARAMS)[number]) => query.get(name) ?? undefined;
  const amount = get("amount") ?? "";
  const expires = get("expires");
  const request = checkRequest({
    communityId: (get("community") ?? "").toLowerCase(),
    payeeAccountId: (get("to") ?? "").toLowerCase(),
    amountUnits: parseAmount(amount, decimals, { positive: true }),
    decimals,
    memo: get("memo"),
    requestId: get("id") ?? "",
    ...(expires !== undefined ? { expiresAtMs: parseExpiry(expires) } : {}),
  });
  const appended = get("signed");
  const proof = get("proof");
  if (appended === undefined || proof === undefined) return { request };
  if (!/^[0-9a-fA-F]{2,512}$/.test(proof)) throw new InvalidIntent("a request's proof is hexadecimal");
  return { request, signature: { appended: checkAppended(appended), proof: proof.toLowerCase() } };
}

/** Whether `request` can no longer be paid at `nowMs`. */
export const isExpired = (request: Pick<PaymentRequest, "expiresAtMs">, nowMs: number): boolean =>
  request.expiresAtMs !== undefined && nowMs >= request.expiresAtMs;
