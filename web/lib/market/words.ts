/**
 * The marketplace in words, the same on every page: categories, prices in the community's units,
 * a member's score and what it rests on, and distances.
 */
import type { Category } from "$contracts/market/listing.ts";
import { displayAmount } from "../amount.ts";
import { plural } from "../words.ts";
import { BLOCKS_PER_DAY } from "./forms.ts";

/** Each category as a person reads it. */
export const CATEGORY_WORDS: Record<Category, string> = {
  food: "Food",
  goods: "Goods",
  services: "Services",
  housing: "Housing",
  transport: "Transport",
  care: "Care",
  education: "Education",
  repairs: "Repairs",
  crafts: "Crafts",
  health: "Health",
  garden: "Garden",
  tech: "Tech",
  other: "Other",
};

/** A listing's status in words: "withdrawn", "expired", "closed (its author left)"; active listings need none. */
export function statusWords(status: string): string {
  return status === "author-left" ? "closed (its author left)" : status;
}

/** A price as the wire has it: units as a decimal string of the smallest unit, or null when negotiable. */
export interface PriceView {
  type: string;
  units: string | bigint | null;
}

/** "12.50 SHL", "from 3 SHL", "to agree". */
export function priceWords(price: PriceView, units: { symbol: string; decimals: number }): string {
  if (price.type === "negotiable" || price.units === null) return "to agree";
  const amount = displayAmount(BigInt(price.units), units.decimals, { symbol: units.symbol });
  return price.type === "from" ? `from ${amount}` : amount;
}

/** A member's score from the reviews of it: weighted score, plain mean and how many reviews. */
export interface ReputationView {
  /** Decimals with 2 places, as the indexer computes them: "4.25". */
  score: string | null;
  mean: string | null;
  count: number;
}

/** "4.25 of 5 (mean 4.50, 6 reviews)", or "No reviews yet". */
export function reputationWords(r: ReputationView): string {
  if (r.count === 0 || r.score === null) return "No reviews yet";
  const mean = r.mean === null ? "" : `mean ${r.mean}, `;
  return `${r.score} of 5 (${mean}${plural(r.count, "review")})`;
}

/** How long a listing stays, in days of two-minute blocks: "about 30 days left", "less than a day left", "ended". */
export function timeLeftWords(expiryHeight: number, height: number): string {
  const blocks = expiryHeight - height;
  if (blocks < 0) return "ended";
  if (blocks < BLOCKS_PER_DAY) return "less than a day left";
  return `about ${plural(Math.round(blocks / BLOCKS_PER_DAY), "day")} left`;
}

/** A rating as stars a screen reader also reads: "★★★★☆". */
export const stars = (rating: number): string => "★".repeat(rating) + "☆".repeat(5 - rating);

/** "has paid 3 members": what a reviewer's weight rests on. */
export const paidMembersWords = (n: number): string => `has paid ${plural(n, "member")}`;

/** "1.2 km", "350 m": a distance from the place searched near. */
export function distanceWords(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)} m` : `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
}

/**
 * A "near" filter as typed ("-41.28, 174.77"): the latitude and longitude, or why not, so a
 * search page says so rather than asking the indexer for something it must refuse.
 */
export function readNear(text: string): { lat: number; lon: number } | { error: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const match = /^(-?\d{1,3}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(trimmed);
  const [lat, lon] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || Math.abs(lat) > 90 || Math.abs(lon) > 180) return { error: "Near is a latitude and a longitude in degrees, like -41.28, 174.77." };
  return { lat, lon };
}
