import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { crossCommunities, legAccounts, paymentColumns } from "$lib/server/csv-tables.ts";
import { requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** The payments table as shown (same range, order and page) as a file: CSV with the page's values, JSON as the indexer answers. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const communityId = requireHexId(params.communityId, "community");
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const name = `payments-${communityId.slice(0, 8)}`;
  const q = paymentsQuery(url);
  if (format === "json") return passThrough(indexer, `community ${communityId}`, `/communities/${communityId}/payments`, { ...q }, format, name);
  const rows = async () => (await indexer.payments(communityId, q)).items;
  return csvDownload(indexer, `community ${communityId}`, communityId, locals.config.network, rows, paymentColumns, name, legAccounts, crossCommunities);
};
