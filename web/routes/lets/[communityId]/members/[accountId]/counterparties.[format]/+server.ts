import { accountOf, counterpartiesQuery } from "$lib/server/account-data.ts";
import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { counterpartyColumns } from "$lib/server/csv-tables.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** The account's counterparties table as shown (same sort and page) as a file: CSV with the page's values, JSON as the indexer answers. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  const q = counterpartiesQuery(url);
  const name = `counterparties-${account.accountId.slice(0, 8)}`;
  if (format === "json") return passThrough(indexer, "counterparties", `/accounts/${account.accountId}/counterparties`, q, format, name);
  const rows = async () => (await indexer.counterparties(account.accountId, q)).items;
  return csvDownload(indexer, "counterparties", account.communityId, locals.config.network, rows, counterpartyColumns, name, (cps) => cps.map((c) => c.accountId));
};
