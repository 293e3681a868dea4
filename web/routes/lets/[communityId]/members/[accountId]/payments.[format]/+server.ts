import { accountOf } from "$lib/server/account-data.ts";
import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { paymentsQuery } from "$lib/server/tables.ts";
import type { RequestHandler } from "./$types";

/** The account's payments table as shown (same range, order and page) as a file. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  return passThrough(indexer, `account ${account.accountId}`, `/accounts/${account.accountId}/payments`, { ...paymentsQuery(url) }, format, `payments-${account.accountId.slice(0, 8)}`);
};
