import { accountOf, counterpartiesQuery } from "$lib/server/account-data.ts";
import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** The account's counterparties table as shown (same sort and page) as a file: the indexer's answer. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  const q = counterpartiesQuery(url);
  return passThrough(indexer, "counterparties", `/accounts/${account.accountId}/counterparties`, q, format, `counterparties-${account.accountId.slice(0, 8)}`);
};
