/**
 * Downloads of a table as CSV or JSON: the indexer's own answer for the same query, passed
 * through with a file name, so the file holds exactly the rows the page shows.
 */
import { error } from "@sveltejs/kit";
import { fromIndexer } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";

export type DownloadFormat = "csv" | "json";

/** The format in a route's `[format]` parameter; anything else is a 404 (no such file). */
export function downloadFormat(param: string): DownloadFormat {
  if (param !== "csv" && param !== "json") error(404, `No download as ${param.slice(0, 20)}`);
  return param;
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
  return new Response(upstream.body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
