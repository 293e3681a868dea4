import { describe, expect, it } from "vitest";
import { csvRecords, csvRows } from "./csv.ts";

describe("reading CSV", () => {
  const text = 'name,note,amount\r\n"Shells, Ltd","say ""hi""\r\nthere",-5\r\nplain,,0\r\n';

  it("reads RFC 4180: CRLF rows, quoted fields with commas, doubled quotes and line breaks, empty fields", () => {
    const rows = [
      ["name", "note", "amount"],
      ["Shells, Ltd", 'say "hi"\r\nthere', "-5"],
      ["plain", "", "0"],
    ];
    expect(csvRows(text)).toEqual(rows);
    expect(csvRows(text, { crlf: true })).toEqual(rows);
    expect(csvRecords(text)[1]).toEqual({ name: "plain", note: "", amount: "0" });
  });

  it("keeps a last row without a line end, and answers no records for a header alone or nothing", () => {
    expect(csvRecords("a,b\n1,2")).toEqual([{ a: "1", b: "2" }]);
    expect(csvRecords("a,b\r\n")).toEqual([]);
    expect(csvRecords("")).toEqual([]);
  });

  it("read strictly, refuses a bare line end outside quotes and a last row without CRLF", () => {
    expect(() => csvRows("a,b\n1,2\r\n", { crlf: true })).toThrow(/bare LF/);
    expect(() => csvRows("a,b\r\n1,2", { crlf: true })).toThrow(/does not end with CRLF/);
    expect(csvRows("", { crlf: true })).toEqual([]);
  });
});
