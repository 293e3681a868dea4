/**
 * The marketplace on the command line: flags read into the listing, review and shop notes of
 * `contracts/market/`, checked by the codecs' own rules before anything is read or signed, each
 * refusal naming the flag it came from.
 */
import {
  checkListing, checkReview, checkShop, InvalidIntent, type Listing, type Price, type Review, type Shop,
} from "../../../contracts/index.ts";
import { CliError, ExitCode } from "../command.ts";
import { integerOption } from "./options.ts";
import { parseUnits } from "./amounts.ts";

/** The codec's words for a field, and the flag a user typed it with; longest first. */
const FLAGS: [string, string][] = [
  ["location place", "--place"], ["location lat", "--lat"], ["location lon", "--lon"], ["price units", "--price"], ["price type", "--price"],
  ["review text", "--text"], ["shop name", "--name"], ["opening hours", "--hours"], ["accepted community id", "--accepts"], ["accepts", "--accepts"],
  ["expiryHeight", "--expiry-height"], ["a listing's kind", "--kind"], ["description", "--description"], ["category", "--category"],
  ["contact", "--contact"], ["address", "--street"], ["payment", "--payment"], ["payee", "--payee"], ["rating", "--rating"],
  ["title", "--title"], ["lat", "--lat"], ["lon", "--lon"],
];

/** Runs a codec check; its refusal becomes a usage error that names the flag. */
export function asUsage<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InvalidIntent)) throw error;
    const flag = FLAGS.find(([words]) => error.message.startsWith(words))?.[1];
    throw new CliError(flag ? `${flag}: ${error.message}` : error.message, ExitCode.usage, { cause: error });
  }
}

/**
 * `--lat -41.2865` as `--lat=-41.2865`: the argument parser would take a value starting with "-"
 * for an option, and half the world's coordinates are negative.
 */
export function joinNegativeDegrees(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [arg, next] = [args[i]!, args[i + 1]];
    if ((arg === "--lat" || arg === "--lon") && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** A number of degrees as typed, or undefined; `abc` is a usage error, the range is the codec's. */
function degrees(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new CliError(`${flag} must be a number of degrees such as -41.2865, got '${text}'`, ExitCode.usage);
  return Number(text);
}

export interface ListingFlags {
  kind?: string; title?: string; description?: string; category?: string; price?: string; "from-price"?: string; negotiable?: boolean;
  lat?: string; lon?: string; place?: string; contact?: string; "expiry-height"?: string; "expires-in"?: string;
}

/** One of `--price N`, `--from-price N` or `--negotiable`, N in the community's units. */
function priceOf(flags: ListingFlags, decimals: number, symbol: string): Price {
  const given = [flags.price !== undefined, flags["from-price"] !== undefined, flags.negotiable === true].filter(Boolean).length;
  if (given !== 1) throw new CliError("give the price one way: --price N (fixed), --from-price N (N or more) or --negotiable", ExitCode.usage);
  if (flags.negotiable) return { type: "negotiable" };
  const fixed = flags.price !== undefined;
  const units = parseUnits((fixed ? flags.price : flags["from-price"])!, decimals, fixed ? "--price" : "--from-price", { unit: symbol });
  return { type: fixed ? "fixed" : "from", units: units.toString() };
}

/** The height a listing expires at: `--expiry-height H`, or `--expires-in B` blocks from `height` (30 days of 2-minute blocks by default). */
function expiryOf(flags: ListingFlags, height: number): number {
  if (flags["expiry-height"] !== undefined && flags["expires-in"] !== undefined) throw new CliError("give --expiry-height or --expires-in, not both", ExitCode.usage);
  if (flags["expiry-height"] !== undefined) return Number(integerOption("expiry-height", flags["expiry-height"], 2n ** 31n - 1n));
  const blocks = flags["expires-in"] === undefined ? 21_600 : Number(integerOption("expires-in", flags["expires-in"], 10_000_000n));
  if (blocks === 0) throw new CliError("--expires-in must be at least 1 block", ExitCode.usage);
  return height + blocks;
}

/** The listing the flags describe, checked; `height` is the chain's, for `--expires-in`. */
export function listingOf(flags: ListingFlags, units: { decimals: number; symbol: string }, height: number): Listing {
  const lat = degrees("--lat", flags.lat);
  const lon = degrees("--lon", flags.lon);
  if ((lat === undefined) !== (lon === undefined) || (flags.place !== undefined && lat === undefined)) {
    throw new CliError("a location is --lat and --lon together (and optionally --place)", ExitCode.usage);
  }
  const price = priceOf(flags, units.decimals, units.symbol);
  return asUsage(() =>
    checkListing({
      kind: flags.kind, title: flags.title, description: flags.description, category: flags.category, price,
      ...(lat !== undefined ? { location: { lat, lon, ...(flags.place !== undefined ? { place: flags.place } : {}) } } : {}),
      contact: flags.contact, expiryHeight: expiryOf(flags, height),
    }),
  );
}

/** `--payment`, `--payee`, `--rating` and `--text` as the review they make. */
export function reviewOf(flags: { payment?: string; payee?: string; rating?: string; text?: string }): Review {
  const rating = flags.rating !== undefined && /^\d$/.test(flags.rating) ? Number(flags.rating) : flags.rating;
  return asUsage(() => checkReview({ payment: flags.payment, payee: flags.payee, rating, text: flags.text }));
}

/** `--name`, `--street`, `--lat`, `--lon`, `--hours` and `--accepts ID,ID` as the shop they make. */
export function shopOf(flags: { name?: string; street?: string; lat?: string; lon?: string; hours?: string; accepts?: string }): Shop {
  if (flags.lat === undefined || flags.lon === undefined) throw new CliError("a shop needs its place on the map: --lat and --lon", ExitCode.usage);
  const accepts = flags.accepts === undefined ? undefined : flags.accepts.split(",").map((id) => id.trim()).filter((id) => id !== "");
  return asUsage(() =>
    checkShop({ name: flags.name, address: flags.street, lat: degrees("--lat", flags.lat), lon: degrees("--lon", flags.lon), hours: flags.hours, ...(accepts ? { accepts } : {}) }),
  );
}
