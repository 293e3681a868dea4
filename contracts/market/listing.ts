/**
 * A marketplace listing: an offer or a want a member publishes in its community. Listings are
 * notes on the member's own signed account input (market-notes.ts, docs/marketplace.md); this
 * module checks one and gives its one canonical form, so every reader agrees on what was written.
 */
import { InvalidIntent } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { checkText } from "../notes.ts";
import { checkPlace, type Place } from "./place.ts";
import { isObject, only } from "./shape.ts";

/** The fixed categories; "other" takes the rest. */
export const CATEGORIES = [
  "food", "goods", "services", "housing", "transport", "care", "education", "repairs", "crafts", "health", "garden", "tech", "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const TITLE_MAX_CHARS = 80;
export const DESCRIPTION_MAX_CHARS = 1000;
export const CONTACT_MAX_CHARS = 120;

/** fixed: exactly `units`; from: `units` or more; negotiable: agreed, or what the payer thinks after delivery. */
export type Price = { type: "fixed" | "from"; units: string } | { type: "negotiable" };

export interface Listing {
  kind: "offer" | "want";
  title: string;
  description?: string;
  category: Category;
  price: Price;
  location?: Place;
  contact?: string;
  /** The listing disappears from search after this block height. */
  expiryHeight: number;
}

/** A price in whole units of the community's smallest unit, as a decimal string (money is exact). */
export function checkPrice(price: unknown): Price {
  if (!isObject(price)) throw new InvalidIntent('price is {"type":"fixed"|"from","units":"…"} or {"type":"negotiable"}');
  if (price.type === "negotiable") {
    only("a negotiable price", price, ["type"]);
    return { type: "negotiable" };
  }
  if (price.type !== "fixed" && price.type !== "from") throw new InvalidIntent(`price type is fixed, from or negotiable, got ${JSON.stringify(String(price.type)).slice(0, 40)}`);
  only("a price", price, ["type", "units"]);
  const units = price.units;
  if (typeof units !== "string" || !/^[1-9][0-9]{0,18}$/.test(units) || BigInt(units) > LONG_MAX) {
    throw new InvalidIntent(`price units must be a whole number of units from 1 to ${LONG_MAX} written as a decimal string, got ${JSON.stringify(units)?.slice(0, 40)}`);
  }
  return { type: price.type, units };
}

/** A block height a listing expires after: a positive whole number below 2^31. */
export function checkExpiryHeight(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0 || value > 2 ** 31 - 1) {
    throw new InvalidIntent(`expiryHeight must be a block height (a positive whole number), got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}

/** A listing as it will be written: fields trimmed and checked, keys in the canonical order. */
export function checkListing(listing: unknown): Listing {
  if (!isObject(listing)) throw new InvalidIntent("a listing is an object with kind, title, category, price and expiryHeight");
  only("a listing", listing, ["kind", "title", "description", "category", "price", "location", "contact", "expiryHeight"]);
  if (listing.kind !== "offer" && listing.kind !== "want") throw new InvalidIntent(`a listing's kind is offer or want, got ${JSON.stringify(String(listing.kind)).slice(0, 40)}`);
  const title = checkText("title", listing.title, TITLE_MAX_CHARS, true)!;
  const description = checkText("description", listing.description, DESCRIPTION_MAX_CHARS, false);
  if (typeof listing.category !== "string" || !(CATEGORIES as readonly string[]).includes(listing.category)) {
    throw new InvalidIntent(`category is one of ${CATEGORIES.join(", ")}; got ${JSON.stringify(String(listing.category)).slice(0, 40)}`);
  }
  const price = checkPrice(listing.price);
  const location = listing.location === undefined ? undefined : checkPlace("location", listing.location);
  const contact = checkText("contact", listing.contact, CONTACT_MAX_CHARS, false);
  const expiryHeight = checkExpiryHeight(listing.expiryHeight);
  return {
    kind: listing.kind,
    title,
    ...(description !== undefined ? { description } : {}),
    category: listing.category as Category,
    price,
    ...(location !== undefined ? { location } : {}),
    ...(contact !== undefined ? { contact } : {}),
    expiryHeight,
  };
}
