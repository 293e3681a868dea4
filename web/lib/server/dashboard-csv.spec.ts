import { describe, expect, it } from "vitest";
import { csvRecords } from "../../../util/csv.ts";
import { csvText, type CsvContext } from "./csv-tables.ts";
import { categoryColumns, shareColumns, traderColumns } from "./dashboard-csv.ts";

/** Reads the CSV back as the download is written: RFC 4180 with CRLF rows. */
const parse = (text: string) => csvRecords(text, { crlf: true });
const header = (text: string) => text.split("\r\n")[0]!.split(",");

const trader = "a1".repeat(32);
const context: CsvContext = { decimals: 2, network: "devnet", names: new Map([[trader, "Bob, the baker"]]) };
const WEEK_MS = 7 * 86_400_000;
const monday = Date.UTC(2026, 10, 30);

describe("the dashboard's CSV", () => {
  it("writes a category's volume in the community's units, its base units beside", () => {
    const text = csvText(categoryColumns(context), [{ category: "food", activeListings: 2, payments: 3, volume: 123_456_789n }]);
    expect(header(text)).toEqual(["category", "activeListings", "payments", "volume", "volumeUnits", "decimals"]);
    expect(parse(text)[0]).toEqual({ category: "food", activeListings: "2", payments: "3", volume: "1234567.89", volumeUnits: "123456789", decimals: "2" });
  });

  it("writes each week's shares as the page does, and none for a week without payments", () => {
    const weeks = [
      { start: monday, end: monday + WEEK_MS, payments: 3, marketPayments: 1, volume: 3000n, marketVolume: 1250n },
      { start: monday + WEEK_MS, end: monday + 2 * WEEK_MS, payments: 0, marketPayments: 0, volume: 0n, marketVolume: 0n },
    ];
    const text = csvText(shareColumns(context), weeks);
    expect(header(text)).toEqual([
      "start", "end", "payments", "marketPayments", "paymentsSharePercent", "volume", "volumeUnits", "marketVolume", "marketVolumeUnits",
      "volumeSharePercent", "startMs", "endMs", "decimals",
    ]);
    const [first, quiet] = parse(text);
    expect(first).toMatchObject({ start: "2026-11-30", end: "2026-12-07", paymentsSharePercent: "33.3", volume: "30.00", marketVolume: "12.50", volumeSharePercent: "41.7" });
    expect(quiet).toMatchObject({ payments: "0", paymentsSharePercent: "", volumeSharePercent: "", startMs: String(monday + WEEK_MS) });
  });

  it("writes a trader's amounts exactly and its name last, quoted when it holds a comma", () => {
    const row = { accountId: trader, paid: 9_223_372_036_854_775_807n, received: 5n, traded: 9_223_372_036_854_775_812n, payments: 4, counterparties: 2 };
    const text = csvText(traderColumns(context), [row]);
    expect(header(text).at(-1)).toBe("name");
    expect(text).toContain('"Bob, the baker"');
    expect(parse(text)[0]).toMatchObject({ paid: "92233720368547758.07", paidUnits: "9223372036854775807", traded: "92233720368547758.12", counterparties: "2" });
  });
});
