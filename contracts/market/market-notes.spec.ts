import { describe, expect, it } from "vitest";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl, SInt } from "@fleet-sdk/serializer";
import { readVar, utf8Strict } from "../notes.ts";
import { refusal } from "../testing/refusal.ts";
import { LISTING_REF_VAR, LISTING_VAR, marketExtension, readMarketNotes, REVIEW_VAR, SHOP_VAR, type ListingNote } from "./market-notes.ts";
import type { Listing } from "./listing.ts";

const ID = "ab".repeat(32);
const textVar = (text: string): string => SColl(SByte, utf8.decode(text)).toHex();

const bread: Listing = {
  kind: "offer",
  title: "Sourdough loaves",
  description: "Baked Saturdays; bring your own bag",
  category: "food",
  price: { type: "fixed", units: "1200" },
  location: { lat: -41.2865, lon: 174.7762, place: "Cuba St" },
  contact: "aroha@example.org",
  expiryHeight: 5000,
};

describe("marketplace notes round-trip through a context extension", () => {
  it("reads back a publish, an edit and a withdrawal", () => {
    const notes: ListingNote[] = [{ op: "publish", listing: bread }, { op: "edit", id: ID, listing: { ...bread, price: { type: "negotiable" } } }, { op: "withdraw", id: ID }];
    for (const listing of notes) expect(readMarketNotes(marketExtension({ listing }))).toEqual({ listing, problems: [] });
  });

  it("writes fields trimmed and in the canonical order whatever order they were given in", () => {
    const shuffled = { expiryHeight: 5000, price: { units: "1200", type: "fixed" }, category: "food", title: "  Sourdough loaves ", kind: "offer" };
    const extension = marketExtension({ listing: { op: "publish", listing: shuffled as unknown as Listing } });
    const text = utf8Strict(readVar(extension, LISTING_VAR)!);
    expect(text).toBe('{"op":"publish","listing":{"kind":"offer","title":"Sourdough loaves","category":"food","price":{"type":"fixed","units":"1200"},"expiryHeight":5000}}');
  });

  it("reads back a review, a shop, a closed shop and a listing reference, each in its own variable", () => {
    const review = { payment: "cd".repeat(32), payee: ID, rating: 4 as const, text: "Lovely bread" };
    const shop = { op: "set" as const, shop: { name: "Aroha's Bakery", address: "12 Cuba St", lat: -41.2865, lon: 174.7762, hours: "Sat 8-14", accepts: ["ff".repeat(32), "00".repeat(32)] } };
    const extension = marketExtension({ review, shop, listingRef: ID.toUpperCase() });
    expect(Object.keys(extension).map(Number).sort()).toEqual([REVIEW_VAR, SHOP_VAR, LISTING_REF_VAR]);
    expect(readMarketNotes(extension)).toEqual({ review, shop: { op: "set", shop: { ...shop.shop, accepts: ["00".repeat(32), "ff".repeat(32)] } }, listingRef: ID, problems: [] });
    expect(readMarketNotes(marketExtension({ shop: { op: "close" } }))).toEqual({ shop: { op: "close" }, problems: [] });
  });
});

