import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRows } from "./csv.ts";

describe("parseCsv", () => {
  it("reads RFC 4180: CRLF rows, quoted fields with commas, doubled quotes and line breaks, empty fields", () => {
    const text = 'name,note,amount\r\n"Shells, Ltd","say ""hi""\r\nthere",-5\r\nplain,,0\r\n';
    expect(parseCsvRows(text)).toEqual([
      ["name", "note", "amount"],
      ["Shells, Ltd", 'say "hi"\r\nthere', "-5"],
      ["plain", "", "0"],
    ]);
    expect(parseCsv(text)[1]).toEqual({ name: "plain", note: "", amount: "0" });
  });

  it("keeps a last row without a line end, and answers no records for a header alone or nothing", () => {
    expect(parseCsv("a,b\n1,2")).toEqual([{ a: "1", b: "2" }]);
    expect(parseCsv("a,b\r\n")).toEqual([]);
    expect(parseCsv("")).toEqual([]);
  });
});
