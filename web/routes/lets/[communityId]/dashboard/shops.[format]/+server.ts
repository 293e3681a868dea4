import { allPages } from "$lib/server/all-pages.ts";
import { shopColumns } from "$lib/server/dashboard-csv.ts";
import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { communityShops } from "$lib/server/market.ts";
import type { RequestHandler } from "./$types";

/** How many shops the JSON holds: the indexer's largest page (its `total` says if there are more); the CSV holds them all. */
const JSON_SHOPS = 1000;

/** The community's shops (its members' own and those that take its units): the indexer's JSON, or CSV of every one. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const communityId = requireHexId(params.communityId, "community");
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const name = `shops-${communityId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, `community ${communityId}`, `/communities/${communityId}/shops`, { limit: JSON_SHOPS }, format, name);
  const rows = () => allPages((limit, offset) => communityShops(indexer, communityId, { limit, offset }));
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, rows, shopColumns, name);
};
