import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount, plural, possessive, sentence } from "./words.ts";

describe("words", () => {
  it("writes counts with thousands separators, numbers and bigints alike", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234)).toBe("1,234");
    expect(formatCount(10_000n)).toBe("10,000");
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
      expect(formatCount(n).replaceAll(",", "")).toBe(String(n));
      expect(formatCount(BigInt(n))).toBe(formatCount(n));
    }));
  });

  it("puts nouns in the right number", () => {
    expect(plural(1, "trading pair")).toBe("1 trading pair");
    expect(plural(0, "trading pair")).toBe("0 trading pairs");
    expect(plural(2n, "member")).toBe("2 members");
    expect(plural(1n, "member")).toBe("1 member");
    expect(plural(1200, "counterparty", "counterparties")).toBe("1,200 counterparties");
  });

  it("makes possessives, a name ending in s taking only the apostrophe", () => {
    expect(possessive("Alice")).toBe("Alice's");
    expect(possessive("Bob's Boats")).toBe("Bob's Boats'");
    expect(possessive("CHARLES")).toBe("CHARLES'");
  });

  it("ends a sentence once", () => {
    expect(sentence("Paid 1.00 to account 0123456789…")).toBe("Paid 1.00 to account 0123456789…");
    expect(sentence("Paid 1.00 to Alice")).toBe("Paid 1.00 to Alice.");
    expect(sentence("Done.")).toBe("Done.");
  });
});
