/**
 * The marketplace's CSV tables, written like the other downloads (`csv-tables.ts`): the raw
 * values the API has, and beside them what the page shows (the reviewer's name).
 */
import { formatTime } from "../dates.ts";
import type { ReviewView } from "../market/types.ts";
import type { CsvColumn, CsvContext } from "./csv-tables.ts";

/** The reviews of a member, one row per review, with its weight and whether it counts in the score. */
export function reviewColumns({ names }: CsvContext): CsvColumn<ReviewView>[] {
  return [
    { name: "paymentTxId", value: (r) => r.paymentTxId },
    { name: "payee", value: (r) => r.payee },
    { name: "reviewer", value: (r) => r.reviewer },
    { name: "reviewerName", value: (r) => r.reviewerName ?? names.get(r.reviewer) ?? "" },
    { name: "rating", value: (r) => r.rating },
    { name: "text", value: (r) => r.text },
    { name: "reviewerPaidMembers", value: (r) => r.reviewerPaidMembers },
    { name: "weight", value: (r) => r.weight },
    { name: "counted", value: (r) => String(r.counted) },
    { name: "txId", value: (r) => r.txId },
    { name: "height", value: (r) => r.height },
    { name: "time", value: (r) => formatTime(r.timestamp) },
  ];
}
