/**
 * The marketplace's forms as typed, read into the notes a member signs (docs/marketplace.md): a
 * listing, a shop and a review. Each field is judged by the contracts' own codecs (`checkListing`,
 * `checkShop`, `checkReview`), the others held at valid stand-ins, so a field's message is exactly
 * what the builder and the indexer would refuse it for, and nothing bad reaches the wallet.
 */
import { AmountError, parseAmount } from "$contracts/amounts.ts";
import { LetsError } from "$contracts/errors.ts";
import { checkListing, type Category, type Listing, type Price } from "$contracts/market/listing.ts";
import { checkReview, type Review } from "$contracts/market/review.ts";
import { checkShop, type Shop } from "$contracts/market/shop.ts";
import type { ListingView } from "./types.ts";

/** Blocks in a day at two minutes a block: a listing stays for whole days, the chain counts blocks. */
export const BLOCKS_PER_DAY = 720;
/** How long a listing may be listed for, in days. */
export const MAX_LISTING_DAYS = 365;

/** The listing form's fields as typed; a price in the community's units ("12.50"). */
export interface ListingFields {
  kind: string;
  title: string;
  description: string;
  category: string;
  priceType: string;
  price: string;
  lat: string;
  lon: string;
  place: string;
  contact: string;
  days: string;
}

/** The shop form's fields as typed; `accepts` is community ids separated by spaces, commas or lines. */
export interface ShopFields {
  name: string;
  address: string;
  lat: string;
  lon: string;
  hours: string;
  accepts: string;
}

/** One message per field in error. */
export type FieldErrors<F> = Partial<Record<keyof F, string>>;
/** The checked value, or a message for each field in error. */
export type Read<T, F> = { value: T } | { errors: FieldErrors<F> };

/** "title is required" as a sentence: "Title is required." */
export const asSentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;

/** The message `run` is refused with, as a sentence; undefined when it passes. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof AmountError) return error.reason;
    if (error instanceof LetsError) return asSentence(error.message);
    throw error;
  }
}

/** Errors with the fields that passed left out. */
const inError = <F>(errors: FieldErrors<F>): FieldErrors<F> =>
  Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined)) as FieldErrors<F>;

/** A typed number of degrees: blank is absent, anything not a plain decimal is passed on as text for the codec to refuse. */
function degrees(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The price the fields name: negotiable, or fixed/from an amount in the community's units. */
function priceOf(fields: ListingFields, { decimals, symbol }: ListingUnits): Price {
  if (fields.priceType === "negotiable") return { type: "negotiable" };
  const units = parseAmount(fields.price, decimals, { positive: true, symbol });
  return { type: fields.priceType as "fixed", units: units.toString() };
}

/** Whole days from 1 to `MAX_LISTING_DAYS`, as a count of blocks after `height`. */
function expiryOf(days: string, height: number): number {
  const trimmed = days.trim();
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > MAX_LISTING_DAYS) {
    throw new AmountError(days, `Listed for 1 to ${MAX_LISTING_DAYS} whole days.`);
  }
  return height + Number(trimmed) * BLOCKS_PER_DAY;
}

/** The location the fields name, or none when latitude, longitude and place are all blank. */
function locationOf(fields: ListingFields): unknown {
  const [lat, lon] = [degrees(fields.lat), degrees(fields.lon)];
  if (lat === undefined && lon === undefined && fields.place.trim() === "") return undefined;
  return { lat, lon, ...(fields.place.trim() === "" ? {} : { place: fields.place }) };
}

/** Latitude, longitude and place each judged with the other two at stand-ins; none when the location is blank. */
function locationErrors(fields: ListingFields, judge: (part: () => Record<string, unknown>) => string | undefined): FieldErrors<ListingFields> {
  const location = locationOf(fields) as { lat?: unknown; lon?: unknown; place?: string } | undefined;
  if (location === undefined) return {};
  return {
    lat: judge(() => ({ location: { lat: location.lat, lon: 0 } })),
    lon: judge(() => ({ location: { lat: 0, lon: location.lon } })),
    place: judge(() => ({ location: { lat: 0, lon: 0, place: fields.place } })),
  };
}

const STAND_IN: Listing = { kind: "offer", title: "x", category: "other", price: { type: "negotiable" }, expiryHeight: 1 };

/** The community's units a price is typed in (the symbol names them in a refusal). */
export interface ListingUnits {
  decimals: number;
  symbol?: string;
}

