import { describe, expect, it } from "vitest";
import { formatAmount } from "$contracts/amounts.ts";
import { checkListing } from "$contracts/market/listing.ts";
import { marketExtension } from "$contracts/market/market-notes.ts";
import type { ListingView } from "./types.ts";
import { BLOCKS_PER_DAY, listingFields, listingOfView, readListing, readReview, readShop, type ListingFields, type ShopFields } from "./forms.ts";

const UNITS = { decimals: 2 };
const HEIGHT = 1_000;
const TYPED: ListingFields = {
  kind: "offer",
  title: "  Sourdough loaves ",
  description: "Baked on Saturdays",
  category: "food",
  priceType: "fixed",
  price: "12.50",
  lat: "-41.2865",
  lon: "174.7762",
  place: "Market square",
  contact: "",
  days: "30",
};
const ID = "ab".repeat(32);

describe("readListing", () => {
  it("reads typed fields into the canonical listing: trimmed, the price in smallest units, listed for whole days of blocks", () => {
    const read = readListing(TYPED, UNITS, HEIGHT);
    expect(read).toEqual({
      value: {
        kind: "offer",
        title: "Sourdough loaves",
        description: "Baked on Saturdays",
        category: "food",
        price: { type: "fixed", units: "1250" },
        location: { lat: -41.2865, lon: 174.7762, place: "Market square" },
        expiryHeight: HEIGHT + 30 * BLOCKS_PER_DAY,
      },
    });
    // What the form reads, the builder's extension takes as it is.
    if (!("value" in read)) throw new Error("refused");
    expect(() => marketExtension({ listing: { op: "publish", listing: read.value } })).not.toThrow();
  });

  it("leaves out a blank location and takes a negotiable price without an amount", () => {
    const read = readListing({ ...TYPED, lat: "", lon: "", place: "", priceType: "negotiable", price: "" }, UNITS, HEIGHT);
    expect(read).toMatchObject({ value: { price: { type: "negotiable" } } });
    expect("value" in read && read.value.location).toBe(undefined);
  });

  it("says for each field in error what the contracts refuse it for, and nothing for the fields that pass", () => {
    const read = readListing({ ...TYPED, title: " ", category: "weapons", price: "1.234", lat: "91", lon: "", days: "0", contact: "x".repeat(121) }, UNITS, HEIGHT);
    expect(read).toEqual({
      errors: {
        title: "Title must not be empty.",
        category: 'Category is one of food, goods, services, housing, transport, care, education, repairs, crafts, health, garden, tech, other; got "weapons".',
        price: "Too precise: amounts take at most 2 digits after the point.",
        lat: "Location lat must be a number of degrees from -90 to 90, got 91.",
        lon: "Location lon must be a number of degrees from -180 to 180, got undefined.",
        contact: "Contact is 121 characters long; at most 120.",
        days: "Listed for 1 to 365 whole days.",
      },
    });
  });

  it("refuses a coordinate with more than 6 decimals and one that is no number", () => {
    const read = readListing({ ...TYPED, lat: "1.1234567", lon: "east" }, UNITS, HEIGHT);
    expect(read).toEqual({ errors: { lat: "Location lat has at most 6 decimals, got 1.1234567.", lon: 'Location lon must be a number of degrees from -180 to 180, got "east".' } });
  });

  it("gives back the fields of a published listing for its edit form, which read to the same listing", () => {
    const read = readListing(TYPED, UNITS, HEIGHT);
    if (!("value" in read)) throw new Error("refused");
    const fields = listingFields(read.value, UNITS, HEIGHT, (units, decimals) => formatAmount(units, decimals));
    expect(fields).toEqual({ ...TYPED, title: "Sourdough loaves" });
    expect(readListing(fields, UNITS, HEIGHT)).toEqual(read);
  });
});

describe("listingOfView", () => {
  it("gives back the codec's listing from the indexer's view of it, nulls left out", () => {
    const view: ListingView = {
      id: ID, communityId: ID, accountId: ID, authorName: null, kind: "want", title: "Bike repair", description: null, category: "repairs",
      price: { type: "from", units: "500" }, location: { lat: 1.5, lon: 2, place: null }, contact: "ring the bell", expiryHeight: 9_000, status: "active",
      publishedTxId: ID, publishedHeight: 5, updatedTxId: ID, updatedHeight: 5, timestamp: 0, distanceKm: null, reputation: { score: null, mean: null, count: 0 },
    };
    const listing = listingOfView(view);
    expect(listing).toEqual({ kind: "want", title: "Bike repair", category: "repairs", price: { type: "from", units: "500" }, location: { lat: 1.5, lon: 2 }, contact: "ring the bell", expiryHeight: 9_000 });
    expect(JSON.stringify(listing)).toBe(JSON.stringify(checkListing(listing)));
  });
});

describe("readShop", () => {
  const SHOP: ShopFields = { name: "Corner Grocer", address: "1 Main St", lat: "51.5", lon: "-0.12", hours: "Mon-Sat 9-18", accepts: `${"cd".repeat(32)}, ${"ab".repeat(32)}\n${"AB".repeat(32)}` };

  it("reads the shop with its accepted communities lowered, once each and sorted", () => {
    expect(readShop(SHOP)).toEqual({ value: { name: "Corner Grocer", address: "1 Main St", lat: 51.5, lon: -0.12, hours: "Mon-Sat 9-18", accepts: ["ab".repeat(32), "cd".repeat(32)] } });
  });

  it("says what is wrong with each field", () => {
    expect(readShop({ ...SHOP, name: "", address: "", lat: "", lon: "200", accepts: "not-an-id" })).toEqual({
      errors: {
        name: "Shop name must not be empty.",
        address: "Address must not be empty.",
        lat: "Lat must be a number of degrees from -90 to 90, got undefined.",
        lon: "Lon must be a number of degrees from -180 to 180, got 200.",
        accepts: 'Accepted community id is 64 hex digits, got "not-an-id".',
      },
    });
  });
});

describe("readReview", () => {
  it("reads a rating and text for a payment and its payee", () => {
    expect(readReview({ rating: "4", text: " Lovely bread " }, ID, "cd".repeat(32))).toEqual({ value: { payment: ID, payee: "cd".repeat(32), rating: 4, text: "Lovely bread" } });
  });

  it("refuses a rating outside 1 to 5 and a text too long", () => {
    expect(readReview({ rating: "", text: "x".repeat(281) }, ID, ID)).toEqual({
      errors: { rating: 'Rating is a whole number from 1 to 5, got "".', text: "Review text is 281 characters long; at most 280." },
    });
  });
});
