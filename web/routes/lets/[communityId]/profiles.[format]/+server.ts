import { json } from "@sveltejs/kit";
import { allPages } from "$lib/server/all-pages.ts";
import { csvDownload, downloadFormat } from "$lib/server/download.ts";
import { profileColumns } from "$lib/server/csv-tables.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/**
 * Every member's current profile (name, about, link, the transaction that set it), all of them:
 * the trade network's labels, and a file. JSON `{ communityId, total, items }` in the indexer's
 * profile shape; CSV with the time as the pages write it.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  const communityId = requireHexId(params.communityId, "community");
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const rows = () => allPages((limit, offset) => indexer.profiles(communityId, { limit, offset }));
  const name = `profiles-${communityId.slice(0, 8)}`;
  if (format === "csv") return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, rows, profileColumns, name);
  const items = await fromIndexer(`community ${communityId}`, rows);
  return json({ communityId, total: items.length, items }, { headers: { "content-disposition": `attachment; filename="${name}.json"`, "cache-control": "no-store" } });
};
