import { describe, expect, it } from "vitest";
import { checkErgPart, withErg } from "./erg-part.ts";

describe("checkErgPart", () => {
  it("reads ERG exactly as nanoERG; empty or 0 is none", () => {
    expect(checkErgPart(" 1.5 ")).toEqual({ nanoErg: 1_500_000_000n });
    expect(checkErgPart("0.001")).toEqual({ nanoErg: 1_000_000n });
    expect(checkErgPart("123456789.123456789")).toEqual({ nanoErg: 123_456_789_123_456_789n });
    expect(checkErgPart("")).toEqual({ nanoErg: 0n });
    expect(checkErgPart("0")).toEqual({ nanoErg: 0n });
  });

  it("refuses more than 9 decimals, a negative or no number, and less than 0.001 ERG", () => {
    for (const bad of ["1.0000000001", "-1", "abc", "1e9", "1,5"]) expect(checkErgPart(bad), bad).toHaveProperty("error");
    expect(checkErgPart("0.0009")).toEqual({ error: "At least 0.001 ERG, the least a box holds, or nothing." });
  });
});

describe("withErg", () => {
  it("says both parts of a mixed payment, and the units alone otherwise", () => {
    expect(withErg("12.50 LETS", 1_500_000_000n)).toBe("12.50 LETS + 1.5 ERG");
    expect(withErg("12.50 LETS", 1_000_000_000_000n)).toBe("12.50 LETS + 1,000 ERG");
    expect(withErg("12.50", 0n)).toBe("12.50");
    expect(withErg("12.50", null)).toBe("12.50");
  });
});
