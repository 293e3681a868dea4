/**
 * A shop: a member says it takes payments at a place (name, address, coordinates, opening hours)
 * and which other communities' currencies it accepts. A note on its own signed account input
 * (market-notes.ts); the newest one per account is the shop, `{"op":"close"}` removes it.
 */
import { InvalidIntent } from "../errors.ts";
import { checkText } from "../notes.ts";
import { isObject, only } from "./shape.ts";
import { checkDegrees } from "./place.ts";
import { checkId32 } from "./review.ts";

export const SHOP_NAME_MAX_CHARS = 60;
export const ADDRESS_MAX_CHARS = 160;
export const HOURS_MAX_CHARS = 160;
export const MAX_ACCEPTS = 10;

export interface Shop {
  name: string;
  address: string;
  lat: number;
  lon: number;
  /** Opening hours in words ("Mon-Sat 9-18"). */
  hours?: string;
  /** Other communities (ids) whose currency the shop also takes; shown there only where its owner holds an account. */
  accepts?: string[];
}

/** A shop as it will be written: keys in the canonical order, `accepts` without repeats and sorted. */
export function checkShop(shop: unknown): Shop {
  if (!isObject(shop)) throw new InvalidIntent("a shop is an object with name, address, lat and lon");
  only("a shop", shop, ["name", "address", "lat", "lon", "hours", "accepts"]);
  const name = checkText("shop name", shop.name, SHOP_NAME_MAX_CHARS, true)!;
  const address = checkText("address", shop.address, ADDRESS_MAX_CHARS, true)!;
  const lat = checkDegrees("lat", shop.lat, 90);
  const lon = checkDegrees("lon", shop.lon, 180);
  const hours = checkText("opening hours", shop.hours, HOURS_MAX_CHARS, false);
  let accepts: string[] | undefined;
  if (shop.accepts !== undefined) {
    if (!Array.isArray(shop.accepts)) throw new InvalidIntent("accepts is a list of community ids");
    if (shop.accepts.length > MAX_ACCEPTS) throw new InvalidIntent(`accepts names at most ${MAX_ACCEPTS} communities, got ${shop.accepts.length}`);
    accepts = [...new Set(shop.accepts.map((id) => checkId32("accepted community id", id)))].sort();
    if (accepts.length === 0) accepts = undefined;
  }
  return { name, address, lat, lon, ...(hours !== undefined ? { hours } : {}), ...(accepts !== undefined ? { accepts } : {}) };
}
