import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.ts";
import { csvRows } from "../../../util/csv.ts";
import { simulatedTime, TRANSACTION_COLUMNS } from "./tables.ts";

describe("csvField", () => {
  it("leaves plain fields alone and quotes those with commas, quotes or line breaks", () => {
    expect(csvField("m0001")).toBe("m0001");
    expect(csvField(12n)).toBe("12");
    expect(csvField(null)).toBe("");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});

describe("toCsv", () => {
  it("writes the header and one line per row, and parses back to the same cells", () => {
    const rows = [
      ["2026-01-05 00:00:00", "m0001", "m0002", 12n, "VLG", "STANDARD"],
      ["2026-01-05 01:00:00", "m,3", 'm"4', 1n, "V\nLG", "STANDARD"],
    ];
    const text = toCsv(TRANSACTION_COLUMNS, rows);
    expect(text.split("\n")[0]).toBe("timeset,source,target,weight,token_name,transfer_subtype");
    expect(text.endsWith("\n")).toBe(true);
    expect(csvRows(text)).toEqual([[...TRANSACTION_COLUMNS], ...rows.map((r) => r.map(String))]);
  });

  it("refuses a row whose length differs from the header's", () => {
    expect(() => toCsv(["a", "b"], [["1"]])).toThrow(/1 fields, the header 2/);
  });
});

describe("simulatedTime", () => {
  it("maps a simulated block to its start in UTC", () => {
    expect(simulatedTime("2026-01-05", 24, 0)).toBe("2026-01-05 00:00:00");
    expect(simulatedTime("2026-01-05", 24, 25)).toBe("2026-01-06 01:00:00");
    expect(simulatedTime("2026-01-05", 7, 1)).toBe("2026-01-05 03:25:42");
  });
});
