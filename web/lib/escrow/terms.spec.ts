import { describe, expect, it } from "vitest";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { durationBlocks, heightTimeMs, MAX_DEADLINE_BLOCKS, readTerms, referenceOf } from "./terms.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const typed = { max: "50.00", minimum: "20", days: "1", hours: "2", note: "" };

describe("readTerms", () => {
  it("reads the amounts in base units and the deadline as the tip plus 30 blocks an hour", () => {
    expect(readTerms(typed, KCD, 1_000)).toEqual({ terms: { maxUnits: 5_000n, minimumUnits: 2_000n, blocks: 780n, deadline: 1_780n, reference: "" } });
  });

  it("takes an empty minimum as 0", () => {
    const read = readTerms({ ...typed, minimum: "" }, KCD, 1_000);
    expect("terms" in read && read.terms.minimumUnits).toBe(0n);
  });

  it("refuses a minimum above the max, a zero max and a deadline of no time", () => {
    expect(readTerms({ ...typed, minimum: "50.01" }, KCD, 1)).toEqual({ errors: { minimum: "The minimum cannot be more than the amount you commit." } });
    const read = readTerms({ ...typed, max: "0", days: "", hours: "0" }, KCD, 1);
    expect("errors" in read && Object.keys(read.errors).sort()).toEqual(["deadline", "max"]);
  });

  it("refuses a deadline past the dormant period and a fractional day", () => {
    const days = String(MAX_DEADLINE_BLOCKS / 720n + 1n);
    expect("errors" in readTerms({ ...typed, days, hours: "" }, KCD, 1)).toBe(true);
    expect(readTerms({ ...typed, days: "1.5" }, KCD, 1)).toEqual({ errors: { deadline: "The days are a whole number." } });
  });

  it("hashes the note into the reference", () => {
    const read = readTerms({ ...typed, note: "  two chairs  " }, KCD, 1);
    expect("terms" in read && read.terms.reference).toBe(hex.encode(blake2b256(new TextEncoder().encode("two chairs"))));
  });
});

describe("referenceOf", () => {
  it("is empty for a blank note and 32 bytes of hex otherwise", () => {
    expect(referenceOf("   ")).toBe("");
    expect(referenceOf("x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("durationBlocks and heightTimeMs", () => {
  it("counts two-minute blocks", () => {
    expect(durationBlocks(1n, 0n)).toBe(720n);
    expect(heightTimeMs(110n, 100, 0)).toBe(1_200_000);
  });
});
