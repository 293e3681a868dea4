/** A point on the map, for listings and shops: latitude and longitude in degrees, to 6 decimals (about 10 cm). */
import { InvalidIntent } from "../errors.ts";
import { checkText } from "../notes.ts";

export const PLACE_MAX_CHARS = 80;

export interface Place {
  lat: number;
  lon: number;
  /** A name for the place ("Market square"). */
  place?: string;
}

/** A coordinate in [-limit, limit] with at most 6 decimals, so its JSON has one spelling. */
export function checkDegrees(field: string, value: unknown, limit: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new InvalidIntent(`${field} must be a number of degrees from -${limit} to ${limit}, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  if (Number(value.toFixed(6)) !== value) throw new InvalidIntent(`${field} has at most 6 decimals, got ${value}`);
  return Object.is(value, -0) ? 0 : value;
}

/** A place as it will be written: lat, lon, then the optional name. */
export function checkPlace(field: string, value: unknown): Place {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidIntent(`${field} is {"lat":…,"lon":…} with an optional "place"`);
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => !["lat", "lon", "place"].includes(k));
  if (extra.length > 0) throw new InvalidIntent(`${field} has only lat, lon and place, not ${extra.join(", ")}`);
  const lat = checkDegrees(`${field} lat`, v.lat, 90);
  const lon = checkDegrees(`${field} lon`, v.lon, 180);
  const place = checkText(`${field} place`, v.place, PLACE_MAX_CHARS, false);
  return { lat, lon, ...(place !== undefined ? { place } : {}) };
}
