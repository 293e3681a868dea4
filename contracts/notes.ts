/**
 * Notes a member's own transaction carries besides its boxes: a memo and a payment request id on
 * a payer's account input, a profile on a member's own account input. Each is a `Coll[Byte]`
 * context variable of that input. No script reads them; they are part of the message every key of
 * the transaction signs (an input's context extension is in the bytes to sign), so only the key
 * that authorised the input's spend can have written them. The contract requires the owner's key
 * exactly when an account's balance does not rise, so the indexer takes notes only from such
 * inputs (docs/contracts.md, "Notes: memos, payment requests and profiles").
 */
import { hex, utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl } from "@fleet-sdk/serializer";
import { InvalidIntent } from "./errors.ts";
import { readBytes, RegisterError } from "./registers.ts";

/** Context variable ids; the contracts use none of 0..126 themselves. */
export const MEMO_VAR = 20;
export const REQUEST_VAR = 21;
export const PROFILE_VAR = 22;

export const MEMO_MAX_CHARS = 140;
export const NAME_MAX_CHARS = 40;
export const ABOUT_MAX_CHARS = 280;
export const LINK_MAX_CHARS = 200;

/** What a member says about itself. */
export interface Profile {
  name: string;
  about?: string;
  link?: string;
}

/** The notes of one input, as read back. */
export interface Notes {
  memo?: string;
  requestId?: string;
  profile?: Profile;
  /** Why a variable that was present could not be read (the rest are still read). */
  problems: string[];
}

/** A context extension: variable id -> serialized constant (hex), as in EIP-12 and the node. */
export type Extension = Record<string, string>;
/** How EIP-12 (Fleet) types an input's extension. */
export type LooseExtension = { [id: number]: string | undefined };

// Control characters (Cc), format characters (Cf: the bidirectional overrides and marks that make
// text read backwards, and invisible ones such as the zero-width space, the soft hyphen, the Arabic
// letter mark, the word joiner and the BOM), line and paragraph separators, lone surrogates (a JSON
// escape can make one), and characters that draw as nothing (the combining grapheme joiner, the
// Hangul fillers, the blank braille cell): each would let "Bob" and another name look alike, or a
// name look empty. The joiners (U+200C, U+200D) stay, as emoji sequences and some scripts need them,
// and so do the tag characters inside a flag sequence (the flags of England, Scotland and Wales).
const UNSAFE_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u2800\u3164\uffa0]/u;
const UNSAFE_ALL = new RegExp(UNSAFE_TEXT.source, "gu");
const ALLOWED_FORMAT = /[\u200c\u200d]|\u{1f3f4}[\u{e0020}-\u{e007e}]+\u{e007f}/gu;

const isUnsafe = (text: string): boolean => UNSAFE_TEXT.test(text.replace(ALLOWED_FORMAT, ""));

