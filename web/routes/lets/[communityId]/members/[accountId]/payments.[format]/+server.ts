import { accountOf } from "$lib/server/account-data.ts";
import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { crossCommunities, legAccounts, paymentColumns } from "$lib/server/csv-tables.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** The account's payments table as shown (same range, order and page) as a file: CSV with the page's values, JSON as the indexer answers. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  const name = `payments-${account.accountId.slice(0, 8)}`;
  const q = paymentsQuery(url);
  const what = `account ${account.accountId}`;
  if (format === "json") return passThrough(indexer, what, `/accounts/${account.accountId}/payments`, { ...q }, format, name);
  const rows = async () => (await indexer.accountPayments(account.accountId, q)).items;
  return csvDownload(indexer, what, account.communityId, locals.config.network, rows, paymentColumns, name, legAccounts, crossCommunities);
};
