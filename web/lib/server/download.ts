/**
 * Downloads of a table as CSV or JSON, for the same query as the page, so the file holds exactly
 * the rows the page shows. JSON is the indexer's own answer passed through (amounts in base units,
 * owners as ErgoTree hex: the API's shape, for scripts). CSV is made here (`csv-tables.ts`) with
 * the page's values (owner addresses, amounts in the community's units) beside the raw ones: only
 * the web knows the network (for addresses) and reads the community's decimals with the rows.
 */
import { error } from "@sveltejs/kit";
import { fromIndexer } from "./http-errors.ts";
import { csvText, type CsvColumn, type CsvContext } from "./csv-tables.ts";
import type { IndexerClient } from "./indexer.ts";
import type { NetworkName } from "$ergo/network.ts";
import { unitsOf } from "./lines.ts";
import { namesFor } from "./names.ts";

export type DownloadFormat = "csv" | "json";

/** The format in a route's `[format]` parameter; anything else is a 404 (no such file). */
export function downloadFormat(param: string): DownloadFormat {
  if (param !== "csv" && param !== "json") error(404, `No download as ${param.slice(0, 20)}`);
  return param;
}

/** File headers of a download named `name`. */
const fileHeaders = (format: DownloadFormat, name: string) => ({
  "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  "content-disposition": `attachment; filename="${name}.${format}"`,
  "cache-control": "no-store",
});

/**
 * A table as the page shows it, as CSV: the community's decimals and the rows are read together,
 * then the names of the accounts `named` picks from the rows (for columns that name accounts by
 * id) and the name and decimals of the other communities `others` picks (a cross payment's), and
 * `columns` write them with the page's values and the raw ones.
 */
export async function csvDownload<T>(
  indexer: IndexerClient,
  what: string,
  communityId: string,
  network: NetworkName,
  rows: () => Promise<readonly T[]>,
  columns: (context: CsvContext) => CsvColumn<T>[],
  name: string,
  named: (rows: readonly T[]) => Iterable<string> = () => [],
  others: (rows: readonly T[]) => Iterable<string> = () => [],
): Promise<Response> {
  const [community, items] = await Promise.all([fromIndexer(`community ${communityId}`, () => indexer.community(communityId)), fromIndexer(what, rows)]);
  const [names, communities] = await Promise.all([
    fromIndexer(`community ${communityId}`, () => namesFor(indexer, communityId, named(items))),
    fromIndexer("communities of cross payments", () => unitsOf(indexer, others(items))),
  ]);
  const text = csvText(columns({ decimals: community.metadata.decimals, network, names, communities }), items);
  return new Response(text, { headers: fileHeaders("csv", name) });
}

/** The indexer's answer to `path` with `query` in `format`, as a file named `name`. */
export async function passThrough(
  indexer: IndexerClient,
  what: string,
  path: string,
  query: Record<string, string | number | undefined>,
  format: DownloadFormat,
  name: string,
): Promise<Response> {
  const upstream = await fromIndexer(what, () => indexer.raw(path, { ...query, format }));
  return new Response(upstream.body, { headers: fileHeaders(format, name) });
}
