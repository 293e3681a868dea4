import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayHoldUnsafeNumber, parseJson, parseJsonLossless, stringifyJson } from "./json.ts";

const FIXTURES = new URL("../test/fixtures/ergo-node/", import.meta.url);

/** JSON values with every kind of number a node could send, and strings that look like numbers or hold escapes. */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(9_007_199_254_740_991, -9_007_199_254_740_991, 1e21, 0.000001),
    fc.string(),
    fc.stringMatching(/^[0-9a-f"\\:,[\]eE.]{0,40}$/),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("any"), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("any"), { maxKeys: 5 }),
  ),
})).any;

describe("parseJson", () => {
  it("gives exactly what the lossless parser gives, for any JSON", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = stringifyJson(v);
        expect(parseJson(text)).toStrictEqual(parseJsonLossless(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps the mainnet fixtures exact, the token amount above 2^53 included", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(new URL(file, FIXTURES), "utf8");
      expect(parseJson(text)).toStrictEqual(parseJsonLossless(text));
    }
    const block = readFileSync(new URL("mainnet-block-693479-full.json", FIXTURES), "utf8");
    expect(mayHoldUnsafeNumber(block)).toBe(true);
  });

  it("takes the fast path only when no number could be unsafe", () => {
    expect(mayHoldUnsafeNumber('{"value":1000000000,"boxId":"12345678901234567890ab"}')).toBe(false);
    expect(mayHoldUnsafeNumber('{"value":9007199254740993}')).toBe(true);
    expect(mayHoldUnsafeNumber('{"value":1e3}')).toBe(true);
    expect(mayHoldUnsafeNumber('{"a":"\\"","b":[12345678901234567]}')).toBe(true);
    expect(mayHoldUnsafeNumber('{"a":"\\\\","b":"12345678901234567"}')).toBe(false);
    expect(() => parseJson('{"a":"unterminated')).toThrow(SyntaxError);
  });

  it("with \"refuse\", refuses an integer a number cannot hold and keeps safe ones (APIs that send amounts as strings)", () => {
    expect(parseJson('{"height": 9007199254740991}', "refuse")).toEqual({ height: 9007199254740991 });
    expect(() => parseJson('{"height": 9007199254740993}', "refuse")).toThrow(SyntaxError);
  });
});
