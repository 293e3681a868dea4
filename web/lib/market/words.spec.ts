import { describe, expect, it } from "vitest";
import { CATEGORIES } from "$contracts/market/listing.ts";
import { CATEGORY_WORDS, distanceWords, paidMembersWords, priceWords, readNear, reputationWords, stars, statusWords, timeLeftWords } from "./words.ts";

const SHL = { symbol: "SHL", decimals: 2 };

describe("market words", () => {
  it("names every category the codec knows", () => {
    expect(Object.keys(CATEGORY_WORDS).sort()).toEqual([...CATEGORIES].sort());
  });

  it("writes a price in the community's units, exactly", () => {
    expect(priceWords({ type: "fixed", units: "123456789" }, SHL)).toBe("1,234,567.89 SHL");
    expect(priceWords({ type: "from", units: 300n }, SHL)).toBe("from 3.00 SHL");
    expect(priceWords({ type: "negotiable", units: null }, SHL)).toBe("to agree");
  });

  it("says what a score rests on, or that there is none", () => {
    expect(reputationWords({ score: "4.25", mean: "4.50", count: 6 })).toBe("4.25 of 5 (mean 4.50, 6 reviews)");
    expect(reputationWords({ score: "5.00", mean: "5.00", count: 1 })).toBe("5.00 of 5 (mean 5.00, 1 review)");
    expect(reputationWords({ score: null, mean: null, count: 0 })).toBe("No reviews yet");
    expect(paidMembersWords(1)).toBe("has paid 1 member");
  });

  it("says why a listing left search", () => {
    expect([statusWords("withdrawn"), statusWords("expired"), statusWords("author-left")]).toEqual(["withdrawn", "expired", "closed (its author left)"]);
  });

  it("says how long a listing stays in days of blocks", () => {
    expect([timeLeftWords(21_603, 6), timeLeftWords(1_000, 400), timeLeftWords(10, 10), timeLeftWords(9, 10)]).toEqual(["about 30 days left", "less than a day left", "less than a day left", "ended"]);
  });

  it("draws a rating as five stars", () => {
    expect(stars(4)).toBe("★★★★☆");
  });

  it("writes distances in metres below a kilometre", () => {
    expect([distanceWords(0.35), distanceWords(1.234), distanceWords(42.6)]).toEqual(["350 m", "1.2 km", "43 km"]);
  });

  it("reads a near filter, or says how to write one", () => {
    expect(readNear(" -41.28, 174.77 ")).toEqual({ lat: -41.28, lon: 174.77 });
    expect(readNear("51.5 -0.12")).toEqual({ lat: 51.5, lon: -0.12 });
    expect(readNear("")).toBe(undefined);
    expect(readNear("Wellington")).toEqual({ error: "Near is a latitude and a longitude in degrees, like -41.28, 174.77." });
    expect(readNear("91, 0")).toHaveProperty("error");
  });
});