/** `text` with every unsafe character written as an escape, and at most 200 characters: safe to store and show. */
export function printable(text: string): string {
  const escaped = text.replace(UNSAFE_ALL, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}

export const chars = (text: string): number => [...text].length;

/** `text` trimmed and checked: at most `max` characters, no unsafe character; undefined when absent or blank (unless required). */
export function checkText(field: string, text: unknown, max: number, required: boolean): string | undefined {
  if (text === undefined || text === null) {
    if (required) throw new InvalidIntent(`${field} is required`);
    return undefined;
  }
  if (typeof text !== "string") throw new InvalidIntent(`${field} must be text, got ${typeof text}`);
  const trimmed = text.trim();
  if (trimmed === "") {
    if (required) throw new InvalidIntent(`${field} must not be empty`);
    return undefined;
  }
  if (chars(trimmed) > max) throw new InvalidIntent(`${field} is ${chars(trimmed)} characters long; at most ${max}`);
  if (isUnsafe(trimmed)) throw new InvalidIntent(`${field} contains a control character`);
  return trimmed;
}

/** A memo as it will be written: trimmed, at most `MEMO_MAX_CHARS`, no control characters; "" means none. */
export function checkMemo(memo: unknown): string | undefined {
  return checkText("memo", memo, MEMO_MAX_CHARS, false);
}

/** A payment request id: 16 bytes, 32 lowercase hex digits (upper case is accepted and lowered). */
export function checkRequestId(id: unknown): string {
  if (typeof id !== "string" || !/^[0-9a-fA-F]{32}$/.test(id)) {
    throw new InvalidIntent(`a payment request id is 32 hex digits, got ${JSON.stringify(String(id)).slice(0, 80)}`);
  }
  return id.toLowerCase();
}

/**
 * A link that reads as where it goes: http(s) only, written in ASCII (so a host in another script
 * that looks like a familiar one shows as its xn-- form), and no user name before the host
 * ("https://bank.example@evil.example" goes to evil.example).
 */
export function checkLink(link: string): string {
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new InvalidIntent(`link must be a web address starting with https:// or http://, got ${link.slice(0, 60)}`);
  }
  if (!/^[\x21-\x7e]+$/.test(link)) throw new InvalidIntent("link must be written in ASCII: an international domain in its xn-- form, other characters %-encoded");
  const authority = link.slice(link.indexOf("//") + 2).split(/[/?#\\]/)[0]!;
  if (url.username !== "" || url.password !== "" || authority.includes("@")) throw new InvalidIntent("link must not hold a user name or password before its host");
  return link;
}

/** A profile as it will be written; refuses an empty name, long fields and links that are not http(s). */
export function checkProfile(profile: unknown): Profile {
  if (typeof profile !== "object" || profile === null) throw new InvalidIntent("a profile is an object with a name");
  const p = profile as Record<string, unknown>;
  const extra = Object.keys(p).filter((k) => !["name", "about", "link"].includes(k));
  if (extra.length > 0) throw new InvalidIntent(`a profile has only name, about and link, not ${extra.join(", ")}`);
  const name = checkText("name", p.name, NAME_MAX_CHARS, true)!;
  const about = checkText("about", p.about, ABOUT_MAX_CHARS, false);
  const text = checkText("link", p.link, LINK_MAX_CHARS, false);
  const link = text === undefined ? undefined : checkLink(text);
  return { name, ...(about !== undefined ? { about } : {}), ...(link !== undefined ? { link } : {}) };
}

/** A `Coll[Byte]` context variable's value, serialized. */
export const bytesVar = (bytes: Uint8Array): string => SColl(SByte, bytes).toHex();

/** The context extension of a payer's input: its memo and the request it pays, if any. */
export function paymentExtension(memo?: string, requestId?: string): Extension {
  const extension: Extension = {};
  const text = checkMemo(memo);
  if (text !== undefined) extension[MEMO_VAR] = bytesVar(utf8.decode(text));
  if (requestId !== undefined) extension[REQUEST_VAR] = bytesVar(hex.decode(checkRequestId(requestId)));
  return extension;
}

/** The context extension that sets a member's profile. */
export function profileExtension(profile: Profile): Extension {
  return { [PROFILE_VAR]: bytesVar(utf8.decode(JSON.stringify(checkProfile(profile)))) };
}

/** The bytes (hex) of variable `id` of an extension, if present; throws a `RegisterError` if it is not a `Coll[Byte]`. */
export function readVar(extension: Extension | LooseExtension, id: number): string | undefined {
  const value = (extension as LooseExtension)[id];
  if (value === undefined) return undefined;
  return readBytes(`context variable ${id}`, value);
}

/** Bytes as UTF-8 text, refusing invalid sequences. */
export function utf8Strict(bytesHex: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(hex.decode(bytesHex));
}

/**
 * A profile read back only in the one form `profileExtension` writes: the checked profile's JSON,
 * keys in the order name, about, link, no spaces. So a key given twice (which JSON readers resolve
 * differently), padding or another spelling of the same text never makes two readers disagree.
 */
function canonicalProfile(text: string): Profile {
  const profile = checkProfile(JSON.parse(text));
  if (JSON.stringify(profile) !== text) {
    throw new InvalidIntent('a profile is written as {"name":…,"about":…,"link":…}: no spaces, keys in that order and once, fields trimmed');
  }
  return profile;
}

/** Reads the notes of an input's context extension; a malformed note is skipped with a reason. */
export function readNotes(extension: Extension | LooseExtension | undefined): Notes {
  const notes: Notes = { problems: [] };
  if (!extension) return notes;
  const attempt = (what: string, read: () => void) => {
    try {
      read();
    } catch (cause) {
      if (!(cause instanceof InvalidIntent || cause instanceof RegisterError || cause instanceof TypeError || cause instanceof SyntaxError)) throw cause;
      notes.problems.push(`${what}: ${printable(cause.message)}`);
    }
  };
  attempt("memo", () => {
    const bytes = readVar(extension, MEMO_VAR);
    if (bytes !== undefined) notes.memo = checkMemo(utf8Strict(bytes));
  });
  attempt("payment request", () => {
    const bytes = readVar(extension, REQUEST_VAR);
    if (bytes !== undefined) notes.requestId = checkRequestId(bytes);
  });
  attempt("profile", () => {
    const bytes = readVar(extension, PROFILE_VAR);
    if (bytes !== undefined) notes.profile = canonicalProfile(utf8Strict(bytes));
  });
  return notes;
}

/** Sets `extension` on the input spending `boxId` of an unsigned transaction (merging with what is there). */
export function extendInput<T extends { inputs: { boxId: string; extension?: LooseExtension }[] }>(tx: T, boxId: string, extension: Extension): T {
  if (Object.keys(extension).length === 0) return tx;
  const input = tx.inputs.find((i) => i.boxId === boxId);
  if (!input) throw new InvalidIntent(`the transaction spends no box ${boxId}`);
  input.extension = { ...(input.extension ?? {}), ...extension };
  return tx;
}
