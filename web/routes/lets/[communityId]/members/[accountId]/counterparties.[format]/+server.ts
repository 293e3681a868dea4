import { accountLegs, accountOf, counterpartiesQuery, counterpartyPage } from "$lib/server/account-data.ts";
import { derivedFile, downloadFormat } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** The account's counterparties table as shown (same sort and page) as a file. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  const page = counterpartyPage(account.accountId, await accountLegs(indexer, account.accountId), counterpartiesQuery(url));
  const columns = ["accountId", "payments", "paid", "received", "net", "lastHeight"] as const;
  return derivedFile(page.items, columns, format, `counterparties-${account.accountId.slice(0, 8)}`, { total: page.total, limit: page.limit, offset: page.offset });
};