/** The listing to sign, listed from `height` for the typed days, or each field's refusal. */
export function readListing(fields: ListingFields, units: ListingUnits, height: number): Read<Listing, ListingFields> {
  const judge = (part: () => Partial<Listing> | Record<string, unknown>) => refusal(() => checkListing({ ...STAND_IN, ...part() }));
  const errors: FieldErrors<ListingFields> = {
    kind: judge(() => ({ kind: fields.kind })),
    title: judge(() => ({ title: fields.title })),
    description: judge(() => ({ description: fields.description })),
    category: judge(() => ({ category: fields.category })),
    price: judge(() => ({ price: priceOf(fields, units) })),
    ...locationErrors(fields, judge),
    contact: judge(() => ({ contact: fields.contact })),
    days: judge(() => ({ expiryHeight: expiryOf(fields.days, height) })),
  };
  const found = inError(errors);
  if (Object.keys(found).length > 0) return { errors: found };
  const listing = checkListing({
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    category: fields.category as Category,
    price: priceOf(fields, units),
    location: locationOf(fields),
    contact: fields.contact,
    expiryHeight: expiryOf(fields.days, height),
  });
  return { value: listing };
}

/** Community ids as typed, split on spaces, commas and lines. */
const idsOf = (text: string): string[] => text.split(/[\s,]+/).filter((id) => id !== "");

const SHOP_STAND_IN: Shop = { name: "x", address: "x", lat: 0, lon: 0 };

/** The shop to sign, or each field's refusal. */
export function readShop(fields: ShopFields): Read<Shop, ShopFields> {
  const judge = (part: Record<string, unknown>) => refusal(() => checkShop({ ...SHOP_STAND_IN, ...part }));
  const errors: FieldErrors<ShopFields> = {
    name: judge({ name: fields.name }),
    address: judge({ address: fields.address }),
    lat: judge({ lat: degrees(fields.lat) }),
    lon: judge({ lon: degrees(fields.lon) }),
    hours: judge({ hours: fields.hours }),
    accepts: judge({ accepts: idsOf(fields.accepts) }),
  };
  const found = inError(errors);
  if (Object.keys(found).length > 0) return { errors: found };
  return { value: checkShop({ ...fields, lat: degrees(fields.lat), lon: degrees(fields.lon), accepts: idsOf(fields.accepts) }) };
}

/** The review form's fields as typed: a rating from 1 to 5 and a short text. */
export interface ReviewFields {
  rating: string;
  text: string;
}

/** The review of payment `payment` to `payee` to sign, or each field's refusal. */
export function readReview(fields: ReviewFields, payment: string, payee: string): Read<Review, ReviewFields> {
  const rating = /^[1-5]$/.test(fields.rating.trim()) ? Number(fields.rating.trim()) : fields.rating;
  const errors: FieldErrors<ReviewFields> = {
    rating: refusal(() => checkReview({ payment, payee, rating })),
    text: refusal(() => checkReview({ payment, payee, rating: 5, text: fields.text })),
  };
  const found = inError(errors);
  if (Object.keys(found).length > 0) return { errors: found };
  return { value: checkReview({ payment, payee, rating, text: fields.text }) };
}

/** The fields of a listing already published, for its edit form. */
export function listingFields(listing: Listing, units: { decimals: number }, height: number, format: (units: bigint, decimals: number) => string): ListingFields {
  const days = Math.min(MAX_LISTING_DAYS, Math.max(1, Math.ceil((listing.expiryHeight - height) / BLOCKS_PER_DAY)));
  return {
    kind: listing.kind,
    title: listing.title,
    description: listing.description ?? "",
    category: listing.category,
    priceType: listing.price.type,
    price: listing.price.type === "negotiable" ? "" : format(BigInt(listing.price.units), units.decimals),
    lat: listing.location ? String(listing.location.lat) : "",
    lon: listing.location ? String(listing.location.lon) : "",
    place: listing.location?.place ?? "",
    contact: listing.contact ?? "",
    days: String(days),
  };
}

/** A listing as the indexer shows it, back in the codec's shape, for its edit form. */
export function listingOfView(view: ListingView): Listing {
  const price: Price = view.price.type === "negotiable" || view.price.units === null ? { type: "negotiable" } : { type: view.price.type, units: view.price.units };
  const location = view.location ? { lat: view.location.lat, lon: view.location.lon, ...(view.location.place === null ? {} : { place: view.location.place }) } : undefined;
  return {
    kind: view.kind,
    title: view.title,
    ...(view.description === null ? {} : { description: view.description }),
    category: view.category as Category,
    price,
    ...(location ? { location } : {}),
    ...(view.contact === null ? {} : { contact: view.contact }),
    expiryHeight: view.expiryHeight,
  };
}
