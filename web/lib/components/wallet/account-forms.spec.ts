import { describe, expect, it } from "vitest";
import { DEFAULT_FEE } from "$contracts/builders/common.ts";
import { checkProfileFields, checkTopUpErg } from "./account-forms.ts";

const fields = (over: Partial<{ name: string; about: string; link: string }> = {}) => ({ name: "Aroha", about: "", link: "", ...over });

describe("checkProfileFields", () => {
  it("answers the profile to sign, trimmed, without the empty about and link", () => {
    expect(checkProfileFields(fields({ name: "  Aroha  " }))).toEqual({ profile: { name: "Aroha" } });
    expect(checkProfileFields(fields({ about: "bread and firewood", link: "https://example.org/aroha" }))).toEqual({
      profile: { name: "Aroha", about: "bread and firewood", link: "https://example.org/aroha" },
    });
  });

  it("refuses with the contracts' messages as sentences, one per field, each field judged on its own", () => {
    expect(checkProfileFields(fields({ name: "" }))).toEqual({ errors: { name: "Name must not be empty." } });
    expect(checkProfileFields(fields({ name: "n".repeat(41), about: "a".repeat(281), link: "ftp://example.org" }))).toEqual({
      errors: {
        name: "Name is 41 characters long; at most 40.",
        about: "About is 281 characters long; at most 280.",
        link: "Link must be a web address starting with https:// or http://, got ftp://example.org.",
      },
    });
    expect(checkProfileFields(fields({ link: "example.org" }))).toEqual({
      errors: { link: "Link must be a web address starting with https:// or http://, got example.org." },
    });
    expect(checkProfileFields(fields({ link: `https://example.org/${"p".repeat(181)}` }))).toEqual({ errors: { link: "Link is 201 characters long; at most 200." } });
    expect(checkProfileFields(fields({ name: "B\u200bob" }))).toEqual({ errors: { name: "Name contains a control character." } });
  });

  it("counts characters, not UTF-16 code units: 40 emoji are a name", () => {
    expect(checkProfileFields(fields({ name: "🌿".repeat(40) }))).toEqual({ profile: { name: "🌿".repeat(40) } });
  });
});

describe("checkTopUpErg", () => {
  const wallet = { nanoErg: 2_000_000_000n, atLeast: false };

  it("parses decimal ERG exactly into nanoERG", () => {
    expect(checkTopUpErg("0.05", wallet, DEFAULT_FEE)).toEqual({ nanoErg: 50_000_000n });
    expect(checkTopUpErg(" 1.000000001 ", wallet, DEFAULT_FEE)).toEqual({ nanoErg: 1_000_000_001n });
    expect(checkTopUpErg(".1", null, DEFAULT_FEE)).toEqual({ nanoErg: 100_000_000n });
  });

  it("refuses text that is not an amount, 0 or less, and more digits than nanoERG have", () => {
    expect(checkTopUpErg("", wallet, DEFAULT_FEE)).toEqual({ error: "Enter an amount." });
    expect(checkTopUpErg("abc", wallet, DEFAULT_FEE)).toEqual({ error: '"abc" is not a number: use digits and at most one point, like 12.50.' });
    expect(checkTopUpErg("1,5", wallet, DEFAULT_FEE)).toMatchObject({ error: expect.stringMatching(/is not a number/) });
    expect(checkTopUpErg("0", wallet, DEFAULT_FEE)).toEqual({ error: "The amount must be more than 0." });
    expect(checkTopUpErg("0.000", wallet, DEFAULT_FEE)).toEqual({ error: "The amount must be more than 0." });
    expect(checkTopUpErg("-1", wallet, DEFAULT_FEE)).toEqual({ error: "The amount cannot be negative." });
    expect(checkTopUpErg("0.0000000001", wallet, DEFAULT_FEE)).toEqual({ error: "Too precise: ERG amounts take at most 9 digits after the point." });
  });

  it("refuses more than the wallet holds once the fee is counted, and lets exactly that through", () => {
    expect(checkTopUpErg("1.9989", wallet, DEFAULT_FEE)).toEqual({ nanoErg: 1_998_900_000n });
    expect(checkTopUpErg("1.99890001", wallet, DEFAULT_FEE)).toEqual({
      error: "Your wallet holds 2 ERG: adding 1.99890001 ERG and the 0.0011 ERG fee needs 2.00000001 ERG.",
    });
    expect(checkTopUpErg("5", wallet, DEFAULT_FEE)).toMatchObject({ error: expect.stringMatching(/^Your wallet holds 2 ERG/) });
  });

  it("leaves the shortfall to the builder when the page does not know all the wallet holds", () => {
    expect(checkTopUpErg("5", { nanoErg: 2_000_000_000n, atLeast: true }, DEFAULT_FEE)).toEqual({ nanoErg: 5_000_000_000n });
    expect(checkTopUpErg("5", null, DEFAULT_FEE)).toEqual({ nanoErg: 5_000_000_000n });
  });
});