describe("marketplace notes refuse what they must not carry, with a message that says why", () => {
  const publish = (listing: unknown) => () => marketExtension({ listing: { op: "publish", listing: listing as Listing } });

  it("refuses a listing with a missing or bad field", () => {
    expect(refusal(publish({ ...bread, title: " " }))).toBe("title must not be empty");
    expect(refusal(publish({ ...bread, category: "weapons" }))).toMatch(/^category is one of food, goods, .* other; got "weapons"$/);
    expect(refusal(publish({ ...bread, kind: "swap" }))).toBe('a listing\'s kind is offer or want, got "swap"');
    expect(refusal(publish({ ...bread, price: { type: "fixed", units: "0" } }))).toMatch(/^price units must be a whole number of units from 1/);
    expect(refusal(publish({ ...bread, price: { type: "fixed", units: 12 } }))).toMatch(/written as a decimal string, got 12$/);
    expect(refusal(publish({ ...bread, price: { type: "fixed", units: "9223372036854775808" } }))).toMatch(/^price units must be/);
    expect(refusal(publish({ ...bread, price: { type: "negotiable", units: "5" } }))).toBe("a negotiable price has only type, not units");
    expect(refusal(publish({ ...bread, location: { lat: 91, lon: 0 } }))).toBe("location lat must be a number of degrees from -90 to 90, got 91");
    expect(refusal(publish({ ...bread, location: { lat: 1.1234567, lon: 0 } }))).toBe("location lat has at most 6 decimals, got 1.1234567");
    expect(refusal(publish({ ...bread, expiryHeight: 0 }))).toBe("expiryHeight must be a block height (a positive whole number), got 0");
    expect(refusal(publish({ ...bread, title: "x".repeat(81) }))).toBe("title is 81 characters long; at most 80");
    expect(refusal(publish({ ...bread, title: "free\u202Egift" }))).toBe("title contains a control character");
    expect(refusal(publish({ ...bread, colour: "red" }))).toMatch(/^a listing has only kind, .*, not colour$/);
  });

  it("refuses a review outside 1 to 5, or of an id that is not 32 bytes", () => {
    const review = { payment: ID, payee: ID, rating: 5 };
    for (const rating of [0, 6, 4.5, "5"]) expect(refusal(() => marketExtension({ review: { ...review, rating } as never }))).toMatch(/^rating is a whole number from 1 to 5/);
    expect(refusal(() => marketExtension({ review: { ...review, payment: "ab" } as never }))).toBe('payment is 64 hex digits, got "ab"');
    expect(refusal(() => marketExtension({ listingRef: "xyz" }))).toBe('listing id is 64 hex digits, got "xyz"');
  });

  it("refuses a shop without an address or with too many accepted communities", () => {
    const shop = { name: "Corner shop", address: "1 Main St", lat: 0, lon: 0 };
    expect(refusal(() => marketExtension({ shop: { op: "set", shop: { ...shop, address: "" } } }))).toBe("address must not be empty");
    const many = Array.from({ length: 11 }, (_, i) => i.toString(16).padStart(64, "0"));
    expect(refusal(() => marketExtension({ shop: { op: "set", shop: { ...shop, accepts: many } } }))).toBe("accepts names at most 10 communities, got 11");
  });
});

describe("reading refuses every spelling but the canonical one, and reads on past a bad variable", () => {
  const canonical = '{"op":"withdraw","id":"' + ID + '"}';

  it("takes the canonical text and refuses a reordered, padded or doubled-key twin", () => {
    expect(readMarketNotes({ [LISTING_VAR]: textVar(canonical) }).listing).toEqual({ op: "withdraw", id: ID });
    for (const twin of ['{"id":"' + ID + '","op":"withdraw"}', '{"op": "withdraw","id":"' + ID + '"}', '{"op":"withdraw","op":"withdraw","id":"' + ID + '"}', '{"op":"withdraw","id":"' + ID.toUpperCase() + '"}']) {
      const notes = readMarketNotes({ [LISTING_VAR]: textVar(twin) });
      expect(notes.listing, twin).toBeUndefined();
      expect(notes.problems).toEqual(["listing: a listing note is not in its canonical form: no spaces, keys in order and once, fields trimmed"]);
    }
  });

  it("reports a variable of the wrong type, invalid UTF-8 or bad JSON, and still reads the others", () => {
    const notes = readMarketNotes({ [LISTING_VAR]: SInt(5).toHex(), [REVIEW_VAR]: SColl(SByte, [0xff, 0xfe]).toHex(), [SHOP_VAR]: textVar("{not json"), [LISTING_REF_VAR]: SColl(SByte, hex.decode(ID)).toHex() });
    expect(notes.listingRef).toBe(ID);
    expect(notes.problems).toHaveLength(3);
    expect(notes.problems[0]).toMatch(/^listing: /);
    expect(notes.problems[1]).toMatch(/^review: /);
    expect(notes.problems[2]).toMatch(/^shop: /);
  });
});
