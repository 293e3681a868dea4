import { describe, expect, it } from "vitest";
import { csvRecords } from "../../../util/csv.ts";
import { csvText, revenueColumns } from "../server/csv-tables.ts";
import type { RevenueBucket } from "../server/indexer-types.ts";
import { noRevenue, periodEdge, REVENUE_BUCKET_BLOCKS, revenueSeries, type RevenueRow } from "./revenue.ts";

const row = (fromHeight: number, toHeight: number, over: Partial<RevenueRow> = {}): RevenueRow => ({
  fromHeight, toHeight, fees: "0", demurrage: "0", swept: "0", collectedAtExit: "0", allowanceIssued: "0", allowanceSpent: "0", allowanceReturned: "0",
  outstanding: "0", allowanceOutstanding: "0", ...over,
});
const rows = [row(2, 719, { fees: "25", allowanceIssued: "8000", allowanceOutstanding: "8000", outstanding: "25" }), row(720, 736, { fees: "100", demurrage: "1", swept: "125", allowanceSpent: "4000", allowanceOutstanding: "4000", outstanding: "1" })];

describe("revenue over time", () => {
  it("periods are a day, a week or a month of blocks, as the charts' interval", () => {
    expect(REVENUE_BUCKET_BLOCKS).toEqual({ day: 720, week: 5_040, month: 21_600 });
  });

  it("draws each period between two whole x values, amounts in display units, and names each edge by its height", () => {
    const series = revenueSeries(rows, 2);
    expect(series.charged).toEqual([[0.5, 1.5], [0.25, 1], [0, 0.01]]);
    expect(series.held).toEqual([[0.5, 1.5], [0, 1.25], [0.25, 0.01]]);
    expect(series.allowances).toEqual([[0.5, 1.5], [80, 0], [0, 40], [80, 40]]);
    expect([0, 1, 2, 0.5, 3, -1].map((edge) => periodEdge(rows, edge))).toEqual(["2", "720", "737", "", "", ""]);
    expect(periodEdge([], 0)).toBe("");
  });

  it("says there is nothing to chart until something is charged, swept or issued", () => {
    expect(noRevenue([row(2, 719), row(720, 800)])).toBe(true);
    expect(noRevenue(rows)).toBe(false);
    expect(noRevenue([row(2, 719, { allowanceIssued: "1" })])).toBe(false);
  });

  it("downloads each period with its heights and every amount in the community's units and base units", () => {
    const buckets = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? BigInt(v) : v]))) as unknown as RevenueBucket[];
    const text = csvText(revenueColumns({ decimals: 2, network: "devnet", names: new Map() }), buckets);
    expect(text.split("\r\n")[0]).toBe(
      "fromHeight,toHeight,fees,feesUnits,demurrage,demurrageUnits,swept,sweptUnits,collectedAtExit,collectedAtExitUnits,allowanceIssued,allowanceIssuedUnits," +
        "allowanceSpent,allowanceSpentUnits,allowanceReturned,allowanceReturnedUnits,outstanding,outstandingUnits,allowanceOutstanding,allowanceOutstandingUnits,decimals",
    );
    const [first, second] = csvRecords(text, { crlf: true });
    expect(first).toMatchObject({ fromHeight: "2", toHeight: "719", fees: "0.25", feesUnits: "25", allowanceIssued: "80.00", outstanding: "0.25", decimals: "2" });
    expect(second).toMatchObject({ fromHeight: "720", fees: "1.00", demurrage: "0.01", swept: "1.25", sweptUnits: "125", allowanceOutstanding: "40.00" });
  });
});
