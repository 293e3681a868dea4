/**
 * The marketplace's notes: listings, reviews, shops and the listing a payment is for. Like profiles
 * (../notes.ts), each is a `Coll[Byte]` context variable of a member's own account input, so it is
 * in the bytes every key of the transaction signs and only the key that authorised that input can
 * have written it; the indexer takes them only from inputs whose owner signed (the account's worth
 * did not rise, not a batch settlement). Each is canonical JSON: one spelling per meaning, so a key
 * given twice, padding or reordering is refused rather than read two ways (docs/marketplace.md).
 */
import { hex, utf8 } from "@fleet-sdk/crypto";
import { InvalidIntent } from "../errors.ts";
import { bytesVar, printable, readVar, utf8Strict, type Extension, type LooseExtension } from "../notes.ts";
import { RegisterError } from "../registers.ts";
import { checkListing, type Listing } from "./listing.ts";
import { isObject, only } from "./shape.ts";
import { checkId32, checkReview, type Review } from "./review.ts";
import { checkShop, type Shop } from "./shop.ts";

/** Context variable ids, after the memo (20), request (21) and profile (22). */
export const LISTING_VAR = 23;
export const REVIEW_VAR = 24;
export const SHOP_VAR = 25;
export const LISTING_REF_VAR = 26;

/**
 * What a listing note does. A listing's id is the box id of the account input whose note published
 * it: unique on chain, known before signing, and nobody else's input can carry it.
 */
export type ListingNote =
  | { op: "publish"; listing: Listing }
  | { op: "edit"; id: string; listing: Listing }
  | { op: "withdraw"; id: string };

export type ShopNote = { op: "set"; shop: Shop } | { op: "close" };

/** The marketplace notes of one input, as read back. */
export interface MarketNotes {
  listing?: ListingNote;
  review?: Review;
  shop?: ShopNote;
  /** The listing a payment pays for (its id). */
  listingRef?: string;
  /** Why a variable that was present could not be read (the rest are still read). */
  problems: string[];
}

/** A listing note as it will be written: op, id, listing. */
export function checkListingNote(note: unknown): ListingNote {
  if (!isObject(note)) throw new InvalidIntent('a listing note is {"op":"publish"|"edit"|"withdraw",…}');
  if (note.op === "publish") {
    only("a publish note", note, ["op", "listing"]);
    return { op: "publish", listing: checkListing(note.listing) };
  }
  if (note.op === "edit") {
    only("an edit note", note, ["op", "id", "listing"]);
    return { op: "edit", id: checkId32("listing id", note.id), listing: checkListing(note.listing) };
  }
  if (note.op === "withdraw") {
    only("a withdraw note", note, ["op", "id"]);
    return { op: "withdraw", id: checkId32("listing id", note.id) };
  }
  throw new InvalidIntent(`a listing note's op is publish, edit or withdraw, got ${JSON.stringify(String(note.op)).slice(0, 40)}`);
}

/** A shop note as it will be written: op, shop. */
export function checkShopNote(note: unknown): ShopNote {
  if (!isObject(note)) throw new InvalidIntent('a shop note is {"op":"set","shop":…} or {"op":"close"}');
  if (note.op === "set") {
    only("a shop note", note, ["op", "shop"]);
    return { op: "set", shop: checkShop(note.shop) };
  }
  if (note.op === "close") {
    only("a close note", note, ["op"]);
    return { op: "close" };
  }
  throw new InvalidIntent(`a shop note's op is set or close, got ${JSON.stringify(String(note.op)).slice(0, 40)}`);
}

/** What a member's transaction may say in the marketplace, each part optional. */
export interface MarketIntent {
  listing?: ListingNote;
  review?: Review;
  shop?: ShopNote;
  listingRef?: string;
}

const jsonVar = (value: unknown): string => bytesVar(utf8.decode(JSON.stringify(value)));

/** The context extension carrying `intent`, every part checked first. */
export function marketExtension(intent: MarketIntent): Extension {
  const extension: Extension = {};
  if (intent.listing !== undefined) extension[LISTING_VAR] = jsonVar(checkListingNote(intent.listing));
  if (intent.review !== undefined) extension[REVIEW_VAR] = jsonVar(checkReview(intent.review));
  if (intent.shop !== undefined) extension[SHOP_VAR] = jsonVar(checkShopNote(intent.shop));
  if (intent.listingRef !== undefined) extension[LISTING_REF_VAR] = bytesVar(hex.decode(checkId32("listing id", intent.listingRef)));
  return extension;
}

/** `text` read with `check`, refused unless it is exactly the canonical JSON `check` gives back. */
function canonical<T>(what: string, text: string, check: (value: unknown) => T): T {
  const value = check(JSON.parse(text));
  if (JSON.stringify(value) !== text) throw new InvalidIntent(`${what} is not in its canonical form: no spaces, keys in order and once, fields trimmed`);
  return value;
}

/** Reads the marketplace notes of an input's context extension; a malformed one is skipped with a reason. */
export function readMarketNotes(extension: Extension | LooseExtension | undefined): MarketNotes {
  const notes: MarketNotes = { problems: [] };
  if (!extension) return notes;
  const attempt = (what: string, read: () => void) => {
    try {
      read();
    } catch (cause) {
      // RangeError: a value nested thousands deep (`{"op":[[[…]]]}`) overflows the stack when a
      // message quotes it; anything a note says must be a reason, never an error that stops a reader.
      const unreadable = cause instanceof InvalidIntent || cause instanceof RegisterError || cause instanceof TypeError || cause instanceof SyntaxError || cause instanceof RangeError;
      if (!unreadable) throw cause;
      notes.problems.push(`${what}: ${printable(cause.message)}`);
    }
  };
  const json = (id: number) => {
    const bytes = readVar(extension, id);
    return bytes === undefined ? undefined : utf8Strict(bytes);
  };
  attempt("listing", () => {
    const text = json(LISTING_VAR);
    if (text !== undefined) notes.listing = canonical("a listing note", text, checkListingNote);
  });
  attempt("review", () => {
    const text = json(REVIEW_VAR);
    if (text !== undefined) notes.review = canonical("a review", text, checkReview);
  });
  attempt("shop", () => {
    const text = json(SHOP_VAR);
    if (text !== undefined) notes.shop = canonical("a shop note", text, checkShopNote);
  });
  attempt("listing reference", () => {
    const bytes = readVar(extension, LISTING_REF_VAR);
    if (bytes !== undefined) notes.listingRef = checkId32("listing id", bytes);
  });
  return notes;
}
