/**
 * An economics community's revenue over time (docs/economics.md) as the community page draws it:
 * periods of a day, a week or a month of blocks (the charts' interval), x at each period's first
 * height; amounts in display units for drawing only (the table and the download keep them exact).
 */
import type { RevenueBucketJson } from "../../../indexer/api/types.ts";
import { unitsToNumber, type Series } from "../components/explorer/chart-data.ts";

/** Blocks per revenue period for each chart interval (720 blocks are about a day at 2 minutes a block). */
export const REVENUE_BUCKET_BLOCKS = { day: 720, week: 5_040, month: 21_600 } as const;

/** A revenue period as the revenue download sends it (amounts as decimal strings): the indexer API's shape. */
export type RevenueRow = RevenueBucketJson;

/**
 * The three charts' data: what was charged per period (fees, demurrage), what was swept per period
 * and what accounts held after each, and the newcomer allowances issued and spent per period and
 * unspent after each. Period i spans [i, i + 1] on the x scale (its point in the middle), so
 * a tick at a whole number is the edge between two periods: `periodEdge` names its height.
 */
export function revenueSeries(rows: readonly RevenueRow[], decimals: number): { charged: Series[]; held: Series[]; allowances: Series[] } {
  const x = rows.map((_, i) => i + 0.5);
  const series = (pick: (r: RevenueRow) => string) => rows.map((r) => unitsToNumber(pick(r), decimals));
  return {
    charged: [x, series((r) => r.fees), series((r) => r.demurrage)],
    held: [x, series((r) => r.swept), series((r) => r.outstanding)],
    allowances: [x, series((r) => r.allowanceIssued), series((r) => r.allowanceSpent), series((r) => r.allowanceOutstanding)],
  };
}

/** Nothing charged, swept or issued in any period: nothing to chart yet. */
export const noRevenue = (rows: readonly RevenueRow[]): boolean =>
  rows.every((r) => [r.fees, r.demurrage, r.swept, r.collectedAtExit, r.allowanceIssued, r.allowanceSpent, r.allowanceReturned].every((v) => v === "0"));

/** The height at the edge `edge` of the x scale: period `edge`'s first height, or past the last period; "" between edges. */
export function periodEdge(rows: readonly RevenueRow[], edge: number): string {
  if (!Number.isInteger(edge) || edge < 0 || edge > rows.length || rows.length === 0) return "";
  return String(edge < rows.length ? rows[edge]!.fromHeight : rows[rows.length - 1]!.toHeight + 1);
}
