import { describe, expect, it } from "vitest";
import { toCsv, toJson } from "./csv.ts";

describe("toCsv", () => {
  it("writes a header, CRLF rows, and quotes only the fields that need it", () => {
    const rows = [
      { name: 'Second, "quoted"\nline', amount: -40n, note: null },
      { name: "plain", amount: 5n, note: "x" },
    ];
    expect(toCsv(["name", "amount", "note"], rows)).toBe('name,amount,note\r\n"Second, ""quoted""\nline",-40,\r\nplain,5,x\r\n');
  });

  it("writes only the header for no rows", () => {
    expect(toCsv<{ a: string }>(["a"], [])).toBe("a\r\n");
  });
});

describe("toJson", () => {
  it("writes bigints as decimal strings, exactly", () => {
    expect(toJson({ amount: 2n ** 63n - 1n, n: 1 })).toBe('{"amount":"9223372036854775807","n":1}');
  });
});
